import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixturePaths } from "@/fixtures";
import { generateMsp } from "../data/generate";
import type { HaloData } from "../data/types";
import { haloGet, haloToken } from "../testing";
import { startHaloSim, type HaloSim } from "./server";

/**
 * Real Halo lists carry fewer properties than `/Type/{id}`: the simulator's lists must carry only
 * the list set of Halo's own OpenAPI document, or code tested against it would rely on properties
 * that are always empty against the real service.
 */

/** "## Users_List" section of halo-fields.txt → its property names. */
function listFields(section: string): Set<string> {
  const text = readFileSync(fixturePaths.haloFields, "utf8");
  const start = text.indexOf(`\n## ${section}\n`);
  expect(start, `section ${section} in halo-fields.txt`).toBeGreaterThan(0);
  const body = text.slice(start + section.length + 5).split("\n## ")[0];
  return new Set(body.split("\n").map((line) => line.match(/^(\w+):/)?.[1]).filter((name) => name !== undefined));
}

/**
 * halo-fields.txt has no Client list schema (its `Area` is the detail record); halo.md gives the
 * list set from responses of real instances.
 */
const CLIENT_LIST = new Set(["id", "name", "inactive", "toplevel_id", "toplevel_name", "website", "main_site_id", "notes", "ref", "colour", "customfields"]);

/** Generated data with every detail-only property set somewhere, so leaving it out is tested. */
function dataWithDetailFields(): HaloData {
  const halo = generateMsp({ seed: 3, size: "tiny" }).halo;
  Object.assign(halo.users[0], { email2: "second@example.org", email3: "third@example.org", inactive: false });
  Object.assign(halo.sites[0], { maincontact_name: "Ann Lee", emaildomain: "example.org", todomain: "example.org", inactive: false });
  Object.assign(halo.clients[0], { main_phonenumber: "+1 555 0100", domain: "example.org", inactive: false });
  return halo;
}

describe("Halo simulator lists carry only the list field set", () => {
  let sim: HaloSim;
  let token: string;
  let data: HaloData;

  beforeAll(async () => {
    data = dataWithDetailFields();
    sim = await startHaloSim({ data, rateLimit: false });
    token = await haloToken(sim);
  });
  afterAll(() => sim.close());

  const served = async (path: string, key: string): Promise<Array<Record<string, unknown>>> => {
    // Every option that adds properties, so the widest list shape is checked.
    const res = await haloGet(sim, token, `${path}?includeinactive=true&includeaddress=true&includenotes=true`);
    expect(res.status).toBe(200);
    return (await res.json())[key];
  };
  const keysOf = (records: Array<Record<string, unknown>>) => new Set(records.flatMap((r) => Object.keys(r)));
  const outside = (keys: Set<string>, allowed: Set<string>) => [...keys].filter((k) => !allowed.has(k)).sort();

  it("Client: no main_phonenumber, domain or other detail-only property", async () => {
    const keys = keysOf(await served("/Client", "clients"));
    expect(outside(keys, CLIENT_LIST)).toEqual([]);
    expect(keys).toContain("website");
    expect(keys).toContain("main_site_id");
  });

  it("Site: only Site_List properties (no emaildomain, maincontact_name or address objects)", async () => {
    const keys = keysOf(await served("/Site", "sites"));
    expect(outside(keys, listFields("Site_List"))).toEqual([]);
    expect(keys).toContain("phonenumber");
    expect(keys).toContain("delivery_address_line1");
  });

  it("Users: only Users_List properties (no email2, email3)", async () => {
    const users = await served("/Users", "users");
    expect(outside(keysOf(users), listFields("Users_List"))).toEqual([]);
    expect(keysOf(users)).toContain("emailaddress");
    // The detail still has them.
    const detail = await (await haloGet(sim, token, `/Users/${data.users[0].id}`)).json();
    expect(detail).toMatchObject({ email2: "second@example.org", email3: "third@example.org" });
  });

  it("ClientContract: only ContractHeader_List properties (no billing_description_string)", async () => {
    const keys = keysOf(await served("/ClientContract", "contracts"));
    expect(outside(keys, listFields("ContractHeader_List"))).toEqual([]);
    expect(keys).toContain("billingdescription");
  });
});
