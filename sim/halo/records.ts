import type { HaloClient, HaloContract, HaloSite, HaloUser } from "../data/types";
import { withDoubles } from "./json";

/** The four resource types, keyed by their lowercased path segment. */
export const HALO_TYPES = {
  client: { name: "Client", listKey: "clients", defaultOrder: "name" },
  site: { name: "Site", listKey: "sites", defaultOrder: "name" },
  users: { name: "Users", listKey: "users", defaultOrder: "name" },
  clientcontract: { name: "ClientContract", listKey: "contracts", defaultOrder: "id" },
} as const;
export type HaloTypeKey = keyof typeof HALO_TYPES;
export type HaloTypeName = (typeof HALO_TYPES)[HaloTypeKey]["name"];

/** Properties Halo types as `double`, per type (printed as `12.0`). */
const DOUBLES: Record<HaloTypeKey, string[]> = {
  client: [],
  site: ["client_id"],
  users: ["site_id"],
  clientcontract: ["periodchargeamount"],
};

/**
 * The properties each list serves, as in Halo's own OpenAPI document (`Site_List`,
 * `Users_List`, `ContractHeader_List` in fixtures/halo-fields.txt; the Client list per halo.md).
 * Everything else the records hold is detail only (`/Type/{id}`). Lists pick from these, so a
 * property added to the stored records never leaks into a list by accident.
 */
const CLIENT_LIST = ["id", "name", "inactive", "toplevel_id", "toplevel_name", "website", "main_site_id", "notes", "ref", "colour"] as const;
const SITE_LIST = [
  "id",
  "name",
  "client_id",
  "client_name",
  "clientsite_name",
  "inactive",
  "phonenumber",
  "maincontact_id",
  "timezone",
  "notes",
] as const;
const USER_LIST = [
  "id",
  "name",
  "firstname",
  "surname",
  "title",
  "emailaddress",
  "phonenumber",
  "mobilenumber",
  "mobilenumber2",
  "site_id",
  "site_id_int",
  "site_name",
  "client_id",
  "client_name",
  "inactive",
  "isimportantcontact",
  "isserviceaccount",
  "other1",
  "notes",
] as const;
const CONTRACT_LIST = [
  "id",
  "client_id",
  "client_name",
  "ref",
  "refextra",
  "start_date",
  "end_date",
  "started",
  "expired",
  "active",
  "status",
  "contract_status",
  "contracttype_name",
  "site_id",
  "site_name",
  "billingdescription",
  "periodchargeamount",
  "next_invoice_date",
  "note",
  "last_modified",
] as const;

/** The named properties the record has (absent stays absent: Halo leaves nulls out). */
function pick(record: object, keys: readonly string[]): Record<string, unknown> {
  const source = record as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
  return out;
}

export interface ListShapeOptions {
  includeAddress: boolean;
  includeNotes: boolean;
  clientListWebsite: boolean;
}

export function clientListShape(c: HaloClient, o: ListShapeOptions): Record<string, unknown> {
  const out = pick(c, CLIENT_LIST);
  if (!o.includeNotes) delete out.notes;
  if (!o.clientListWebsite) delete out.website;
  return out;
}

export function siteListShape(s: HaloSite, o: ListShapeOptions): Record<string, unknown> {
  const out = pick(s, SITE_LIST);
  if (!o.includeNotes) delete out.notes;
  if (o.includeAddress) {
    // line5 carries the postcode: the list flattens the address object into five lines.
    const a = s.delivery_address;
    Object.assign(out, {
      delivery_address_line1: a.line1,
      delivery_address_line2: a.line2,
      delivery_address_line3: a.line3,
      delivery_address_line4: a.line4,
      delivery_address_line5: a.postcode,
    });
  }
  return withDoubles(out, DOUBLES.site);
}

export function userListShape(u: HaloUser, o: Pick<ListShapeOptions, "includeNotes">): Record<string, unknown> {
  const out = pick(u, USER_LIST);
  if (!o.includeNotes) delete out.notes;
  return withDoubles(out, DOUBLES.users);
}

export function contractListShape(c: HaloContract): Record<string, unknown> {
  return withDoubles(pick(c, CONTRACT_LIST), DOUBLES.clientcontract);
}

export function detailShape(type: HaloTypeKey, record: object): Record<string, unknown> {
  return withDoubles(record, DOUBLES[type]);
}
