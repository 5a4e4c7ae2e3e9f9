import type { Db } from "@/db";
import { customFieldKey } from "@/lib/hudu/custom-fields";
import type { HuduClient } from "@/lib/hudu/client";
import type { HuduAssetLayout, HuduLayoutFieldInput } from "@/lib/hudu/schemas";
import { loadSyncSettings, saveSyncSettings } from "@/lib/sync/settings";
import type { FieldMapping, SyncSettings } from "@/lib/sync/settings-schema";
import { COMPATIBLE_FIELD_TYPES, HALO_ID_SOURCE } from "@/lib/sync/sources";
import { assetRecordTypes, type AssetRecordType } from "@/lib/sync/types";
import { autoMapping } from "./auto-map";
import { HALO_ID_LABEL, RECOMMENDED_LAYOUTS, recommendedMapping } from "./recommended";
import { chosenLayouts } from "./overview";
import { layoutStates, type LayoutState } from "./state";

/**
 * Setting the layouts up: for each of sites, contacts and contracts, keep the chosen layout, or
 * choose the one named Sites / Contacts / Contracts, or create the recommended one; activate
 * what is inactive; add a Halo ID field where there is none. Hudu has no delete for layouts, so
 * the steps are worked out first (planEnsure, pure) for the admin to confirm, then applied.
 * Run twice, the second run finds everything in place and does nothing.
 */

export interface NewField {
  label: string;
  fieldType: HuduLayoutFieldInput["field_type"];
}

export type EnsureStep =
  | { kind: "keep"; type: AssetRecordType; layoutId: number; layoutName: string }
  | { kind: "choose"; type: AssetRecordType; layoutId: number; layoutName: string; mapping: FieldMapping[] }
  | { kind: "create"; type: AssetRecordType; layoutName: string; fields: NewField[]; mapping: FieldMapping[] }
  /** layoutId is null for a layout created by an earlier step. */
  | { kind: "activate"; type: AssetRecordType; layoutId: number | null; layoutName: string }
  | { kind: "add-fields"; type: AssetRecordType; layoutId: number | null; layoutName: string; fields: NewField[]; mapping: FieldMapping[] };

const TYPE_WORDS: Record<AssetRecordType, string> = { site: "Sites", contact: "Contacts", contract: "Contracts" };

export function describeStep(step: EnsureStep): string {
  const t = TYPE_WORDS[step.type];
  switch (step.kind) {
    case "keep":
      return `${t}: keep "${step.layoutName}".`;
    case "choose":
      return `${t}: use the existing layout "${step.layoutName}".`;
    case "create":
      return `${t}: create the layout "${step.layoutName}" with ${step.fields.map((f) => `${f.label} (${f.fieldType})`).join(", ")}.`;
    case "activate":
      return `${t}: activate "${step.layoutName}".`;
    case "add-fields":
      return `${t}: add ${step.fields.map((f) => `${f.label} (${f.fieldType})`).join(", ")} to "${step.layoutName}".`;
  }
}

/** True for steps that change Hudu (the rest only change our settings). */
export function changesHudu(step: EnsureStep): boolean {
  return step.kind === "create" || step.kind === "activate" || step.kind === "add-fields";
}

function byName(layouts: HuduAssetLayout[], name: string): HuduAssetLayout | undefined {
  const wanted = name.trim().toLowerCase();
  return layouts
    .filter((l) => l.name.trim().toLowerCase() === wanted)
    .sort((a, b) => Number(b.active) - Number(a.active) || a.id - b.id)[0];
}

