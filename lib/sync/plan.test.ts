import { describe, expect, it } from "vitest";
import { haloClientSchema, haloContractSchema, haloSiteSchema, haloUserSchema } from "@/lib/halo/records";
import { summariseAsset, type HuduAssetSummary } from "@/lib/hudu/asset-summary";
import { huduAssetLayoutSchema, huduAssetSchema, huduCompanySchema } from "@/lib/hudu/schemas";
import { customFieldKey } from "@/lib/hudu/custom-fields";
import { RECOMMENDED_LAYOUTS } from "@/lib/layouts/recommended";
import { buildPlan, planRest, planStart, streamPlanRest } from "./plan";
import type { PlanDecision, PlanInput, PlanLink } from "./plan-input";
import { defaultSyncSettings, type SyncSettings } from "./settings-schema";
import type { AssetRecordType, PlanItem } from "./types";

// ---------------------------------------------------------------- hand-made input

const LAYOUT_IDS = { site: 101, contact: 102, contract: 103 } as const;

function layout(type: AssetRecordType, active = true) {
  const r = RECOMMENDED_LAYOUTS[type];
  return huduAssetLayoutSchema.parse({
    id: LAYOUT_IDS[type],
    name: r.name,
    active,
    fields: r.fields.map((f, i) => ({ id: LAYOUT_IDS[type] * 100 + i, label: f.label, field_type: f.fieldType, linkable_id: f.linksTo ? LAYOUT_IDS.site : null })),
  });
}

const client = (id: number, name: string, extra: Record<string, unknown> = {}) => haloClientSchema.parse({ id, name, main_site_id: id * 10, website: `${name.toLowerCase().replace(/\W+/g, "")}.com`, ...extra });
const site = (id: number, clientId: number, extra: Record<string, unknown> = {}) =>
  haloSiteSchema.parse({
    id,
    name: `Site ${id}`,
    client_id: clientId,
    phonenumber: "+44 20 7946 0000",
    timezone: "GMT Standard Time",
    delivery_address_line1: "1 High Street",
    delivery_address_line3: "London",
    delivery_address_line5: "EC1A 1AA",
    ...extra,
  });
const user = (id: number, clientId: number, siteId: number, extra: Record<string, unknown> = {}) =>
  haloUserSchema.parse({ id, name: `Person ${id}`, firstname: "Person", surname: String(id), emailaddress: `p${id}@example.com`, site_id: siteId, client_id: clientId, title: "Manager", ...extra });
const contract = (id: number, clientId: number, siteId: number, extra: Record<string, unknown> = {}) =>
  haloContractSchema.parse({
    id,
    client_id: clientId,
    ref: `C-${id}`,
    contracttype_name: "Managed",
    contract_status: "Active",
    start_date: "2024-01-01T00:00:00",
    end_date: "2025-12-31T00:00:00",
    active: true,
    site_id: siteId,
    ...extra,
  });
const company = (id: number, name: string, extra: Record<string, unknown> = {}) => huduCompanySchema.parse({ id, name, ...extra });

/** A Hudu asset of `type` with the given values keyed by label. */
function asset(type: AssetRecordType, id: number, companyId: number, name: string, values: Record<string, unknown>, extra: Record<string, unknown> = {}): HuduAssetSummary {
  return summariseAsset(huduAssetSchema.parse({
    id,
    company_id: companyId,
    company_name: `Company ${companyId}`,
    asset_layout_id: LAYOUT_IDS[type],
    name,
    archived: false,
    fields: Object.entries(values).map(([label, value]) => ({ label, value })),
    ...extra,
  }));
}

function settings(change: (s: SyncSettings) => void = () => {}): SyncSettings {
  const s = defaultSyncSettings();
  s.layouts = { site: { id: 101, name: "Sites" }, contact: { id: 102, name: "Contacts" }, contract: { id: 103, name: "Contracts" } };
  change(s);
  return s;
}

interface Setup {
  clients?: ReturnType<typeof client>[];
  sites?: ReturnType<typeof site>[];
  users?: ReturnType<typeof user>[];
  contracts?: ReturnType<typeof contract>[];
  companies?: ReturnType<typeof company>[];
  assets?: Partial<Record<AssetRecordType, HuduAssetSummary[]>>;
  decisions?: PlanDecision[];
  links?: PlanLink[];
  settings?: SyncSettings;
  layouts?: PlanInput["hudu"]["layouts"];
}

