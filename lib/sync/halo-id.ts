import { customFieldKey } from "@/lib/hudu/custom-fields";
import type { HuduAssetSummary } from "@/lib/hudu/asset-summary";
import type { HuduCompany } from "@/lib/hudu/schemas";
import { formatHaloIdStamp, idKey, isHaloIntegrator, readIdNumber } from "@/lib/match/halo-ids";

/**
 * The Halo ids we leave in Hudu, so links can be rebuilt when our database is lost and a record
 * whose create answer never arrived is found instead of created twice:
 * - an asset carries its Halo record's id in its layout's Halo ID field (plain digits);
 * - a company we create carries "halo:<client id>" in `id_number` (formatHaloIdStamp, the stamp
 *   the matching engine already reads as the strongest evidence).
 */

export { formatHaloIdStamp };

/** The Halo id in an asset's Halo ID field (labelled `haloIdLabel` in its layout), or null. */
export function haloIdOfAsset(asset: Pick<HuduAssetSummary, "fields">, haloIdLabel: string): number | null {
  const key = customFieldKey(haloIdLabel);
  if (!Object.hasOwn(asset.fields, key)) return null;
  const reading = readIdNumber(asset.fields[key]);
  return reading ? Number(reading.haloId) : null;
}

/**
 * The Halo client a Hudu company belongs to by what Hudu itself holds: our `id_number` stamp
 * ("halo:123"; a bare number is someone's own numbering, not ours), or Hudu's own Halo
 * integration's sync_id.
 */
export function haloClientIdOfCompany(company: Pick<HuduCompany, "id_number" | "integrations">): number | null {
  const stamp = readIdNumber(company.id_number);
  if (stamp?.kind === "stamp") return Number(stamp.haloId);
  for (const integration of company.integrations) {
    if (!isHaloIntegrator(integration.integrator_name)) continue;
    const id = idKey(integration.sync_id);
    if (id) return Number(id);
  }
  return null;
}
