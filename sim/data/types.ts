/**
 * Records as the simulators store and serve them. Halo records are kept in their detail shape
 * (`/Client/{id}`); `halo/records.ts` derives the list shapes. Optional properties are the ones
 * real Halo leaves out when they are null.
 */

// ---------------------------------------------------------------- Halo

export interface HaloAddressStore {
  line1: string;
  line2: string;
  /** By Halo convention the town. */
  line3: string;
  /** By Halo convention the state or county. */
  line4: string;
  postcode: string;
}

export interface HaloClient {
  id: number;
  name: string;
  inactive: boolean;
  toplevel_id: number;
  toplevel_name: string;
  website?: string;
  main_site_id: number;
  ref?: string;
  colour?: string;
  notes?: string;
  // Detail only (lists serve the properties named in halo/records.ts).
  main_phonenumber?: string;
  main_site_name?: string;
  main_contact_name?: string;
  main_delivery_address?: HaloAddressStore;
  domain?: string;
  datecreated: string;
  accountsemailaddress?: string;
  azure_tenant_id?: string;
  hudu_url?: string;
  itglue_id?: string;
  trading_name?: string;
}

export interface HaloSite {
  id: number;
  name: string;
  client_id: number;
  client_name: string;
  clientsite_name: string;
  inactive: boolean;
  phonenumber?: string;
  /** -1 when the site has no main contact. */
  maincontact_id: number;
  maincontact_name?: string;
  timezone?: string;
  notes?: string;
  delivery_address: HaloAddressStore;
  invoice_address: HaloAddressStore;
  emaildomain?: string;
  todomain?: string;
}

export interface HaloUser {
  id: number;
  name: string;
  firstname?: string;
  surname?: string;
  title?: string;
  emailaddress?: string;
  email2?: string;
  email3?: string;
  phonenumber?: string;
  mobilenumber?: string;
  mobilenumber2?: string;
  /** Served as a double (`18.0`). */
  site_id: number;
  site_id_int: number;
  site_name: string;
  client_id: number;
  client_name: string;
  inactive: boolean;
  isimportantcontact: boolean;
  isserviceaccount: boolean;
  other1?: string;
  notes?: string;
}

export interface HaloContract {
  id: number;
  client_id: number;
  client_name: string;
  ref: string;
  refextra?: string;
  start_date: string;
  end_date: string;
  started: boolean;
  expired: boolean;
  active: boolean;
  status: number;
  contract_status: string;
  contracttype_name: string;
  /** -1 when the contract is not tied to a site. */
  site_id: number;
  site_name?: string;
  /** An id, not text: the text is `billing_description_string`, on `/ClientContract/{id}` only. */
  billingdescription: number;
  billing_description_string: string;
  /** Served as a double. */
  periodchargeamount: number;
  next_invoice_date: string;
  note?: string;
  last_modified: string;
}

export interface HaloData {
  clients: HaloClient[];
  sites: HaloSite[];
  users: HaloUser[];
  contracts: HaloContract[];
}

// ---------------------------------------------------------------- Hudu

/**
 * A record Hudu's native PSA integration keeps for one PSA record (for Halo, one client): linked
 * to a Hudu company (company_id) or not yet. A linked matcher also shows in the company's
 * `integrations[]`. The API can list, re-point and delete matchers, never create them.
 */
export interface HuduMatcher {
  id: number;
  /** The integration's id: the number in Hudu's address when editing the integration. */
  integrator_id: number;
  integrator_name: string;
  sync_id: number;
  identifier: string | null;
  name: string;
  potential_company_id: number | null;
  company_id: number | null;
  company_name: string | null;
}

/** A matcher linked to a company, as the company's `integrations[]` lists it. */
export type HuduIntegration = HuduMatcher & { company_id: number; company_name: string };

export interface HuduCompany {
  id: number;
  slug: string;
  name: string;
  nickname: string | null;
  company_type: string | null;
  address_line_1: string | null;
  address_line_2: string | null;
  city: string | null;
  state: string | null;
  zip: string | null;
  country_name: string | null;
  phone_number: string | null;
  fax_number: string | null;
  website: string | null;
  id_number: string | null;
  parent_company_id: number | null;
  parent_company_name: string | null;
  notes: string | null;
  archived: boolean;
  object_type: "Company";
  /** Stored relative; served absolute. */
  url: string;
  full_url: string;
  passwords_url: string;
  knowledge_base_url: string;
  created_at: string;
  updated_at: string;
  integrations: HuduIntegration[];
}

/** Hudu's field types, case-sensitive: anything else is refused with a 422. */
export const HUDU_FIELD_TYPES = [
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
export type HuduFieldType = (typeof HUDU_FIELD_TYPES)[number];

export interface HuduLayoutField {
  id: number;
  label: string;
  field_type: HuduFieldType;
  required: boolean;
  show_in_list: boolean;
  position: number;
  hint: string | null;
  min: number | null;
  max: number | null;
  options: string | null;
  /** AssetTag: the layout whose assets may be linked. */
  linkable_id: number | null;
  list_id: number | null;
  expiration: boolean;
  is_destroyed: boolean;
  multiple_options: boolean | null;
}

export interface HuduAssetLayout {
  id: number;
  slug: string;
  name: string;
  icon: string;
  color: string;
  icon_color: string;
  sidebar_folder_id: number | null;
  active: boolean;
  include_passwords: boolean;
  include_photos: boolean;
  include_comments: boolean;
  include_files: boolean;
  created_at: string;
  updated_at: string;
  fields: HuduLayoutField[];
}

/** A value an asset holds for one layout field (only fields holding a value are listed). */
export interface HuduAssetField {
  /** The layout field's id. */
  id: number;
  label: string;
  value: unknown;
  position: number;
}

export interface HuduAsset {
  id: number;
  company_id: number;
  asset_layout_id: number;
  slug: string;
  name: string;
  primary_serial: string | null;
  primary_mail: string | null;
  primary_model: string | null;
  primary_manufacturer: string | null;
  company_name: string;
  object_type: "Asset";
  asset_type: string;
  archived: boolean;
  /** Stored relative; served absolute. */
  url: string;
  created_at: string;
  updated_at: string;
  fields: HuduAssetField[];
  cards: unknown[];
}

export interface HuduRelation {
  id: number;
  description: string | null;
  is_inverse: boolean;
  name: string;
  fromable_id: number;
  fromable_type: string;
  fromable_url: string;
  toable_id: number;
  toable_type: string;
  toable_url: string;
}

export interface HuduData {
  companies: HuduCompany[];
  assetLayouts: HuduAssetLayout[];
  assets: HuduAsset[];
  relations: HuduRelation[];
  /** Matchers of Hudu's own integrations (absent: none). */
  matchers?: HuduMatcher[];
}

// ---------------------------------------------------------------- Ground truth

/** How a Hudu company came to differ from the Halo client it is. */
export type TruthHow =
  | "exact"
  | "case"
  | "legal-suffix"
  | "dropped-suffix"
  | "punctuation"
  | "ampersand"
  | "typo"
  | "word-order"
  | "stray-spaces"
  | "leading-the"
  | "renamed-same-website";

/** One Halo client and the Hudu company that is the same organisation. Never served. */
export interface TruthPair {
  haloId: number;
  huduId: number;
  how: TruthHow;
}

export interface GeneratedMsp {
  halo: HaloData;
  hudu: HuduData;
  truth: TruthPair[];
}