function input(s: Setup): PlanInput {
  return {
    halo: { clients: s.clients ?? [], sites: s.sites ?? [], users: s.users ?? [], contracts: s.contracts ?? [] },
    hudu: {
      companies: s.companies ?? [],
      layouts: s.layouts ?? { site: layout("site"), contact: layout("contact"), contract: layout("contract") },
      assets: { site: s.assets?.site ?? [], contact: s.assets?.contact ?? [], contract: s.assets?.contract ?? [] },
    },
    decisions: s.decisions ?? [],
    links: s.links ?? [],
    settings: s.settings ?? settings(),
    readAt: "2026-01-01T00:00:00.000Z",
  };
}

const item = (items: PlanItem[], key: string) => {
  const found = items.find((i) => i.key === key);
  if (!found) throw new Error(`no item ${key}; have ${items.map((i) => i.key).join(", ")}`);
  return found;
};

/** One matched client (1 → Hudu company 500) with a site, a user and a contract. */
function acme(extra: Partial<Setup> = {}): Setup {
  return {
    clients: [client(1, "Acme")],
    sites: [site(10, 1)],
    users: [user(100, 1, 10)],
    contracts: [contract(1000, 1, 10)],
    companies: [company(500, "Acme Ltd", { website: "https://acme.com", id_number: "halo:1", phone_number: "020 7946 0000", address_line_1: "1 High Street" })],
    decisions: [{ haloClientId: 1, kind: "match", huduCompanyId: 500 }],
    ...extra,
  };
}

/** What Hudu holds after a faithful import of acme() (values as Hudu might send them back). */
function acmeAssets(): Record<AssetRecordType, HuduAssetSummary[]> {
  return {
    site: [
      asset("site", 7010, 500, "Site 10", {
        Address: { address_line_1: "1 High Street", address_line_2: null, city: "London", state: null, zip: "EC1A 1AA", country_name: null },
        Phone: "+44 20 7946 0000",
        "Time Zone": "GMT Standard Time",
        "Halo ID": "10",
      }),
    ],
    contact: [
      asset("contact", 7100, 500, "Person 100", {
        "First Name": "Person",
        "Last Name": "100",
        Email: "p100@example.com",
        "Job Title": "Manager",
        "Important Contact": false,
        Site: [{ id: 7010, name: "Site 10" }],
        "Halo ID": "100",
      }),
    ],
    contract: [
      asset("contract", 8000, 500, "C-1000", {
        Reference: "C-1000",
        Type: "Managed",
        Status: "Active",
        "Start Date": "2024/01/01",
        "End Date": "2025/12/31",
        Site: [7010],
        "Halo ID": "1000",
      }),
    ],
  };
}

const acmeLinks = (): PlanLink[] => [
  { haloType: "site", haloId: 10, huduId: 7010, huduCompanyId: 500, contentHash: null },
  { haloType: "contact", haloId: 100, huduId: 7100, huduCompanyId: 500, contentHash: null },
  { haloType: "contract", haloId: 1000, huduId: 8000, huduCompanyId: 500, contentHash: null },
];

// ---------------------------------------------------------------- the cases

