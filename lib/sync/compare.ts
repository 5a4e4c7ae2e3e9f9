import { formatHuduDate } from "@/lib/hudu/custom-fields";
import { phoneKey, samePhone } from "@/lib/match/phones";
import type { AddressValue } from "./types";

/**
 * Whether what Hudu holds already equals what we would write, after normalising the ways the
 * same value can be written: spacing, the case of e-mail addresses, phone formats ("+44 20 7946
 * 0000" = "020 7946 0000"), date formats, markup Hudu adds to rich text, address objects sent
 * back as JSON text, asset links as ids or as objects. An import that sees no difference writes
 * nothing, so re-runs do not flood Hudu's audit log.
 *
 * Comparison goes by the layout field's type (a "Phone" field compares as phones, a "Text"
 * field as text), since that is how Hudu stores and returns the value.
 */

const ADDRESS_KEYS = ["address_line_1", "address_line_2", "city", "state", "zip", "country_name"] as const;

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " ", "#39": "'" };

/** Collapses every run of whitespace to one space and trims. */
export function squash(value: string): string {
  return value.replace(/\s+/g, " ").trim();
}

/** Rich text as plain text: tags become spaces, common entities are decoded. */
export function plainText(value: string): string {
  return squash(
    value
      .replace(/<br\s*\/?>/gi, " ")
      .replace(/<\/(p|div|li|h\d)>/gi, " ")
      .replace(/<[^>]*>/g, "")
      .replace(/&(#39|[a-z]+);/gi, (m, name: string) => ENTITIES[name.toLowerCase()] ?? m),
  );
}

function asString(value: unknown): string {
  if (value == null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

/** Hudu sends some structured values back as JSON text; read them as what they are. */
function maybeJson(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const text = value.trim();
  if (!(text.startsWith("{") || text.startsWith("["))) return value;
  try {
    return JSON.parse(text);
  } catch {
    return value;
  }
}

function isEmpty(value: unknown): boolean {
  if (value == null) return true;
  if (typeof value === "string") return value.trim() === "";
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === "object") return Object.values(value).every(isEmpty);
  return false;
}

export function toFlag(value: unknown): boolean {
  if (typeof value === "boolean") return value;
  if (typeof value === "number") return value !== 0;
  if (typeof value === "string") return ["true", "1", "yes", "y", "on", "checked"].includes(value.trim().toLowerCase());
  return false;
}

/** AssetTag values: `[12]`, `[{id: 12, name: …}]`, `"[{\"id\":12}]"` or `12` → sorted ids. */
export function assetIds(value: unknown): number[] {
  const v = maybeJson(value);
  const list = Array.isArray(v) ? v : v == null || v === "" ? [] : [v];
  const ids = list
    .map((item) => (item && typeof item === "object" ? (item as { id?: unknown }).id : item))
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0);
  return [...new Set(ids)].sort((a, b) => a - b);
}

export function toAddress(value: unknown): AddressValue | null {
  const v = maybeJson(value);
  if (!v || typeof v !== "object" || Array.isArray(v)) return null;
  const o = v as Record<string, unknown>;
  const text = (x: unknown) => (isEmpty(x) ? null : squash(asString(x)));
  const address = Object.fromEntries(ADDRESS_KEYS.map((k) => [k, text(o[k])])) as unknown as AddressValue;
  return Object.values(address).some((x) => x !== null) ? address : null;
}

function normaliseWebsite(value: string): string {
  return squash(value)
    .toLowerCase()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, "")
    .replace(/^www\./, "")
    .replace(/\/+$/, "");
}

function sameNumber(a: unknown, b: unknown): boolean {
  const n = (x: unknown) => Number(asString(x).replace(/,/g, "").trim());
  const x = n(a);
  const y = n(b);
  return Number.isFinite(x) && Number.isFinite(y) ? Math.abs(x - y) < 1e-9 : squash(asString(a)) === squash(asString(b));
}

/**
 * True when `existing` (as Hudu returned it) and `desired` (as we would send it) hold the same
 * value for a field of type `fieldType`. Empty equals empty, whatever its form (null, "", [],
 * an address of nulls); an unticked CheckBox equals an empty one.
 */
export function sameFieldValue(fieldType: string, existing: unknown, desired: unknown): boolean {
  if (fieldType === "CheckBox") return toFlag(maybeJson(existing)) === toFlag(desired);
  if (fieldType === "AssetTag") return assetIds(existing).join(",") === assetIds(desired).join(",");
  if (fieldType === "AddressData") {
    const a = toAddress(existing);
    const b = toAddress(desired);
    if (!a || !b) return !a && !b;
    return ADDRESS_KEYS.every((k) => (a[k] ?? "").toLowerCase() === (b[k] ?? "").toLowerCase());
  }
  if (fieldType === "RichText") {
    existing = plainText(asString(existing));
    desired = plainText(asString(desired));
  }
  const emptyA = isEmpty(existing);
  const emptyB = isEmpty(desired);
  if (emptyA || emptyB) return emptyA && emptyB;
  const a = asString(existing);
  const b = asString(desired);
  switch (fieldType) {
    case "Email":
      return squash(a).toLowerCase() === squash(b).toLowerCase();
    case "Phone":
      return samePhones(a, b);
    case "Date":
      return (formatHuduDate(a) ?? squash(a)) === (formatHuduDate(b) ?? squash(b));
    case "Number":
      return sameNumber(a, b);
    case "Website":
      return normaliseWebsite(a) === normaliseWebsite(b);
    default:
      return squash(a) === squash(b);
  }
}

/**
 * Phones are the same line when libphonenumber-based keys agree (same national number, no
 * contradicting country codes); numbers too odd to parse compare by their digits.
 */
export function samePhones(a: string, b: string): boolean {
  if (phoneKey(a) && phoneKey(b)) return samePhone(a, b);
  const digitsA = a.replace(/\D/g, "");
  return (digitsA !== "" && digitsA === b.replace(/\D/g, "")) || squash(a) === squash(b);
}

/** Company fields are plain text in Hudu; phones and websites compare as such, others as text. */
export function sameCompanyValue(field: string, existing: string | null, desired: string | null): boolean {
  const type = field === "phone_number" || field === "fax_number" ? "Phone" : field === "website" ? "Website" : field === "notes" ? "RichText" : "Text";
  return sameFieldValue(type, existing, desired);
}

/** A short, readable form of a value for the preview's old → new columns. */
export function displayValue(fieldType: string, value: unknown): string | null {
  if (isEmpty(value)) return fieldType === "CheckBox" && value === false ? "No" : null;
  if (fieldType === "CheckBox") return toFlag(maybeJson(value)) ? "Yes" : "No";
  if (fieldType === "AddressData") {
    const a = toAddress(value);
    if (!a) return squash(asString(value)) || null;
    const cityLine = [a.city, a.state, a.zip].filter(Boolean).join(" ");
    return [a.address_line_1, a.address_line_2, cityLine, a.country_name].filter(Boolean).join(", ") || null;
  }
  if (fieldType === "AssetTag") {
    const v = maybeJson(value);
    const list = Array.isArray(v) ? v : [v];
    return list.map((item) => (item && typeof item === "object" ? asString((item as { name?: unknown; id?: unknown }).name ?? (item as { id?: unknown }).id) : `asset ${asString(item)}`)).join(", ") || null;
  }
  const text = fieldType === "RichText" ? plainText(asString(value)) : squash(asString(value));
  return text.length > 300 ? `${text.slice(0, 297)}…` : text || null;
}
