import type { HuduCustomFieldValues, HuduFieldType } from "./schemas";

/**
 * The key Hudu expects for a custom field in an asset body, from the field's exact label:
 * lower-cased, each space replaced by "_", nothing trimmed or collapsed ("Phone  Number " →
 * "phone__number_"), as HuduAPI does. Hudu has not published its rule: when it refuses a key,
 * the error names the layout, the label and the key sent (see the client). Punctuation is kept;
 * the layouts this app creates use plain labels, so their keys are unambiguous.
 */
export function customFieldKey(label: string): string {
  return label.toLowerCase().replace(/ /g, "_");
}

/** One custom field value as sent: the label the caller gave, the key Hudu gets, the value. */
export interface CustomFieldEntry {
  label: string;
  key: string;
  value: unknown;
}

/** `{ "Email Address": "a@b.c" }` or Hudu's array form, as entries with their keys. */
export function customFieldEntries(values: HuduCustomFieldValues): CustomFieldEntry[] {
  const pairs = Array.isArray(values) ? values.flatMap((o) => Object.entries(o)) : Object.entries(values);
  return pairs.map(([label, value]) => ({ label, key: customFieldKey(label), value }));
}

/** Turns `{ "Email Address": "a@b.c" }` or Hudu's array form into `[{ email_address: "a@b.c" }]`. */
export function customFieldsBody(values: HuduCustomFieldValues): Array<Record<string, unknown>> {
  return customFieldEntries(values).map(({ key, value }) => ({ [key]: value }));
}

export interface HuduAddressValue {
  address_line_1: string | null;
  address_line_2: string | null;
  city: string | null;
  state: string | null;
  zip: string | null;
  country_name: string | null;
}

export type HuduFieldValue = string | number | boolean | number[] | string[] | HuduAddressValue | null;

function cleanText(value: unknown): string | null {
  if (value == null) return null;
  const text = (typeof value === "string" ? value : String(value)).trim();
  return text === "" ? null : text;
}

/**
 * Formats a Date or date string as Hudu's `YYYY/MM/DD`. A string that starts with a calendar
 * date ("2024-03-01", "2024-03-01T00:00:00.000Z", "2024/03/01") keeps that calendar day as
 * written, with no zone shifting; a Date is read in UTC (Halo dates are read as UTC).
 */
export function formatHuduDate(value: unknown): string | null {
  if (value == null || value === "") return null;
  if (typeof value === "string") {
    const match = /^\s*(\d{4})[-/](\d{1,2})[-/](\d{1,2})/.exec(value);
    if (match) {
      const [, y, m, d] = match;
      return `${y}/${m.padStart(2, "0")}/${d.padStart(2, "0")}`;
    }
  }
  const date = value instanceof Date ? value : typeof value === "string" || typeof value === "number" ? new Date(value) : null;
  if (!date || Number.isNaN(date.getTime())) return null;
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getUTCFullYear()}/${pad(date.getUTCMonth() + 1)}/${pad(date.getUTCDate())}`;
}

/** Hudu refuses a Website value without a scheme; add https:// when none is given. */
export function formatHuduWebsite(value: unknown): string | null {
  const text = cleanText(value);
  if (!text) return null;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return text;
  return `https://${text.replace(/^\/+/, "")}`;
}

function formatAddress(value: unknown): HuduAddressValue | null {
  if (!value || typeof value !== "object") {
    const text = cleanText(value);
    return text ? { address_line_1: text, address_line_2: null, city: null, state: null, zip: null, country_name: null } : null;
  }
  const v = value as Record<string, unknown>;
  // Accepts Hudu's own keys, or a Halo address (line3 = town, line4 = state/county by convention).
  const address: HuduAddressValue = {
    address_line_1: cleanText(v.address_line_1 ?? v.line1),
    address_line_2: cleanText(v.address_line_2 ?? v.line2),
    city: cleanText(v.city ?? v.line3),
    state: cleanText(v.state ?? v.line4),
    zip: cleanText(v.zip ?? v.postcode),
    country_name: cleanText(v.country_name ?? v.country),
  };
  return Object.values(address).some((x) => x !== null) ? address : null;
}

function toIdList(value: unknown): number[] | null {
  const items = Array.isArray(value) ? value : value == null ? [] : [value];
  const ids = items
    .map((item) => (item && typeof item === "object" ? (item as { id?: unknown }).id : item))
    .map((item) => Number(item))
    .filter((n) => Number.isInteger(n) && n > 0);
  return ids.length > 0 ? [...new Set(ids)] : null;
}

/**
 * Formats a value for a Hudu custom field of `fieldType`. Returns null for "no value" (the
 * caller decides whether that clears the field or leaves it out).
 */
export function formatFieldValue(fieldType: HuduFieldType | string, value: unknown): HuduFieldValue {
  switch (fieldType) {
    case "Date":
      return formatHuduDate(value);
    case "Website":
      return formatHuduWebsite(value);
    case "CheckBox": {
      if (typeof value === "boolean") return value;
      if (typeof value === "number") return value !== 0;
      if (typeof value === "string") return ["true", "yes", "1", "y", "on"].includes(value.trim().toLowerCase());
      return value != null && value !== false;
    }
    case "Number": {
      if (typeof value === "number") return Number.isFinite(value) ? value : null;
      const text = cleanText(value);
      if (text === null) return null;
      const n = Number(text.replace(/,/g, ""));
      return Number.isFinite(n) ? n : null;
    }
    case "AddressData":
      return formatAddress(value);
    case "AssetTag":
      return toIdList(value);
    case "ListSelect": {
      const items = (Array.isArray(value) ? value : [value]).map(cleanText).filter((x): x is string => x !== null);
      return items.length > 0 ? items : null;
    }
    default:
      // Text, RichText, Email, Phone, Password, Embed, Dropdown, Heading: text as is, trimmed.
      if (value instanceof Date) return formatHuduDate(value);
      return cleanText(value);
  }
}