describe("buildPlan: new records", () => {
  it("creates every asset of a matched client, with the Halo id in its Halo ID field and the contact linked to its site", () => {
    const plan = buildPlan(input(acme()));
    expect(plan.totals.site.create).toBe(1);
    expect(plan.totals.contact.create).toBe(1);
    expect(plan.totals.contract.create).toBe(1);
    const s = item(plan.items, "site:10");
    expect(s).toMatchObject({ action: "create", huduCompanyId: 500, companyKey: "company:1" });
    expect(s.write).toMatchObject({
      kind: "asset",
      layoutId: 101,
      name: "Site 10",
      fields: {
        halo_id: "10",
        phone: "+44 20 7946 0000",
        address: { address_line_1: "1 High Street", city: "London", zip: "EC1A 1AA" },
        time_zone: "GMT Standard Time",
      },
    });
    const c = item(plan.items, "contact:100");
    expect(c.write).toMatchObject({ fields: { site: { assetLink: { key: "site:10", huduAssetId: null } }, email: "p100@example.com", important_contact: false } });
    const k = item(plan.items, "contract:1000");
    expect(k.write).toMatchObject({ name: "C-1000", fields: { start_date: "2024/01/01", end_date: "2025/12/31", site: { assetLink: { key: "site:10" } } } });
    expect(k.changes.find((ch) => ch.key === "site")?.new).toBe("Site 10");
  });

  it("creates a company for a create-new client with its Halo id stamped, and puts its records in it by companyKey", () => {
    const plan = buildPlan(input(acme({ companies: [], decisions: [{ haloClientId: 1, kind: "create", huduCompanyId: null }] })));
    const co = item(plan.items, "company:1");
    expect(co.action).toBe("create");
    expect(co.write).toEqual({
      kind: "company",
      fields: { name: "Acme", id_number: "halo:1", website: "acme.com", phone_number: "+44 20 7946 0000", address_line_1: "1 High Street", city: "London", zip: "EC1A 1AA" },
    });
    const s = item(plan.items, "site:10");
    expect(s).toMatchObject({ action: "create", huduCompanyId: null, companyKey: "company:1" });
    // Companies come first, then sites, then contacts and contracts.
    expect(plan.items.map((i) => i.type)).toEqual(["company", "site", "contact", "contract"]);
  });
});

describe("buildPlan: existing records", () => {
  it("leaves what Hudu already holds unchanged (no write)", () => {
    const plan = buildPlan(input(acme({ assets: acmeAssets(), links: acmeLinks() })));
    for (const key of ["site:10", "contact:100", "contract:1000"]) {
      const it = item(plan.items, key);
      expect(it.action, `${key}: ${JSON.stringify(it.changes)}`).toBe("unchanged");
      expect(it.write).toBeUndefined();
    }
    expect(item(plan.items, "company:1").action).toBe("unchanged");
  });

  it("treats trivially different values as unchanged: spacing, e-mail case, phone and date formats, rich-text markup", () => {
    const assets = acmeAssets();
    assets.site[0] = asset("site", 7010, 500, "  Site   10 ", {
      Address: JSON.stringify({ address_line_1: "1  High Street", city: "london", zip: "EC1A 1AA" }),
      Phone: "020 7946 0000",
      "Time Zone": "GMT  Standard Time ",
      Notes: "<p></p>",
      "Halo ID": "10",
    });
    assets.contact[0] = asset("contact", 7100, 500, "Person 100", {
      "First Name": "Person",
      "Last Name": "100",
      Email: "P100@Example.COM",
      "Job Title": " Manager",
      Site: JSON.stringify([{ id: 7010 }]),
      "Halo ID": "100",
    });
    assets.contract[0] = asset("contract", 8000, 500, "C-1000", {
      Reference: "C-1000",
      Type: "Managed",
      Status: "Active",
      "Start Date": "2024-01-01",
      "End Date": "2025-12-31T00:00:00Z",
      Site: [7010],
      "Halo ID": "1000",
    });
    const plan = buildPlan(input(acme({ assets, links: acmeLinks() })));
    for (const key of ["site:10", "contact:100", "contract:1000"]) {
      expect(item(plan.items, key).action, `${key}: ${JSON.stringify(item(plan.items, key).changes)}`).toBe("unchanged");
    }
  });

  it("updates an asset whose Halo record changed, listing exactly the changed field (old → new)", () => {
    const plan = buildPlan(input(acme({ users: [user(100, 1, 10, { mobilenumber: "07700 900123", emailaddress: "new@example.com" })], assets: acmeAssets(), links: acmeLinks() })));
    const c = item(plan.items, "contact:100");
    expect(c.action).toBe("update");
    expect(c.huduId).toBe(7100);
    expect(c.changes).toEqual([
      { key: "email", label: "Email", old: "p100@example.com", new: "new@example.com" },
      { key: "mobile", label: "Mobile", old: null, new: "07700 900123" },
    ]);
    // The write carries every mapped value (safe whether Hudu merges or replaces custom fields).
    expect(c.write).toMatchObject({ kind: "asset", fields: { email: "new@example.com", mobile: "07700 900123", first_name: "Person", halo_id: "100" } });
    expect(plan.totals.contact).toMatchObject({ update: 1, create: 0, unchanged: 0 });
  });

  it("fills only empty details of a matched company, never renames it, and stamps its Halo id when it has none", () => {
    const plan = buildPlan(input(acme({ companies: [company(500, "ACME Limited", { website: "https://other.example", phone_number: null })] })));
    const co = item(plan.items, "company:1");
    expect(co.action).toBe("update");
    expect(co.write).toEqual({
      kind: "company",
      fields: { address_line_1: "1 High Street", city: "London", zip: "EC1A 1AA", phone_number: "+44 20 7946 0000", id_number: "halo:1" },
    });
    expect(co.name).toBe("Acme");
    expect(co.companyName).toBe("ACME Limited");
  });

  it("leaves matched companies alone when the settings say so", () => {
    const s = settings((x) => (x.company.matched = "leave"));
    const plan = buildPlan(input(acme({ settings: s, companies: [company(500, "Acme Ltd")] })));
    expect(item(plan.items, "company:1")).toMatchObject({ action: "unchanged", write: undefined });
  });
});

