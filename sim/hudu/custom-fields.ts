import type { HuduAsset, HuduAssetField, HuduAssetLayout, HuduLayoutField } from "../data/types";

/**
 * Which custom-field keys a Hudu takes for a label. Hudu's own rule is not published:
 * "each-space" is HuduAPI's (lower-case, each space "_", nothing trimmed or collapsed:
 * "Phone  Number " → "phone__number_"); "collapsed" trims and turns each run of whitespace
 * into one "_", and also takes the punctuation-free form other clients send.
 */
export type CustomFieldKeyStyle = "each-space" | "collapsed";

export function customFieldKeysFor(label: string, style: CustomFieldKeyStyle): string[] {
  if (style === "each-space") return [label.toLowerCase().replace(/ /g, "_")];
  const parameterized = label
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  return [label.trim().toLowerCase().replace(/\s+/g, "_"), parameterized];
}

export class CustomFieldError extends Error {
  constructor(
    readonly error: string,
    readonly details: string[],
  ) {
    super(`${error}: ${details.join("; ")}`);
  }
}

const ADDRESS_KEYS = ["address_line_1", "address_line_2", "city", "state", "zip", "country_name"];

export interface AssetLookup {
  find(id: number): HuduAsset | undefined;
}

function findField(layout: HuduAssetLayout, key: string, lenient: boolean, style: CustomFieldKeyStyle): HuduLayoutField | undefined {
  const live = layout.fields.filter((f) => !f.is_destroyed);
  const exact = live.find((f) => customFieldKeysFor(f.label, style).includes(key));
  if (exact || !lenient) return exact;
  // On PUT Hudu also takes the label itself, case-insensitively and with spaces.
  const asLabel = customFieldKeysFor(key, style);
  return live.find((f) => customFieldKeysFor(f.label, style).some((k) => asLabel.includes(k)));
}

function checkValue(field: HuduLayoutField, value: unknown, companyId: number, assets: AssetLookup): unknown {
  const label = field.label;
  if (value === null) return null;
  switch (field.field_type) {
    case "CheckBox":
      if (typeof value !== "boolean") throw new CustomFieldError("Invalid custom field value", [`${label} must be true or false`]);
      return value;
    case "Number": {
      if (typeof value === "number" && Number.isFinite(value)) return value;
      if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return value.trim();
      if (value === "") return "";
      throw new CustomFieldError("Invalid custom field value", [`${label} must be a number`]);
    }
    case "Date": {
      if (value === "") return "";
      const ok = typeof value === "string" && /^\d{4}\/\d{2}\/\d{2}$/.test(value) && !Number.isNaN(Date.parse(value.replace(/\//g, "-")));
      if (!ok) throw new CustomFieldError("Invalid custom field value", [`${label} must be a date in YYYY/MM/DD format`]);
      return value;
    }
    case "Website": {
      if (value === "") return "";
      if (typeof value !== "string" || !/^https:\/\/\S+$/i.test(value.trim())) {
        throw new CustomFieldError("Invalid custom field value", [`${label} must be a URL starting with https://`]);
      }
      return value;
    }
    case "AddressData": {
      if (typeof value !== "object" || Array.isArray(value)) throw new CustomFieldError("Invalid custom field value", [`${label} must be an address object`]);
      const entries = Object.entries(value as Record<string, unknown>);
      const unknown = entries.filter(([k]) => !ADDRESS_KEYS.includes(k)).map(([k]) => k);
      if (unknown.length) throw new CustomFieldError("Invalid custom field value", [`${label}: unknown address keys: ${unknown.join(", ")}`]);
      for (const [k, v] of entries) {
        if (v !== null && typeof v !== "string") throw new CustomFieldError("Invalid custom field value", [`${label}: ${k} must be a string`]);
      }
      return Object.fromEntries(ADDRESS_KEYS.map((k) => [k, (value as Record<string, unknown>)[k] ?? null]));
    }
    case "AssetTag": {
      const list = Array.isArray(value) ? value : [value];
      const ids = list.map((v) => (typeof v === "object" && v !== null && "id" in v ? (v as { id: unknown }).id : v)).map(Number);
      const bad = list.filter((_, i) => {
        const target = Number.isInteger(ids[i]) ? assets.find(ids[i]) : undefined;
        if (!target || target.company_id !== companyId) return true;
        return field.linkable_id != null && target.asset_layout_id !== field.linkable_id;
      });
      if (bad.length) {
        throw new CustomFieldError("Invalid custom field value", [
          `${label}: not assets of this company (or of the linked layout): ${bad.map((v) => JSON.stringify(v)).join(", ")}`,
        ]);
      }
      return ids;
    }
    case "ListSelect": {
      const list = Array.isArray(value) ? value : [value];
      if (!list.every((v) => typeof v === "string")) throw new CustomFieldError("Invalid custom field value", [`${label} must be an array of list item names`]);
      return list;
    }
    default:
      if (typeof value === "string") return value;
      if (typeof value === "number" || typeof value === "boolean") return String(value);
      throw new CustomFieldError("Invalid custom field value", [`${label} must be text`]);
  }
}

/**
 * Applies `custom_fields` (an array of objects keyed by snake-cased label, or one object) to an
 * asset's fields. Returns the new field list (merge: fields not mentioned keep their value).
 * Throws CustomFieldError (→ 422) for unknown keys or bad values.
 */
export function applyCustomFields(args: {
  layout: HuduAssetLayout;
  current: HuduAssetField[];
  input: unknown;
  companyId: number;
  assets: AssetLookup;
  /** PUT accepts labels case-insensitively with spaces; POST wants the snake-case key. */
  lenientKeys: boolean;
  /** POST: required fields must be present. */
  requireRequired: boolean;
  keyStyle: CustomFieldKeyStyle;
}): HuduAssetField[] {
  const { layout, input } = args;
  if (input === undefined || input === null) {
    if (args.requireRequired) checkRequired(layout, args.current);
    return args.current;
  }
  const objects = Array.isArray(input) ? input : [input];
  const pairs: Array<[string, unknown]> = [];
  for (const obj of objects) {
    if (typeof obj !== "object" || obj === null || Array.isArray(obj)) {
      throw new CustomFieldError("Invalid custom fields", ["custom_fields must be an array of objects"]);
    }
    pairs.push(...Object.entries(obj));
  }
  const unknown = pairs.filter(([k]) => !findField(layout, k, args.lenientKeys, args.keyStyle)).map(([k]) => k);
  if (unknown.length) throw new CustomFieldError("Invalid custom fields", [`Invalid field names: ${unknown.join(", ")}`]);

  const values = new Map(args.current.map((f) => [f.id, f.value]));
  for (const [key, raw] of pairs) {
    const field = findField(layout, key, args.lenientKeys, args.keyStyle)!;
    const value = checkValue(field, raw, args.companyId, args.assets);
    if (value === null || value === "") values.delete(field.id);
    else values.set(field.id, value);
  }
  const out = layout.fields
    .filter((f) => !f.is_destroyed && values.has(f.id))
    .map((f) => ({ id: f.id, label: f.label, value: values.get(f.id), position: f.position }));
  if (args.requireRequired) checkRequired(layout, out);
  return out;
}

function checkRequired(layout: HuduAssetLayout, fields: HuduAssetField[]): void {
  const missing = layout.fields.filter((f) => f.required && !f.is_destroyed && !fields.some((v) => v.id === f.id));
  if (missing.length) throw new CustomFieldError("Validation failed", missing.map((f) => `${f.label} can't be blank`));
}
