import { z } from "zod";

/**
 * Hudu's records as read from the API. Tolerant on purpose: unknown keys pass through
 * (Hudu adds properties between versions), everything but `id` may be null or missing, and ids
 * sent as strings are read as numbers.
 *
 * Decision: Hudu records keep Hudu's snake_case names, the same names the write bodies use, so
 * the planner can compare "what Hudu has" with "what we would send" key by key.
 */

const id = z.union([z.number(), z.string().regex(/^\d+$/)]).transform(Number);
const optionalId = z
  .union([z.number(), z.string()])
  .nullish()
  .transform((v) => {
    if (v == null || v === "") return null;
    const n = Number(v);
    return Number.isFinite(n) ? n : null;
  });
const text = z.string().nullish().transform((v) => v ?? null);
/** A PSA record's id as the integration stores it; kept as text because types vary. */
const syncId = z
  .union([z.number(), z.string()])
  .nullish()
  .transform((v) => (v == null || v === "" ? null : String(v)));
const flag = z
  .union([z.boolean(), z.string(), z.number()])
  .nullish()
  .transform((v) => v === true || v === "true" || v === 1 || v === "1");

export const huduIntegrationSchema = z.looseObject({
  id: optionalId,
  integrator_id: optionalId,
  integrator_name: text,
  /** The PSA's id of the linked record (for Halo, the Halo client id). Kept as text: types vary. */
  sync_id: syncId,
  identifier: text,
  name: text,
});
export type HuduIntegration = z.output<typeof huduIntegrationSchema>;

export const huduCompanySchema = z.looseObject({
  id,
  name: z.string(),
  slug: text,
  nickname: text,
  company_type: text,
  address_line_1: text,
  address_line_2: text,
  city: text,
  state: text,
  zip: text,
  country_name: text,
  phone_number: text,
  fax_number: text,
  website: text,
  id_number: text,
  notes: text,
  parent_company_id: optionalId,
  parent_company_name: text,
  archived: flag,
  url: text,
  full_url: text,
  created_at: text,
  updated_at: text,
  integrations: z
    .array(huduIntegrationSchema)
    .nullish()
    .transform((v) => v ?? []),
});
export type HuduCompany = z.output<typeof huduCompanySchema>;

export const huduFieldTypes = [
  "Text",
  "RichText",
  "Heading",
  "CheckBox",
  "Website",
  "Password",
  "Email",
  "Number",
  "Date",
  "Dropdown",
  "ListSelect",
  "Embed",
  "Phone",
  "AssetTag",
  "AddressData",
] as const;
/** Case-sensitive: a wrong spelling has corrupted layouts in the past, so writes use this enum. */
export type HuduFieldType = (typeof huduFieldTypes)[number];
export const huduFieldTypeSchema = z.enum(huduFieldTypes);

export const huduLayoutFieldSchema = z.looseObject({
  id: optionalId,
  label: z.string(),
  /** Read as free text: an instance may know types we do not. */
  field_type: z.string(),
  required: flag,
  show_in_list: flag,
  position: optionalId,
  hint: text,
  min: optionalId,
  max: optionalId,
  options: z.unknown().optional(),
  linkable_id: optionalId,
  list_id: optionalId,
  expiration: flag,
  multiple_options: flag,
});
export type HuduLayoutField = z.output<typeof huduLayoutFieldSchema>;

export const huduAssetLayoutSchema = z.looseObject({
  id,
  name: z.string(),
  slug: text,
  icon: text,
  color: text,
  icon_color: text,
  active: flag,
  include_passwords: flag,
  include_photos: flag,
  include_comments: flag,
  include_files: flag,
  created_at: text,
  updated_at: text,
  fields: z
    .array(huduLayoutFieldSchema)
    .nullish()
    .transform((v) => v ?? []),
});
export type HuduAssetLayout = z.output<typeof huduAssetLayoutSchema>;

export const huduAssetFieldSchema = z.looseObject({
  id: optionalId,
  label: z.string(),
  value: z.unknown().optional(),
  position: optionalId,
});
export type HuduAssetField = z.output<typeof huduAssetFieldSchema>;

export const huduAssetSchema = z.looseObject({
  id,
  company_id: optionalId,
  asset_layout_id: optionalId,
  slug: text,
  name: z.string(),
  primary_serial: text,
  primary_mail: text,
  primary_model: text,
  primary_manufacturer: text,
  company_name: text,
  object_type: text,
  asset_type: text,
  archived: flag,
  url: text,
  created_at: text,
  updated_at: text,
  fields: z
    .array(huduAssetFieldSchema)
    .nullish()
    .transform((v) => v ?? []),
});
export type HuduAsset = z.output<typeof huduAssetSchema>;

