import { customFieldKey } from "./custom-fields";
import type { HuduAsset } from "./schemas";

/**
 * An asset as a sweep of a whole layout keeps it: what comparing, linking and archiving need,
 * with its custom fields by their key (customFieldKey of the label). A large layout's assets as
 * Hudu sends them (slug, url, timestamps, a {id, label, value, position} object per field) are
 * around 1.5 KB each in memory; 60,000 contacts of them were a quarter of an import's heap.
 */
export interface HuduAssetSummary {
  id: number;
  company_id: number | null;
  company_name: string | null;
  asset_layout_id: number | null;
  name: string;
  archived: boolean;
  /** Each custom field's value by its key; the first field wins when two labels share a key. */
  fields: Record<string, unknown>;
}

/**
 * The summary of one asset. `names` shares the company names of one sweep: thousands of assets
 * name the same few hundred companies, and each would otherwise keep its own copy.
 */
export function summariseAsset(asset: HuduAsset, names: Map<string, string> = new Map()): HuduAssetSummary {
  const fields: Record<string, unknown> = {};
  for (const field of asset.fields) {
    const key = customFieldKey(field.label);
    // "__proto__" would set the prototype rather than a field; no layout of ours has it.
    if (key === "__proto__" || Object.hasOwn(fields, key)) continue;
    fields[key] = field.value ?? null;
  }
  let companyName = asset.company_name;
  if (companyName !== null) {
    const shared = names.get(companyName);
    if (shared === undefined) names.set(companyName, companyName);
    else companyName = shared;
  }
  return {
    id: asset.id,
    company_id: asset.company_id,
    company_name: companyName,
    asset_layout_id: asset.asset_layout_id,
    name: asset.name,
    archived: asset.archived,
    fields,
  };
}
