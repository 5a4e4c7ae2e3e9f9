import { customFieldKey } from "@/lib/hudu/custom-fields";
import type { HuduAssetLayout, HuduLayoutField } from "@/lib/hudu/schemas";
import type { FieldMapping, LayoutRef, SyncSettings } from "@/lib/sync/settings-schema";
import { COMPATIBLE_FIELD_TYPES, HALO_ID_SOURCE, sourceInfo, type SourceInfo } from "@/lib/sync/sources";
import { assetRecordTypes, type AssetRecordType } from "@/lib/sync/types";

/**
 * Whether a chosen layout can take an import, in plain words: is it there, is it active, does
 * every mapped label exist with a type that can hold the value. Pure: the planner, the Layouts
 * page and the CLI all judge a layout here.
 */

export interface MappedField {
  source: SourceInfo;
  /** The layout field's label, as the layout has it. */
  label: string;
  /** The custom-field key Hudu wants for it. */
  key: string;
  fieldType: string;
  field: HuduLayoutField;
}

export interface LayoutState {
  type: AssetRecordType;
  chosen: LayoutRef;
  /** The layout as Hudu has it now (null when not chosen, or chosen but gone). */
  layout: { id: number; name: string; active: boolean; fieldCount: number } | null;
  /** Plain-words problems, most important first; empty when all is well. */
  problems: string[];
  /** The import can write into it: found, active, and its Halo ID field is there. */
  usable: boolean;
  /** Mapped fields that exist with a compatible type (the ones an import writes). */
  fields: MappedField[];
  /** The mapped field holding the Halo id (null when missing). */
  haloIdField: MappedField | null;
}

const TYPE_WORDS: Record<AssetRecordType, string> = { site: "sites", contact: "contacts", contract: "contracts" };

function findField(layout: HuduAssetLayout, label: string): HuduLayoutField | undefined {
  const key = customFieldKey(label);
  return layout.fields.find((f) => f.label === label) ?? layout.fields.find((f) => customFieldKey(f.label) === key);
}

export function layoutState({
  type,
  chosen,
  layout,
  mapping,
  siteLayoutId,
}: {
  type: AssetRecordType;
  chosen: LayoutRef;
  /** The chosen layout as read from Hudu (undefined when not found). */
  layout: HuduAssetLayout | undefined;
  mapping: FieldMapping[];
  /** The layout sites land in: AssetTag site links must point at it. */
  siteLayoutId: number | null;
}): LayoutState {
  const base = { type, chosen, fields: [] as MappedField[], haloIdField: null };
  if (!chosen) {
    return { ...base, layout: null, usable: false, problems: [`No layout is chosen for ${TYPE_WORDS[type]}, so none will be imported.`] };
  }
  if (!layout) {
    return {
      ...base,
      layout: null,
      usable: false,
      problems: [`The chosen layout "${chosen.name}" (id ${chosen.id}) is no longer in Hudu. Choose another or create the recommended one.`],
    };
  }
  const problems: string[] = [];
  if (!layout.active) problems.push(`"${layout.name}" is inactive: Hudu shows no asset of an inactive layout. Activate it.`);

  const fields: MappedField[] = [];
  let haloIdField: MappedField | null = null;
  let haloIdProblem = false;
  for (const m of mapping) {
    const source = sourceInfo(type, m.source);
    if (!source) continue; // settings validation already refuses unknown sources
    const field = findField(layout, m.label);
    if (!field) {
      problems.push(`"${layout.name}" has no field labelled "${m.label}" (mapped from Halo's ${source.label.toLowerCase()}).`);
      if (source.id === HALO_ID_SOURCE) haloIdProblem = true;
      continue;
    }
    const allowed = COMPATIBLE_FIELD_TYPES[source.kind] as readonly string[];
    if (!allowed.includes(field.field_type)) {
      problems.push(`"${field.label}" is a ${field.field_type} field; Halo's ${source.label.toLowerCase()} needs ${allowed.join(" or ")}.`);
      if (source.id === HALO_ID_SOURCE) haloIdProblem = true;
      continue;
    }
    if (source.kind === "siteLink" && field.linkable_id != null && siteLayoutId !== null && field.linkable_id !== siteLayoutId) {
      problems.push(`"${field.label}" links to assets of another layout (id ${field.linkable_id}), not to the sites layout (id ${siteLayoutId}); Hudu would refuse the links.`);
      continue;
    }
    const mapped = { source, label: field.label, key: customFieldKey(field.label), fieldType: field.field_type, field };
    fields.push(mapped);
    if (source.id === HALO_ID_SOURCE) haloIdField = mapped;
  }
  if (!haloIdField && !haloIdProblem) problems.push(`No field of "${layout.name}" holds the Halo id; map one (the recommended layouts have "Halo ID").`);
  return {
    ...base,
    layout: { id: layout.id, name: layout.name, active: layout.active, fieldCount: layout.fields.length },
    problems,
    usable: layout.active && haloIdField !== null,
    fields,
    haloIdField,
  };
}

/** The state of every type's chosen layout (`layouts`: the chosen layouts as Hudu has them now). */
export function layoutStates({
  settings,
  layouts,
}: {
  settings: SyncSettings;
  layouts: Partial<Record<AssetRecordType, HuduAssetLayout>>;
}): Record<AssetRecordType, LayoutState> {
  const siteLayoutId = settings.layouts.site?.id ?? null;
  const entries = assetRecordTypes.map((type) => [
    type,
    layoutState({ type, chosen: settings.layouts[type], layout: layouts[type], mapping: settings.mapping[type], siteLayoutId }),
  ]);
  return Object.fromEntries(entries) as Record<AssetRecordType, LayoutState>;
}
