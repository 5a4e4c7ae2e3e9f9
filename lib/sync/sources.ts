import type { HaloContractRecord, HaloSiteRecord, HaloUserRecord } from "@/lib/halo/records";
import type { HuduFieldType } from "@/lib/hudu/schemas";
import type { AssetRecordType } from "./types";

/**
 * The Halo fields a layout field can be filled from, per asset type. Only fields Halo's list
 * endpoints carry are offered (a sweep reads lists; a detail-only field would always be empty).
 * Pure data and pure readers: the mapping editor shows this catalogue in the browser too.
 */

/** What kind of value a source gives; decides which Hudu field types can hold it. */
export type SourceKind = "text" | "longText" | "email" | "phone" | "date" | "flag" | "address" | "siteLink" | "number" | "haloId";

/** Hudu field types that can hold each kind of value (first = the one a new field gets). */
export const COMPATIBLE_FIELD_TYPES: Record<SourceKind, readonly HuduFieldType[]> = {
  text: ["Text", "RichText"],
  longText: ["RichText", "Text"],
  email: ["Email", "Text"],
  phone: ["Phone", "Text"],
  date: ["Date", "Text"],
  flag: ["CheckBox"],
  address: ["AddressData", "Text", "RichText"],
  siteLink: ["AssetTag"],
  number: ["Number", "Text"],
  haloId: ["Text", "Number"],
};

export interface HaloAddressParts {
  line1: string | null;
  line2: string | null;
  line3: string | null;
  line4: string | null;
  postcode: string | null;
}

/** What a reader may return: plain values, an address, or the Halo site id a link points at. */
export type SourceValue = string | number | boolean | null | HaloAddressParts | { siteId: number };

interface SourceBase<R> {
  id: string;
  /** How the mapping editor names it ("Halo: e-mail address"). */
  label: string;
  kind: SourceKind;
  read: (record: R) => SourceValue;
}

export type SiteSource = SourceBase<HaloSiteRecord>;
export type ContactSource = SourceBase<HaloUserRecord>;
export type ContractSource = SourceBase<HaloContractRecord>;

/** The source every layout must map: the Halo id, so links can be rebuilt from Hudu. */
export const HALO_ID_SOURCE = "haloId";

const siteLink = (siteId: number | null): SourceValue => (siteId ? { siteId } : null);

export const SITE_SOURCES: readonly SiteSource[] = [
  { id: HALO_ID_SOURCE, label: "Site id", kind: "haloId", read: (r) => String(r.id) },
  { id: "address", label: "Delivery address", kind: "address", read: (r) => r.address },
  { id: "phone", label: "Phone number", kind: "phone", read: (r) => r.phone },
  { id: "timezone", label: "Time zone", kind: "text", read: (r) => r.timezone },
  { id: "notes", label: "Notes", kind: "longText", read: (r) => r.notes },
  { id: "clientName", label: "Client name", kind: "text", read: (r) => r.clientName },
];

export const CONTACT_SOURCES: readonly ContactSource[] = [
  { id: HALO_ID_SOURCE, label: "User id", kind: "haloId", read: (r) => String(r.id) },
  { id: "firstName", label: "First name", kind: "text", read: (r) => r.firstName },
  { id: "surname", label: "Surname", kind: "text", read: (r) => r.surname },
  { id: "email", label: "E-mail address", kind: "email", read: (r) => r.email },
  { id: "phone", label: "Phone number", kind: "phone", read: (r) => r.phone },
  { id: "mobile", label: "Mobile number", kind: "phone", read: (r) => r.mobile },
  { id: "title", label: "Title (job title)", kind: "text", read: (r) => r.title },
  { id: "isImportantContact", label: "Important contact", kind: "flag", read: (r) => r.isImportantContact },
  { id: "site", label: "Site (link to the site's asset)", kind: "siteLink", read: (r) => siteLink(r.siteId) },
  { id: "siteName", label: "Site name", kind: "text", read: (r) => r.siteName },
  { id: "notes", label: "Notes", kind: "longText", read: (r) => r.notes },
];

export const CONTRACT_SOURCES: readonly ContractSource[] = [
  { id: HALO_ID_SOURCE, label: "Contract id", kind: "haloId", read: (r) => String(r.id) },
  { id: "ref", label: "Reference", kind: "text", read: (r) => r.ref },
  { id: "type", label: "Contract type", kind: "text", read: (r) => r.contractTypeName },
  { id: "status", label: "Status", kind: "text", read: (r) => r.contractStatus },
  { id: "startDate", label: "Start date", kind: "date", read: (r) => r.startDate },
  { id: "endDate", label: "End date", kind: "date", read: (r) => r.endDate },
  // Lists carry only the billing description's id; the text is on a contract's own page, so
  // this is empty unless the Halo instance puts the text in its list.
  { id: "billingDescription", label: "Billing description", kind: "text", read: (r) => r.billingDescription },
  { id: "periodCharge", label: "Charge per period", kind: "number", read: (r) => r.periodChargeAmount },
  { id: "nextInvoiceDate", label: "Next invoice date", kind: "date", read: (r) => r.nextInvoiceDate },
  { id: "site", label: "Site (link to the site's asset)", kind: "siteLink", read: (r) => siteLink(r.siteId) },
  { id: "siteName", label: "Site name", kind: "text", read: (r) => r.siteName },
  { id: "note", label: "Note", kind: "longText", read: (r) => r.note },
  { id: "refExtra", label: "Extra reference", kind: "text", read: (r) => r.refExtra },
];

export interface SourcesByType {
  site: readonly SiteSource[];
  contact: readonly ContactSource[];
  contract: readonly ContractSource[];
}

export const SOURCES: SourcesByType = { site: SITE_SOURCES, contact: CONTACT_SOURCES, contract: CONTRACT_SOURCES };

/** The source catalogue without readers, for showing and validating (plain JSON). */
export interface SourceInfo {
  id: string;
  label: string;
  kind: SourceKind;
}
export function sourceInfo(type: AssetRecordType, id: string): SourceInfo | undefined {
  const found = (SOURCES[type] as ReadonlyArray<SourceBase<unknown>>).find((s) => s.id === id);
  return found ? { id: found.id, label: found.label, kind: found.kind } : undefined;
}
export function listSourceInfo(type: AssetRecordType): SourceInfo[] {
  return (SOURCES[type] as ReadonlyArray<SourceBase<unknown>>).map(({ id, label, kind }) => ({ id, label, kind }));
}

/** The asset's name in Hudu, per type (not a mapped field: every asset has a name). */
export const ASSET_NAME_SOURCE: { site: (r: HaloSiteRecord) => string | null; contact: (r: HaloUserRecord) => string | null; contract: (r: HaloContractRecord) => string | null } = {
  site: (r) => r.name,
  contact: (r) => r.name,
  contract: (r) => r.ref,
};