export const huduRelationSchema = z.looseObject({
  id,
  description: text,
  is_inverse: flag,
  fromable_id: optionalId,
  fromable_type: text,
  toable_id: optionalId,
  toable_type: text,
});
export type HuduRelation = z.output<typeof huduRelationSchema>;

/**
 * A matcher of one of Hudu's own PSA integrations: one PSA record (for Halo, a client) and the
 * company it is linked to, if any. `company.integrations[]` lists the linked ones.
 */
export const huduMatcherSchema = z.looseObject({
  id,
  /** The integration's id (the number in Hudu's address when editing the integration). */
  integrator_id: optionalId,
  integrator_name: text,
  sync_id: syncId,
  identifier: text,
  name: text,
  potential_company_id: optionalId,
  company_id: optionalId,
  company_name: text,
});
export type HuduMatcher = z.output<typeof huduMatcherSchema>;

export const huduApiInfoSchema = z.looseObject({
  version: z.union([z.string(), z.number()]).transform(String),
  date: text,
});
export type HuduApiInfo = z.output<typeof huduApiInfoSchema>;

/** `{"company": {...}}` or the bare object (the Swagger draws responses flat). */
export function unwrapOne(json: unknown, key: string): unknown {
  if (json && typeof json === "object" && !Array.isArray(json)) {
    const inner = (json as Record<string, unknown>)[key];
    if (inner && typeof inner === "object" && !Array.isArray(inner)) return inner;
  }
  return json;
}

/** `{"companies": [...]}` or a bare array; undefined when neither. */
export function unwrapList(json: unknown, key: string): unknown[] | undefined {
  if (Array.isArray(json)) return json;
  if (json && typeof json === "object") {
    const inner = (json as Record<string, unknown>)[key];
    if (Array.isArray(inner)) return inner;
  }
  return undefined;
}

// ---------------------------------------------------------------- write bodies

export interface HuduCompanyInput {
  name: string;
  nickname?: string | null;
  company_type?: string | null;
  address_line_1?: string | null;
  address_line_2?: string | null;
  city?: string | null;
  state?: string | null;
  zip?: string | null;
  country_name?: string | null;
  phone_number?: string | null;
  fax_number?: string | null;
  website?: string | null;
  id_number?: string | null;
  parent_company_id?: number | null;
  notes?: string | null;
}

export interface HuduLayoutFieldInput {
  /** Present for a field that already exists (keeps it, and its values, on PUT). */
  id?: number;
  label: string;
  field_type: HuduFieldType;
  required?: boolean;
  show_in_list?: boolean;
  position?: number;
  hint?: string;
  min?: number;
  max?: number;
  options?: string;
  linkable_id?: number;
  list_id?: number;
  expiration?: boolean;
  multiple_options?: boolean;
}

export interface HuduAssetLayoutInput {
  name: string;
  /** Font Awesome class, e.g. "fas fa-building". */
  icon: string;
  /** Background colour, "#rrggbb"; Hudu's own purple when left out. */
  color?: string;
  /** Icon colour, "#rrggbb"; white when left out. */
  icon_color?: string;
  include_passwords?: boolean;
  include_photos?: boolean;
  include_comments?: boolean;
  include_files?: boolean;
  fields: HuduLayoutFieldInput[];
}

/**
 * Custom field values: either Hudu's own array form or one object keyed by field label or key
 * (labels are turned into keys with customFieldKey when the body is built).
 */
export type HuduCustomFieldValues = Record<string, unknown> | Array<Record<string, unknown>>;

export interface HuduAssetInput {
  asset_layout_id: number;
  name: string;
  primary_serial?: string | null;
  primary_mail?: string | null;
  primary_model?: string | null;
  primary_manufacturer?: string | null;
  custom_fields?: HuduCustomFieldValues;
}

export interface HuduRelationInput {
  fromable_type: "Asset" | "Company" | "Website" | "Procedure" | "Article" | "AssetPassword" | (string & {});
  fromable_id: number;
  toable_type: "Asset" | "Company" | "Website" | "Procedure" | "Article" | "AssetPassword" | (string & {});
  toable_id: number;
  description?: string;
}
