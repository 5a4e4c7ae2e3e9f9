import type { HuduAssetLayout, HuduAssetLayoutInput, HuduLayoutFieldInput } from "./schemas";

/**
 * Asset layout bodies. Live Hudu answers 500 to a layout create that leaves out any of the
 * documented example's keys, and to a PUT without the field list; a layout has no DELETE, so a
 * half-written one stays forever. We therefore always send a layout whole.
 */

/** Hudu's own default colours for a new layout. */
const DEFAULT_COLOR = "#6136ff";
const DEFAULT_ICON_COLOR = "#ffffff";

/** Layout attributes sent back on a whole-layout PUT (when Hudu gave them to us). */
const LAYOUT_ATTRIBUTES = [
  "name",
  "icon",
  "color",
  "icon_color",
  "include_passwords",
  "include_photos",
  "include_comments",
  "include_files",
  "password_types",
  "sidebar_folder_id",
] as const;

export type LayoutBody = { asset_layout: Record<string, unknown> & { fields: Array<Record<string, unknown>> } };

function newField(field: HuduLayoutFieldInput, position: number): Record<string, unknown> {
  return { required: false, show_in_list: false, ...field, position: field.position ?? position };
}

/** A create body with every key of the documented example, `active: true` included. */
export function newLayoutBody(input: HuduAssetLayoutInput): LayoutBody {
  return {
    asset_layout: {
      name: input.name,
      icon: input.icon,
      color: input.color ?? DEFAULT_COLOR,
      icon_color: input.icon_color ?? DEFAULT_ICON_COLOR,
      active: true,
      include_passwords: input.include_passwords ?? false,
      include_photos: input.include_photos ?? false,
      include_comments: input.include_comments ?? false,
      include_files: input.include_files ?? false,
      fields: input.fields.map((f, i) => newField(f, i + 1)),
    },
  };
}

/**
 * The layout as Hudu gave it, with `changes` and `addedFields`: every attribute and every field
 * with its id and all its properties (minus nulls Hudu may refuse on write), as HuduAPI's
 * Set-HuduAssetLayout sends it, so nothing is dropped by omission.
 */
export function wholeLayoutBody(
  layout: HuduAssetLayout,
  changes: { active?: boolean } = {},
  addedFields: HuduLayoutFieldInput[] = [],
): LayoutBody {
  const attributes: Record<string, unknown> = {};
  const given = layout as Record<string, unknown>;
  for (const key of LAYOUT_ATTRIBUTES) if (given[key] !== null && given[key] !== undefined) attributes[key] = given[key];
  const kept = layout.fields.map((f) => Object.fromEntries(Object.entries(f).filter(([, v]) => v !== null && v !== undefined)));
  let position = Math.max(0, ...layout.fields.map((f) => f.position ?? 0));
  const added = addedFields.map((f) => newField(f, ++position));
  return { asset_layout: { ...attributes, active: changes.active ?? layout.active, fields: [...kept, ...added] } };
}

/** What was sent, in a line an admin can read: `name "Contacts", active: true, 2 fields (Email: Email, …)`. */
export function describeLayoutBody(body: LayoutBody): string {
  const { name, active, fields } = body.asset_layout;
  const listed = fields.slice(0, 8).map((f) => `${String(f.label)}: ${String(f.field_type)}`);
  const more = fields.length > listed.length ? `, and ${fields.length - listed.length} more` : "";
  return `name ${JSON.stringify(name)}, active: ${String(active)}, ${fields.length} field${fields.length === 1 ? "" : "s"}${fields.length ? ` (${listed.join(", ")}${more})` : ""}`;
}

/**
 * Fields we sent that the layout no longer has: existing ones by id, added ones by label
 * (compared case-insensitively, as Hudu shows them).
 */
export function missingFields(sent: LayoutBody, after: HuduAssetLayout): string[] {
  const ids = new Set(after.fields.map((f) => f.id));
  const labels = new Set(after.fields.map((f) => f.label.toLowerCase()));
  return sent.asset_layout.fields
    .filter((f) => (typeof f.id === "number" ? !ids.has(f.id) : !labels.has(String(f.label).toLowerCase())))
    .map((f) => String(f.label));
}