describe("buildPlan: gone and inactive records", () => {
  it("archives the asset of a record gone from Halo, and leaves it when the option says leave", () => {
    const setup = acme({ users: [], assets: acmeAssets(), links: acmeLinks() });
    const archive = item(buildPlan(input(setup)).items, "contact:100");
    expect(archive).toMatchObject({ action: "archive", huduId: 7100, huduCompanyId: 500 });
    const leave = buildPlan(input({ ...setup, settings: settings((s) => (s.options.whenGone = "leave")) }));
    expect(leave.items.find((i) => i.key === "contact:100")).toBeUndefined();
  });

  it("archives the asset of a record that became inactive; skips an inactive record that has none; imports it when asked", () => {
    const inactiveSite = site(10, 1, { inactive: true });
    const withAsset = buildPlan(input(acme({ sites: [inactiveSite], assets: acmeAssets(), links: acmeLinks() })));
    expect(item(withAsset.items, "site:10")).toMatchObject({ action: "archive", huduId: 7010 });
    const without = buildPlan(input(acme({ sites: [inactiveSite] })));
    expect(item(without.items, "site:10")).toMatchObject({ action: "skip", skipReason: "inactive" });
    const included = buildPlan(input(acme({ sites: [inactiveSite], settings: settings((s) => (s.options.includeInactive = true)) })));
    expect(item(included.items, "site:10").action).toBe("create");
  });

  it("does not archive an asset that is already archived, and unarchives one whose record is back", () => {
    const assets = acmeAssets();
    assets.site[0] = { ...assets.site[0], archived: true };
    const gone = buildPlan(input(acme({ sites: [], assets, links: acmeLinks() })));
    expect(gone.items.find((i) => i.key === "site:10")).toBeUndefined();
    const back = buildPlan(input(acme({ assets, links: acmeLinks() })));
    expect(item(back.items, "site:10")).toMatchObject({ action: "update", write: { unarchive: true } });
  });

  it("never archives an asset typed in Hudu by hand (no Halo id, no link)", () => {
    const assets = acmeAssets();
    assets.site.push(asset("site", 7999, 500, "Hand-made", { Phone: "123" }));
    const plan = buildPlan(input(acme({ assets, links: acmeLinks() })));
    expect(plan.items.some((i) => i.huduId === 7999)).toBe(false);
  });
});

