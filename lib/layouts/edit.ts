import type { Db } from "@/db";
import { customFieldKey } from "@/lib/hudu/custom-fields";
import type { HuduClient } from "@/lib/hudu/client";
import type { HuduAssetLayout, HuduLayoutFieldInput } from "@/lib/hudu/schemas";
import { loadSyncSettings, saveSyncSettings } from "@/lib/sync/settings";
import type { FieldMapping, SyncSettings } from "@/lib/sync/settings-schema";
import { COMPATIBLE_FIELD_TYPES, sourceInfo } from "@/lib/sync/sources";
import type { AssetRecordType } from "@/lib/sync/types";
import { autoMapping } from "./auto-map";
import { haloIdFix } from "./ensure";
import { RECOMMENDED_LAYOUTS } from "./recommended";
import { layoutState } from "./state";

/**
 * The Layouts page's edits, one small step each: choose a layout, activate it, add the mapped
 * fields it lacks, save a mapping (checked against the layout: Hudu refuses unknown keys) or the
 * options. Each returns a typed result with plain words; none throws for a user's mistake.
 */

export type EditResult = { status: "ok"; message: string } | { status: "invalid"; message: string };

const TYPE_WORDS: Record<AssetRecordType, string> = { site: "sites", contact: "contacts", contract: "contracts" };

function save(db: Db, settings: SyncSettings, updatedBy: string): EditResult | null {
  const result = saveSyncSettings({ db, settings, updatedBy });
  return result.status === "invalid" ? { status: "invalid", message: result.message } : null;
}

async function findLayout(hudu: HuduClient, id: number): Promise<HuduAssetLayout | undefined> {
  return (await hudu.listAssetLayouts()).find((l) => l.id === id);
}

/** Chooses an existing layout for a type; its fields are mapped by label, the Halo id included. */
export async function chooseLayout({ db, hudu, type, layoutId, updatedBy }: { db: Db; hudu: HuduClient; type: AssetRecordType; layoutId: number; updatedBy: string }): Promise<EditResult> {
  const layout = await findLayout(hudu, layoutId);
  if (!layout) return { status: "invalid", message: `Hudu has no layout ${layoutId} any more. Reload the page.` };
  const settings = loadSyncSettings({ db });
  const { mapping } = haloIdFix(type, layout, autoMapping(type, layout));
  const error = save(db, { ...settings, layouts: { ...settings.layouts, [type]: { id: layout.id, name: layout.name } }, mapping: { ...settings.mapping, [type]: mapping } }, updatedBy);
  return error ?? { status: "ok", message: `${layout.name} is now where ${TYPE_WORDS[type]} go; ${mapping.length} fields mapped by their labels.` };
}

/** Activates the chosen layout (reading it and saving it whole, so no field is lost). */
export async function activateChosenLayout({ db, hudu, type }: { db: Db; hudu: HuduClient; type: AssetRecordType }): Promise<EditResult> {
  const chosen = loadSyncSettings({ db }).layouts[type];
  if (!chosen) return { status: "invalid", message: `Choose a layout for ${TYPE_WORDS[type]} first.` };
  const layout = await hudu.activateAssetLayout(chosen.id);
  return { status: "ok", message: `${layout.name} is active.` };
}

/** The mapped fields the chosen layout lacks, with the type each would get. */
export function missingFields(type: AssetRecordType, layout: Pick<HuduAssetLayout, "fields">, mapping: FieldMapping[]): Array<{ label: string; fieldType: HuduLayoutFieldInput["field_type"] }> {
  const keys = new Set(layout.fields.map((f) => customFieldKey(f.label)));
  const out: Array<{ label: string; fieldType: HuduLayoutFieldInput["field_type"] }> = [];
  for (const m of mapping) {
    if (keys.has(customFieldKey(m.label))) continue;
    const kind = sourceInfo(type, m.source)?.kind;
    if (!kind) continue;
    const recommended = RECOMMENDED_LAYOUTS[type].fields.find((f) => f.source === m.source);
    out.push({ label: m.label, fieldType: recommended?.fieldType ?? COMPATIBLE_FIELD_TYPES[kind][0] });
  }
  return out;
}

/** Adds the mapped fields the chosen layout lacks (Hudu keeps every existing field and value). */
export async function addMissingFields({ db, hudu, type }: { db: Db; hudu: HuduClient; type: AssetRecordType }): Promise<EditResult> {
  const settings = loadSyncSettings({ db });
  const chosen = settings.layouts[type];
  if (!chosen) return { status: "invalid", message: `Choose a layout for ${TYPE_WORDS[type]} first.` };
  const layout = await hudu.getAssetLayout(chosen.id);
  const missing = missingFields(type, layout, settings.mapping[type]);
  if (missing.length === 0) return { status: "ok", message: `${layout.name} already has every mapped field.` };
  const siteLayoutId = settings.layouts.site?.id;
  if (missing.some((f) => f.fieldType === "AssetTag") && !siteLayoutId) {
    return { status: "invalid", message: "A link to the site needs the sites layout: choose it first." };
  }
  await hudu.addLayoutFields(
    chosen.id,
    missing.map((f) => ({ label: f.label, field_type: f.fieldType, linkable_id: f.fieldType === "AssetTag" ? siteLayoutId : undefined })),
  );
  return { status: "ok", message: `Added ${missing.map((f) => f.label).join(", ")} to ${layout.name}.` };
}

/**
 * Saves a type's mapping after checking it against the chosen layout: every label must be a
 * field of the layout whose type can hold the Halo value.
 */
export async function saveMapping({ db, hudu, type, mapping, updatedBy }: { db: Db; hudu: HuduClient; type: AssetRecordType; mapping: FieldMapping[]; updatedBy: string }): Promise<EditResult> {
  const settings = loadSyncSettings({ db });
  const chosen = settings.layouts[type];
  if (!chosen) return { status: "invalid", message: `Choose a layout for ${TYPE_WORDS[type]} first.` };
  const layout = await findLayout(hudu, chosen.id);
  if (!layout) return { status: "invalid", message: `The layout "${chosen.name}" is no longer in Hudu. Choose another.` };
  const state = layoutState({ type, chosen, layout, mapping, siteLayoutId: settings.layouts.site?.id ?? null });
  const mapped = new Set(state.fields.map((f) => customFieldKey(f.label)));
  const refused = mapping.filter((m) => !mapped.has(customFieldKey(m.label)));
  if (refused.length > 0) {
    const problems = state.problems.filter((p) => refused.some((m) => p.includes(`"${m.label}"`)));
    return { status: "invalid", message: problems.join(" ") || `Not saved: ${refused.map((m) => m.label).join(", ")} cannot be used.` };
  }
  const error = save(db, { ...settings, mapping: { ...settings.mapping, [type]: mapping } }, updatedBy);
  return error ?? { status: "ok", message: `Saved the mapping for ${TYPE_WORDS[type]}.` };
}

/** Saves the company options and the import options (everything but layouts and mappings). */
export function saveOptions({ db, company, options, updatedBy }: { db: Db; company: SyncSettings["company"]; options: SyncSettings["options"]; updatedBy: string }): EditResult {
  const settings = loadSyncSettings({ db });
  const error = save(db, { ...settings, company, options }, updatedBy);
  return error ?? { status: "ok", message: "Saved the options." };
}