/** The mapping with its Halo id going to a field the layout has (adding "Halo ID" when needed). */
export function haloIdFix(type: AssetRecordType, layout: Pick<HuduAssetLayout, "fields">, mapping: FieldMapping[]): { mapping: FieldMapping[]; add: NewField | null } {
  const allowed = COMPATIBLE_FIELD_TYPES.haloId as readonly string[];
  const mapped = mapping.find((m) => m.source === HALO_ID_SOURCE);
  const fits = (label: string) => layout.fields.some((f) => customFieldKey(f.label) === customFieldKey(label) && allowed.includes(f.field_type));
  if (mapped && fits(mapped.label)) return { mapping, add: null };
  const rest = mapping.filter((m) => m.source !== HALO_ID_SOURCE);
  const existing = layout.fields.find((f) => customFieldKey(f.label) === customFieldKey(HALO_ID_LABEL));
  if (existing && allowed.includes(existing.field_type)) return { mapping: [...rest, { source: HALO_ID_SOURCE, label: existing.label }], add: null };
  // A field called "Halo ID" of another type is someone else's: use a label of our own.
  const label = existing ? "Halo Sync ID" : HALO_ID_LABEL;
  return { mapping: [...rest, { source: HALO_ID_SOURCE, label }], add: { label, fieldType: "Text" } };
}

/** The fields of a recommended layout (site links only when a sites layout will exist). */
function recommendedFields(type: AssetRecordType, withSiteLink: boolean): { fields: NewField[]; mapping: FieldMapping[] } {
  const fields = RECOMMENDED_LAYOUTS[type].fields.filter((f) => withSiteLink || !f.linksTo);
  const labels = new Set(fields.map((f) => f.label));
  return {
    fields: fields.map((f) => ({ label: f.label, fieldType: f.fieldType })),
    mapping: recommendedMapping(type).filter((m) => labels.has(m.label)),
  };
}

/** The steps that leave every type (or those in `only`) with an active layout holding its Halo id. */
export function planEnsure({
  settings,
  layouts,
  only = assetRecordTypes,
  fresh = false,
}: {
  settings: SyncSettings;
  layouts: HuduAssetLayout[];
  only?: readonly AssetRecordType[];
  /** Ignore the current choice for the types in `only` (the "use the recommended layout" button). */
  fresh?: boolean;
}): EnsureStep[] {
  const steps: EnsureStep[] = [];
  let siteLayoutPlanned = settings.layouts.site !== null && layouts.some((l) => l.id === settings.layouts.site!.id);
  for (const type of assetRecordTypes) {
    if (!only.includes(type)) continue;
    const chosen = fresh ? null : settings.layouts[type];
    const kept = chosen ? layouts.find((l) => l.id === chosen.id) : undefined;
    const named = kept ? undefined : byName(layouts, RECOMMENDED_LAYOUTS[type].name);
    const layout = kept ?? named;
    if (layout) {
      // The Halo id is mapped from the start (the settings require it); its field follows below.
      const { mapping, add } = haloIdFix(type, layout, kept ? settings.mapping[type] : autoMapping(type, layout));
      if (kept) steps.push({ kind: "keep", type, layoutId: layout.id, layoutName: layout.name });
      else steps.push({ kind: "choose", type, layoutId: layout.id, layoutName: layout.name, mapping });
      if (!layout.active) steps.push({ kind: "activate", type, layoutId: layout.id, layoutName: layout.name });
      if (add) steps.push({ kind: "add-fields", type, layoutId: layout.id, layoutName: layout.name, fields: [add], mapping });
    } else {
      const { fields, mapping } = recommendedFields(type, type === "site" || siteLayoutPlanned);
      steps.push({ kind: "create", type, layoutName: RECOMMENDED_LAYOUTS[type].name, fields, mapping });
      steps.push({ kind: "activate", type, layoutId: null, layoutName: RECOMMENDED_LAYOUTS[type].name });
    }
    if (type === "site") siteLayoutPlanned = true;
  }
  return steps;
}

export interface EnsureResult {
  steps: EnsureStep[];
  /** Plain words for what was done (Hudu changes and choices). */
  done: string[];
  settings: SyncSettings;
  states: Record<AssetRecordType, LayoutState>;
  /** Set when a step failed; the steps before it stay done (and saved). */
  error?: string;
}