describe("buildPlan: skipped, with the reason", () => {
  it("skips the records of undecided, ignored, inactive and unknown clients", () => {
    const plan = buildPlan(
      input({
        clients: [client(1, "Undecided"), client(2, "Ignored"), client(3, "Old", { inactive: true })],
        sites: [site(10, 1), site(20, 2), site(30, 3), site(40, 4)],
        decisions: [
          { haloClientId: 2, kind: "ignore", huduCompanyId: null },
          { haloClientId: 3, kind: "create", huduCompanyId: null },
        ],
      }),
    );
    expect(item(plan.items, "company:1")).toMatchObject({ action: "skip", skipReason: "client-undecided" });
    expect(item(plan.items, "company:2")).toMatchObject({ action: "skip", skipReason: "client-ignored" });
    expect(item(plan.items, "company:3")).toMatchObject({ action: "skip", skipReason: "client-inactive" });
    expect(item(plan.items, "site:10").skipReason).toBe("client-undecided");
    expect(item(plan.items, "site:20").skipReason).toBe("client-ignored");
    expect(item(plan.items, "site:30").skipReason).toBe("client-inactive");
    expect(item(plan.items, "site:40").skipReason).toBe("client-missing");
    expect(plan.totals.site.skip).toBe(4);
  });

  it("skips inactive contracts (active only by default), records with no name, and types with no usable layout", () => {
    const plan = buildPlan(
      input(
        acme({
          contracts: [contract(1000, 1, 10, { active: false }), contract(1001, 1, 10, { ref: "" })],
          settings: settings((s) => (s.layouts.contact = null)),
          layouts: { site: layout("site", false), contract: layout("contract") },
        }),
      ),
    );
    expect(item(plan.items, "contract:1000").skipReason).toBe("contract-inactive");
    expect(item(plan.items, "contract:1001").skipReason).toBe("no-name");
    expect(item(plan.items, "contact:100").skipReason).toBe("no-layout");
    // An inactive layout is not usable either (Hudu would hide what we write), and the plan says why.
    expect(item(plan.items, "site:10").skipReason).toBe("no-layout");
    expect(plan.warnings.map((w) => w.message).join(" ")).toContain("inactive");
  });

  it("skips a matched client whose Hudu company is gone, and a create-new client whose name belongs to another client's company", () => {
    const plan = buildPlan(
      input({
        clients: [client(1, "Gone Co"), client(2, "Taken Name")],
        companies: [company(600, "taken name")],
        decisions: [
          { haloClientId: 1, kind: "match", huduCompanyId: 999 },
          { haloClientId: 2, kind: "create", huduCompanyId: null },
          { haloClientId: 3, kind: "match", huduCompanyId: 600 },
        ],
      }),
    );
    expect(item(plan.items, "company:1").skipReason).toBe("company-missing");
    expect(item(plan.items, "company:2").skipReason).toBe("company-name-taken");
  });

  it("creates one company for two create-new clients of the same name (Hudu's names are unique) and skips the other with the reason", () => {
    const plan = buildPlan(
      input({
        clients: [client(2, "Twin Name Ltd"), client(1, " twin  name LTD")],
        sites: [site(10, 1), site(20, 2)],
        decisions: [
          { haloClientId: 1, kind: "create", huduCompanyId: null },
          { haloClientId: 2, kind: "create", huduCompanyId: null },
        ],
      }),
    );
    expect(item(plan.items, "company:1").action).toBe("create");
    expect(item(plan.items, "company:2")).toMatchObject({ action: "skip", skipReason: "company-name-twin" });
    expect(item(plan.items, "site:20")).toMatchObject({ action: "skip", skipReason: "company-name-twin" });
    expect(item(plan.items, "site:10").action).toBe("create");
  });
});

describe("buildPlan: a company archived in Hudu", () => {
  it("keeps the match and plans its records as usual, and warns that Hudu hides them", () => {
    const setup = acme();
    setup.companies = [{ ...setup.companies![0], archived: true }];
    const plan = buildPlan(input(setup));
    expect(item(plan.items, "company:1").action).toBe("unchanged");
    expect(item(plan.items, "site:10").action).toBe("create");
    expect(plan.warnings.filter((w) => w.code === "company-archived").map((w) => w.message)).toEqual([
      'Hudu company "Acme Ltd" (Halo client "Acme") is archived: its sites, contacts and contracts are kept up to date, but Hudu shows none of them until the company is unarchived.',
    ]);
    expect(buildPlan(input(acme())).warnings.filter((w) => w.code === "company-archived")).toEqual([]);
  });
});

