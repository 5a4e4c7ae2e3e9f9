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

const CLIENT_DETAIL_ONLY = [
  "main_phonenumber",
  "main_site_name",
  "main_contact_name",
  "main_delivery_address",
  "domain",
  "datecreated",
  "accountsemailaddress",
  "azure_tenant_id",
  "hudu_url",
  "itglue_id",
  "trading_name",
] as const;

function omit<T extends object>(record: T, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { ...(record as Record<string, unknown>) };
  for (const key of keys) delete out[key];
  return out;
}

export interface ListShapeOptions {
  includeAddress: boolean;
  includeNotes: boolean;
  clientListWebsite: boolean;
}

export function clientListShape(c: HaloClient, o: ListShapeOptions): Record<string, unknown> {
  const drop: string[] = [...CLIENT_DETAIL_ONLY];
  if (!o.includeNotes) drop.push("notes");
  if (!o.clientListWebsite) drop.push("website");
  return omit(c, drop);
}

export function siteListShape(s: HaloSite, o: ListShapeOptions): Record<string, unknown> {
  const out = omit(s, ["delivery_address", "invoice_address", "emaildomain", "todomain", ...(o.includeNotes ? [] : ["notes"])]);
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

export function userListShape(u: HaloUser): Record<string, unknown> {
  return withDoubles(u, DOUBLES.users);
}

export function contractListShape(c: HaloContract): Record<string, unknown> {
  return withDoubles(omit(c, ["billing_description_string"]), DOUBLES.clientcontract);
}

export function detailShape(type: HaloTypeKey, record: object): Record<string, unknown> {
  return withDoubles(record, DOUBLES[type]);
}
