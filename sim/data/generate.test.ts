import { describe, expect, it } from "vitest";
import { generateMsp } from "./generate";
import type { GeneratedMsp } from "./types";

const demo = generateMsp({ seed: 1, size: "demo" });

function countBy<T>(items: T[], key: (item: T) => string | number): Map<string | number, number> {
  const out = new Map<string | number, number>();
  for (const item of items) out.set(key(item), (out.get(key(item)) ?? 0) + 1);
  return out;
}

describe("generateMsp", () => {
  it("is deterministic per seed and differs between seeds", () => {
    expect(JSON.stringify(generateMsp({ seed: 5, size: "tiny" }))).toBe(JSON.stringify(generateMsp({ seed: 5, size: "tiny" })));
    expect(generateMsp({ seed: 6, size: "tiny" }).halo.clients[0].name).not.toBe(generateMsp({ seed: 5, size: "tiny" }).halo.clients[0].name);
  });

  it("gives every client 1–4 sites, 2–40 users (one a General User) and 0–3 contracts", () => {
    const { halo } = demo;
    expect(halo.clients).toHaveLength(150);
    const sites = countBy(halo.sites, (s) => s.client_id);
    const users = countBy(halo.users, (u) => u.client_id);
    const contracts = countBy(halo.contracts, (c) => c.client_id);
    for (const client of halo.clients) {
      expect(sites.get(client.id)).toBeGreaterThanOrEqual(1);
      expect(sites.get(client.id)).toBeLessThanOrEqual(4);
      expect(users.get(client.id)).toBeGreaterThanOrEqual(2);
      expect(users.get(client.id)).toBeLessThanOrEqual(41); // 40 plus, rarely, a contact typed twice
      expect(contracts.get(client.id) ?? 0).toBeLessThanOrEqual(3);
      expect(halo.users.some((u) => u.client_id === client.id && u.name === "General User" && !u.emailaddress)).toBe(true);
      expect(halo.sites.find((s) => s.id === client.main_site_id)?.client_id).toBe(client.id);
    }
  });

  it("has the variety real MSP data has", () => {
    const { halo } = demo;
    const userNames = halo.users.map((u) => u.name).join("\n");
    expect(userNames).toMatch(/'/); // O'Brien
    expect(userNames).toMatch(/[À-ɏ]/); // accents
    expect(halo.users.some((u) => u.emailaddress === undefined || u.emailaddress === "")).toBe(true);
    expect(halo.users.some((u) => u.inactive)).toBe(true);
    expect(halo.users.some((u) => u.isimportantcontact)).toBe(true);
    expect(halo.contracts.some((c) => c.active)).toBe(true);
    expect(halo.contracts.some((c) => c.expired && c.next_invoice_date === "1899-12-30T00:00:00")).toBe(true);
    expect(halo.clients.some((c) => c.inactive)).toBe(true);
    // US, UK and Australian address formats.
    const postcodes = halo.sites.map((s) => s.delivery_address.postcode);
    expect(postcodes.some((p) => /^\d{5}$/.test(p))).toBe(true);
    expect(postcodes.some((p) => /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/.test(p))).toBe(true);
    expect(postcodes.some((p) => /^\d{4}$/.test(p))).toBe(true);
    // Halo's date format: no zone.
    for (const c of halo.contracts) expect(c.last_modified).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?$/);
  });

  it("puts awkward records in on purpose (~3%)", () => {
    const names = demo.halo.clients.map((c) => c.name);
    const awkward = names.filter((n) => /[<>]|\p{Extended_Pictographic}|^\s|\s$|\t/u.test(n) || n.length > 100);
    expect(awkward.length).toBeGreaterThanOrEqual(2);
    expect(awkward.length).toBeLessThan(names.length * 0.1);
  });

  it("makes Hudu overlap Halo the way real data does", () => {
    const { halo, hudu, truth } = demo;
    const hows = new Set(truth.map((t) => t.how));
    for (const how of ["exact", "legal-suffix", "typo", "case"]) expect(hows, how).toContain(how);
    // Hudu names are unique; some clients are missing, some companies Hudu-only.
    expect(new Set(hudu.companies.map((c) => c.name)).size).toBe(hudu.companies.length);
    expect(truth.length).toBeLessThan(halo.clients.length);
    expect(truth.length).toBeLessThan(hudu.companies.length);
    expect(hudu.companies.some((c) => c.archived)).toBe(true);
    // Integrations only ever name the client the company really is.
    const truthOf = new Map(truth.map((t) => [t.huduId, t.haloId]));
    const integrated = hudu.companies.filter((c) => c.integrations.length > 0);
    expect(integrated.length).toBeGreaterThan(truth.length * 0.2);
    for (const c of integrated) expect(c.integrations[0]).toMatchObject({ integrator_name: "halo", sync_id: truthOf.get(c.id) });
  });

  it("includes near-namesakes that are different organisations", () => {
    const { hudu, truth } = demo;
    const names = hudu.companies.map((c) => c.name);
    const namesake = names.filter((n) => / (Lab|Supplies|Holdings|Foundation|Academy|West)$/.test(n) && names.some((m) => m !== n && n.startsWith(`${m.replace(/ (Inc|LLC|Ltd|Limited|PLC|LLP|Pty Ltd)\.?$/, "")} `)));
    expect(namesake.length).toBeGreaterThan(0);
    // Each pair in the truth is one Halo client ↔ one Hudu company.
    expect(new Set(truth.map((t) => t.huduId)).size).toBe(truth.length);
    expect(new Set(truth.map((t) => t.haloId)).size).toBe(truth.length);
  });

  it("has the hard cases even at the tiny size", () => {
    const tiny: GeneratedMsp = generateMsp({ seed: 1, size: "tiny" });
    expect(tiny.halo.clients.some((c) => c.inactive)).toBe(true);
    expect(tiny.truth.length).toBeLessThan(tiny.halo.clients.length);
    expect(tiny.halo.clients.some((c) => /[<>]|\p{Extended_Pictographic}|^\s|\s$/u.test(c.name))).toBe(true);
  });

  it("reaches the large size: ~5,000 clients, 8,000 sites, 60,000 users, 6,000 contracts", () => {
    const { halo, hudu } = generateMsp({ seed: 1, size: "large" });
    expect(halo.clients).toHaveLength(5000);
    expect(halo.sites.length).toBeGreaterThan(7000);
    expect(halo.users.length).toBeGreaterThan(50_000);
    expect(halo.contracts.length).toBeGreaterThan(5000);
    expect(new Set(halo.users.map((u) => u.id)).size).toBe(halo.users.length);
    // Hudu refuses a second company with the same name in any case, archived ones included.
    expect(new Set(hudu.companies.map((c) => c.name.toLowerCase())).size).toBe(hudu.companies.length);
    // Hudu's Halo integration keeps one matcher per Halo client.
    expect(new Set(hudu.matchers!.map((m) => m.sync_id)).size).toBe(halo.clients.length);
  });
});