describe("buildPlan: a lost database", () => {
  it("rebuilds company and asset links from the Halo ids in Hudu and creates nothing", () => {
    // No links and a fresh "create new" decision: everything is found by the Halo ids Hudu holds.
    const plan = buildPlan(input(acme({ assets: acmeAssets(), links: [], decisions: [{ haloClientId: 1, kind: "create", huduCompanyId: null }] })));
    expect(plan.items.filter((i) => i.action === "create")).toEqual([]);
    expect(item(plan.items, "company:1")).toMatchObject({ action: "unchanged", huduId: 500, relink: true, foundBy: "stamp" });
    for (const key of ["site:10", "contact:100", "contract:1000"]) {
      expect(item(plan.items, key)).toMatchObject({ action: "unchanged", relink: true, foundBy: "stamp" });
    }
  });

  it("resolves a create-new client to the company Hudu already has under its name (Hudu refuses a second one)", () => {
    const plan = buildPlan(input(acme({ companies: [company(500, "ACME")], decisions: [{ haloClientId: 1, kind: "create", huduCompanyId: null }] })));
    expect(item(plan.items, "company:1")).toMatchObject({ action: "update", huduId: 500, foundBy: "name", relink: true });
    expect(item(plan.items, "site:10")).toMatchObject({ action: "create", huduCompanyId: 500 });
  });
});

describe("buildPlan: the next run", () => {
  it("needs no relink for what the run before created with a site link (the link hashes as the site's Halo key)", () => {
    const first = buildPlan(input(acme()));
    // What the import records for each created asset: its Hudu id and the plan's content hash.
    const created = { "site:10": 7010, "contact:100": 7100, "contract:1000": 8000 } as const;
    const links: PlanLink[] = Object.entries(created).map(([key, huduId]) => {
      const it = item(first.items, key);
      return { haloType: it.type as AssetRecordType, haloId: it.haloId, huduId, huduCompanyId: 500, contentHash: it.contentHash };
    });
    const next = buildPlan(input(acme({ assets: acmeAssets(), links })));
    for (const key of Object.keys(created)) expect(item(next.items, key)).toMatchObject({ action: "unchanged", relink: undefined });
  });

  it("planned in two parts as an import does (companies and sites first, from part of the input), it is buildPlan's plan", () => {
    const full = input(acme({ assets: acmeAssets(), users: [user(100, 1, 10), user(101, 1, 10, { name: "" })] }));
    const { users: _users, contracts: _contracts, ...halo } = full.halo;
    const start = planStart({ ...full, halo, hudu: { companies: full.hudu.companies, layouts: full.hudu.layouts, assets: { site: full.hudu.assets.site } } });
    const items = [...start.items, ...planRest(start, full)];
    const plan = buildPlan(full);
    expect(JSON.stringify(items)).toBe(JSON.stringify(plan.items));
    expect(start.warnings).toEqual(plan.warnings);
  });

  it("with contacts and contracts planned as Halo sends them (streamPlanRest), it has buildPlan's items in Halo's order", async () => {
    const users = [user(102, 1, 10), user(100, 1, 10), user(101, 1, 10, { name: "" })];
    const full = input(acme({ assets: acmeAssets(), links: acmeLinks(), users }));
    const start = planStart(full);
    async function* sent<T>(records: T[]) {
      for (const record of records) {
        await Promise.resolve();
        yield record;
      }
    }
    const source = { assets: { contact: full.hudu.assets.contact, contract: full.hudu.assets.contract }, users: sent(users), contracts: sent(full.halo.contracts), warnings: () => [] };
    const streamed: PlanItem[] = [];
    for await (const item of streamPlanRest(start, full, source)) streamed.push(item);
    const plan = buildPlan(full);
    expect(streamed.map((i) => i.key).slice(0, 3)).toEqual(["contact:102", "contact:100", "contact:101"]);
    const byKey = (items: PlanItem[]) => Object.fromEntries(items.map((i) => [i.key, i]));
    expect(byKey([...start.items, ...streamed])).toEqual(byKey(plan.items));
    expect(streamed.length + start.items.length).toBe(plan.items.length);
  });
});

describe("buildPlan: determinism and field keys", () => {
  it("gives the same plan for the same input", () => {
    const a = buildPlan(input(acme({ assets: acmeAssets() })));
    const b = buildPlan(input(acme({ assets: acmeAssets() })));
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it("keys custom fields as Hudu does (label lower-cased, spaces → _)", () => {
    const plan = buildPlan(input(acme()));
    const fields = Object.keys((item(plan.items, "contract:1000").write as { fields: Record<string, unknown> }).fields);
    expect(fields).toContain(customFieldKey("Start Date"));
    expect(fields).toContain("halo_id");
  });
});