function fieldInput(type: AssetRecordType, field: NewField, siteLayoutId: number | null, position?: number): HuduLayoutFieldInput {
  const recommended = RECOMMENDED_LAYOUTS[type].fields.find((f) => f.label === field.label);
  return {
    label: field.label,
    field_type: field.fieldType,
    show_in_list: recommended?.showInList ?? false,
    hint: recommended?.hint,
    linkable_id: field.fieldType === "AssetTag" && siteLayoutId !== null ? siteLayoutId : undefined,
    position,
  };
}

/**
 * Works out the steps, applies them one by one and saves the settings after each, so a failure
 * half-way never leaves a created layout unrecorded (a re-run would otherwise create another).
 */
export async function ensureLayouts({
  db,
  hudu,
  updatedBy,
  only,
  fresh,
  expected,
}: {
  db: Db;
  hudu: HuduClient;
  updatedBy: string | null;
  only?: readonly AssetRecordType[];
  fresh?: boolean;
  /** The steps the admin confirmed: when Hudu's layouts changed meanwhile, nothing is done. */
  expected?: EnsureStep[];
}): Promise<EnsureResult> {
  let settings = loadSyncSettings({ db });
  let layouts = await hudu.listAssetLayouts();
  const steps = planEnsure({ settings, layouts, only, fresh });
  const done: string[] = [];
  const finish = async (error?: string): Promise<EnsureResult> => {
    layouts = await hudu.listAssetLayouts();
    return { steps, done, settings, states: layoutStates({ settings, layouts: chosenLayouts(settings, layouts) }), error };
  };
  if (expected && JSON.stringify(expected.filter(changesHudu)) !== JSON.stringify(steps.filter(changesHudu))) {
    return finish("Hudu's layouts changed since you looked; nothing was done. Review the steps again.");
  }

  const save = (next: SyncSettings) => {
    const result = saveSyncSettings({ db, settings: next, updatedBy });
    if (result.status === "invalid") throw new Error(`The layout settings could not be saved: ${result.message}`);
    settings = result.settings;
  };
  const createdIds: Partial<Record<AssetRecordType, number>> = {};
  const idOf = (type: AssetRecordType, id: number | null) => id ?? createdIds[type] ?? null;

  try {
    for (const step of steps) {
      const type = step.type;
      switch (step.kind) {
        case "keep":
          break;
        case "choose":
          save({ ...settings, layouts: { ...settings.layouts, [type]: { id: step.layoutId, name: step.layoutName } }, mapping: { ...settings.mapping, [type]: step.mapping } });
          done.push(describeStep(step));
          break;
        case "create": {
          const r = RECOMMENDED_LAYOUTS[type];
          const siteLayoutId = settings.layouts.site?.id ?? null;
          const created = await hudu.createAssetLayout({
            name: r.name,
            icon: r.icon,
            color: r.color,
            icon_color: r.iconColor,
            include_passwords: false,
            include_photos: false,
            include_comments: true,
            include_files: true,
            fields: step.fields.map((f, i) => fieldInput(type, f, siteLayoutId, i + 1)),
          });
          createdIds[type] = created.id;
          save({ ...settings, layouts: { ...settings.layouts, [type]: { id: created.id, name: created.name } }, mapping: { ...settings.mapping, [type]: step.mapping } });
          done.push(describeStep(step));
          break;
        }
        case "activate": {
          const id = idOf(type, step.layoutId);
          if (id === null) break;
          // Leaves an active layout alone (Hudu may have created it active after all).
          await hudu.activateAssetLayout(id);
          done.push(describeStep(step));
          break;
        }
        case "add-fields": {
          const id = idOf(type, step.layoutId);
          if (id === null) break;
          await hudu.addLayoutFields(
            id,
            step.fields.map((f) => fieldInput(type, f, settings.layouts.site?.id ?? null)),
          );
          save({ ...settings, mapping: { ...settings.mapping, [type]: step.mapping } });
          done.push(describeStep(step));
          break;
        }
      }
    }
  } catch (error) {
    const message = error instanceof Error && "userMessage" in error ? String((error as { userMessage: unknown }).userMessage) : error instanceof Error ? error.message : String(error);
    return finish(message);
  }
  return finish();
}
