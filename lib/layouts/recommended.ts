import type { HuduFieldType } from "@/lib/hudu/schemas";
import type { FieldMapping } from "@/lib/sync/field-mapping";
import { HALO_ID_SOURCE } from "@/lib/sync/sources";
import type { AssetRecordType } from "@/lib/sync/types";

/**
 * The layouts the app creates when the admin has none for a type. Plain labels (letters and
 * spaces only), so the custom-field key Hudu expects is unambiguous. Each has a "Halo ID" field:
 * the Halo id written into every asset, so links can be rebuilt from Hudu alone.
 */

export interface RecommendedField {
  label: string;
  fieldType: HuduFieldType;
  /** The Halo source that fills it (lib/sync/sources.ts). */
  source: string;
  showInList?: boolean;
  /** AssetTag fields link to the Sites layout (its id is known only once it exists). */
  linksTo?: "site";
  hint?: string;
  /** Other labels an existing layout may use for the same thing (choosing a layout maps them). */
  aliases?: string[];
}

export interface RecommendedLayout {
  type: AssetRecordType;
  name: string;
  icon: string;
  color: string;
  iconColor: string;
  fields: RecommendedField[];
}

export const HALO_ID_LABEL = "Halo ID";

const haloIdField: RecommendedField = {
  label: HALO_ID_LABEL,
  fieldType: "Text",
  source: HALO_ID_SOURCE,
  hint: "Written by Halo to Hudu Sync; do not edit (it links this asset to its Halo record).",
};

export const RECOMMENDED_LAYOUTS: Record<AssetRecordType, RecommendedLayout> = {
  site: {
    type: "site",
    name: "Sites",
    icon: "fas fa-building",
    color: "#2563eb",
    iconColor: "#ffffff",
    fields: [
      { label: "Address", fieldType: "AddressData", source: "address", showInList: true, aliases: ["Location", "Site Address"] },
      { label: "Phone", fieldType: "Phone", source: "phone", showInList: true, aliases: ["Phone Number", "Main Phone"] },
      { label: "Time Zone", fieldType: "Text", source: "timezone" },
      { label: "Notes", fieldType: "RichText", source: "notes" },
      haloIdField,
    ],
  },
  contact: {
    type: "contact",
    name: "Contacts",
    icon: "fas fa-address-card",
    color: "#059669",
    iconColor: "#ffffff",
    fields: [
      { label: "First Name", fieldType: "Text", source: "firstName" },
      { label: "Last Name", fieldType: "Text", source: "surname", aliases: ["Surname"] },
      { label: "Email", fieldType: "Email", source: "email", showInList: true, aliases: ["Email Address", "E-mail"] },
      { label: "Phone", fieldType: "Phone", source: "phone", showInList: true },
      { label: "Mobile", fieldType: "Phone", source: "mobile", aliases: ["Mobile Phone", "Mobile Number"] },
      { label: "Job Title", fieldType: "Text", source: "title", showInList: true, aliases: ["Title", "Position"] },
      { label: "Important Contact", fieldType: "CheckBox", source: "isImportantContact" },
      { label: "Site", fieldType: "AssetTag", source: "site", linksTo: "site" },
      haloIdField,
    ],
  },
  contract: {
    type: "contract",
    name: "Contracts",
    icon: "fas fa-file-contract",
    color: "#d97706",
    iconColor: "#ffffff",
    fields: [
      { label: "Reference", fieldType: "Text", source: "ref", showInList: true, aliases: ["Ref", "Contract Reference"] },
      { label: "Type", fieldType: "Text", source: "type", showInList: true, aliases: ["Contract Type"] },
      { label: "Status", fieldType: "Text", source: "status", showInList: true },
      { label: "Start Date", fieldType: "Date", source: "startDate" },
      { label: "End Date", fieldType: "Date", source: "endDate" },
      { label: "Billing Description", fieldType: "Text", source: "billingDescription" },
      { label: "Site", fieldType: "AssetTag", source: "site", linksTo: "site" },
      haloIdField,
    ],
  },
};

/** The mapping that fits the recommended layout of a type (the default mapping). */
export function recommendedMapping(type: AssetRecordType): FieldMapping[] {
  return RECOMMENDED_LAYOUTS[type].fields.map((f) => ({ source: f.source, label: f.label }));
}
