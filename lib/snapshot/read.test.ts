import { describe, expect, it } from "vitest";
import { haloClientSchema, haloSiteSchema, haloUserSchema } from "@/lib/halo";
import { summariseHaloClients } from "./read";

/**
 * The snapshot's evidence for the matcher must come from what Halo's lists carry: a sweep never
 * sees `main_phonenumber`, `domain`, site `emaildomain` or user `email2`/`email3`, so code that
 * relies on them is dead against real Halo. Here those detail-only properties carry values that
 * must not reach the snapshot.
 */
const client = haloClientSchema.parse({
  id: 1,
  name: " Acme Ltd ",
  website: "https://acme.example",
  main_site_id: 11,
  // Detail only:
  main_phonenumber: "+1 555 0100",
  domain: "detail-only.example",
});
const sites = [
  haloSiteSchema.parse({ id: 10, name: "Depot", client_id: 1.0, phonenumber: "+1 555 0110", emaildomain: "detail-only.example" }),
  haloSiteSchema.parse({ id: 11, name: "Head office", client_id: 1.0, phonenumber: "+1 555 0111" }),
];
const user = (id: number, email: string, extra: Record<string, string> = {}) =>
  haloUserSchema.parse({ id, name: `User ${id}`, client_id: 1, site_id: 11.0, emailaddress: email, ...extra });
const users = [
  user(100, "ann@acme.example", { email2: "ann@detail-only.example", email3: "ann@detail-only.example" }),
  user(101, "bob@acme.example"),
  user(102, "Cy <cy@Acme-Group.example>"),
];

describe("summariseHaloClients", () => {
  it("takes the phone of the client's main site and the domains of its users' addresses", () => {
    const [row] = summariseHaloClients({ clients: [client], sites, users });
    expect(row).toEqual({
      id: 1,
      name: "Acme Ltd",
      website: "https://acme.example",
      phone: "+1 555 0111",
      emailDomainsJson: JSON.stringify(["acme.example", "acme-group.example"]),
      siteCount: 2,
      userCount: 3,
      inactive: false,
    });
  });

  it("falls back to any site's phone when the main site has none", () => {
    const noMainPhone = [sites[0], haloSiteSchema.parse({ id: 11, name: "Head office", client_id: 1 })];
    expect(summariseHaloClients({ clients: [client], sites: noMainPhone, users: [] })[0].phone).toBe("+1 555 0110");
    expect(summariseHaloClients({ clients: [client], sites: [], users: [] })[0]).toMatchObject({ phone: null, emailDomainsJson: "[]" });
  });
});
