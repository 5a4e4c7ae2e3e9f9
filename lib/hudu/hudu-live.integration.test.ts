import { afterEach, describe, expect, it } from "vitest";
import type { HuduData } from "@/sim/data/types";
import { generateMsp } from "@/sim/data/generate";
import type { HuduSimOptions } from "@/sim/hudu/server";
import { HALO_INTEGRATION_ID } from "@/sim/data/hudu-records";
import { HALO_INTEGRATION_NOT_FOUND } from "./matchers";
import { manyCompanies, simAndClient } from "./testing";

/** The Hudu client against the simulator answering as a live Hudu does (sim/README.md, "huduBehaviour"). */

const running: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});
const setup = (simOptions: HuduSimOptions = {}) => simAndClient(running, simOptions);

/** `companies` companies and `perCompany` assets of one layout in each (a few hundred in all). */
function companiesWithAssets(companies: number, perCompany: number): HuduData {
  const data = manyCompanies(companies);
  const layout = data.assetLayouts[0];
  data.assets = data.companies.flatMap((company, c) =>
    Array.from({ length: perCompany }, (_, a) => {
      const id = c * perCompany + a + 1;
      return {
        id,
        company_id: company.id,
        asset_layout_id: layout.id,
        slug: `asset-${id}`,
        name: `Asset ${id}`,
        primary_serial: null,
        primary_mail: null,
        primary_model: null,
        primary_manufacturer: null,
        company_name: company.name,
        object_type: "Asset" as const,
        asset_type: layout.name,
        archived: false,
        url: `/a/asset-${id}`,
        created_at: company.created_at,
        updated_at: company.updated_at,
        fields: [],
        cards: [],
      };
    }),
  );
  return data;
}

const contacts = {
  name: "Halo Contacts (live)",
  icon: "fas fa-user",
  fields: [
    { label: "Email Address", field_type: "Email" as const },
    { label: "Phone  Number ", field_type: "Phone" as const },
  ],
};

describe("reading lists to the end", () => {
  it.each<[string, HuduSimOptions]>([
    ["a page cap of 25", { pageCap: 25 }],
    ["page_size ignored", { ignorePageSize: true }],
  ])("reads a few hundred companies and assets through %s, every record accounted for", async (_, options) => {
    const data = companiesWithAssets(310, 1);
    const { sim, hudu, problems } = await setup({ data, ...options });
    const companies = await hudu.listCompanies();
    expect(companies.map((c) => c.id)).toEqual(data.companies.map((c) => c.id));
    const assets = await hudu.listAssets({ assetLayoutId: data.assetLayouts[0].id });
    expect(assets.map((a) => a.id).sort((a, b) => a - b)).toEqual(data.assets.map((a) => a.id));
    // 310 at 25 a page: 13 pages, then the empty page that ends the sweep.
    expect(sim.control.requestCounts()["GET /api/v1/companies"]).toBe(14);
    expect(sim.control.requestCounts()["GET /api/v1/assets"]).toBe(14);
    expect(problems).toEqual([]);
  });

  it("stops with a problem, not a loop, when Hudu answers the same page twice (a server ignoring page)", async () => {
    const { sim, hudu, problems } = await setup();
    const page = { companies: generateMsp({ seed: 1, size: "tiny" }).hudu.companies.slice(0, 2) };
    sim.control.failNext({ count: 5, status: 200, body: page, match: { method: "GET", path: "/api/v1/companies" } });
    const companies = await hudu.listCompanies();
    expect(companies.map((c) => c.id)).toEqual(page.companies.map((c) => c.id));
    expect(sim.control.requestCounts()["GET /api/v1/companies"]).toBe(2);
    expect(problems.map((p) => p.message)).toEqual([
      "Hudu returned the same page twice while trying to list companies; stopped reading to avoid a loop, so records after the first 2 may be missing.",
    ]);
  });
});

describe("companies", () => {
  it("unwraps a create answered 200 {company}", async () => {
    const { sim, hudu } = await setup();
    const created = await hudu.createCompany({ name: "Two Hundred Ltd" });
    expect(created.name).toBe("Two Hundred Ltd");
    expect(sim.control.requests().at(-1)).toMatchObject({ method: "POST", status: 200 });
  });

  it("resolves a name taken by an archived company (another case) to that company, never a second create", async () => {
    const { sim, hudu } = await setup({ data: manyCompanies(40, { archivedEvery: 10 }) });
    const before = (sim.control.state() as HuduData).companies.length;
    const result = await hudu.createOrFindCompany({ name: "COMPANY 30", website: "https://c30.example" });
    expect(result).toMatchObject({ existed: true, company: { id: 30, name: "Company 30", archived: true } });
    expect(sim.control.requestCounts()["POST /api/v1/companies"]).toBe(1);
    expect((sim.control.state() as HuduData).companies).toHaveLength(before);

    const fresh = await hudu.createOrFindCompany({ name: "Brand New Ltd" });
    expect(fresh).toMatchObject({ existed: false, company: { name: "Brand New Ltd" } });
  });

  it("says so when the name is taken by a company it cannot read (archived, in a Hudu ignoring archived=true)", async () => {
    const { sim, hudu } = await setup({ data: manyCompanies(40, { archivedEvery: 10 }), archivedFilter: false });
    const error = await hudu.createOrFindCompany({ name: "Company 30" }).catch((e) => e);
    expect(error).toMatchObject({ code: "validation", status: 422 });
    expect(error.userMessage).toMatch(/^Hudu says the company name "Company 30" is taken, but no company of that name can be read through the API: it may be archived/);
    expect(sim.control.requestCounts()["POST /api/v1/companies"]).toBe(1);
  });

  it("reads archived companies, and detects a Hudu that ignores archived=true", async () => {
    const honours = await setup({ data: manyCompanies(40, { archivedEvery: 10 }) });
    const all = await honours.hudu.listAllCompanies();
    expect(all).toHaveLength(40);
    expect(all.filter((c) => c.archived).map((c) => c.id)).toEqual([10, 20, 30, 40]);
    expect(honours.problems).toEqual([]);

    const ignores = await setup({ data: manyCompanies(40, { archivedEvery: 10 }), archivedFilter: false });
    expect(await ignores.hudu.listCompanies({ archived: true })).toEqual([]);
    const seen = await ignores.hudu.listAllCompanies();
    expect(seen).toHaveLength(36);
    expect(seen.every((c) => !c.archived)).toBe(true);
    expect(ignores.problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/^Hudu ignored archived=true \(its "archived" list held 36 companies that are not archived\)/),
      expect.stringMatching(/^Hudu ignored archived=true/),
    ]);
  });
});

describe("Hudu's refusals name the record and Hudu's words, whatever the body's shape", () => {
  it.each([
    ["errors-text", 'Hudu refused to create company "Company 1": Name has already been taken'],
    ["errors-map", 'Hudu refused to create company "Company 1": name has already been taken'],
    ["error-details", 'Hudu refused to create company "Company 1": Validation failed: Name has already been taken'],
  ] as const)("%s", async (validationErrors, message) => {
    const { hudu } = await setup({ data: manyCompanies(3), validationErrors });
    await expect(hudu.createCompany({ name: "Company 1" })).rejects.toMatchObject({ code: "validation", userMessage: message });
  });

  it("error with details as text", async () => {
    const { sim, hudu } = await setup();
    sim.control.failNext({ status: 422, body: { error: "Invalid request", details: "param is missing or the value is empty: company" }, match: { method: "PUT" } });
    await expect(hudu.updateCompany(1, { notes: "x" })).rejects.toMatchObject({
      userMessage: "Hudu refused to update company 1: Invalid request: param is missing or the value is empty: company",
    });
  });
});

describe("asset layouts", () => {
  it("creates with the whole body and active: true; activation PUTs the layout back whole and keeps every field", async () => {
    const { sim, hudu } = await setup();
    const created = await hudu.createAssetLayout(contacts);
    expect(created.active).toBe(false); // Hudu leaves API layouts inactive
    const active = await hudu.activateAssetLayout(created.id);
    expect(active.active).toBe(true);
    expect(active.fields.map((f) => [f.id, f.label])).toEqual(created.fields.map((f) => [f.id, f.label]));
    // The body sent on create, and the PUT, were whole (live Hudu answers 500 otherwise).
    expect(sim.control.requests().filter((r) => r.status >= 500)).toEqual([]);
    // Already active: left alone.
    sim.control.resetCounts();
    await hudu.activateAssetLayout(created.id);
    expect(sim.control.requestCounts()["PUT /api/v1/asset_layouts/:id"]).toBeUndefined();
  });

  it("when Hudu drops a field on activation, says which", async () => {
    const { sim, hudu } = await setup();
    const created = await hudu.createAssetLayout(contacts);
    const get = { method: "GET", path: "/api/v1/asset_layouts/:id" };
    sim.control.failNext({ status: 200, body: { asset_layout: created }, match: get });
    sim.control.failNext({ status: 200, body: { asset_layout: { ...created, active: true, fields: created.fields.slice(0, 1) } }, match: get });
    const error = await hudu.activateAssetLayout(created.id).catch((e) => e);
    expect(error.userMessage).toBe(
      'Hudu did not keep the layout "Halo Contacts (live)" as sent (activate asset layout "Halo Contacts (live)"): it dropped the field "Phone  Number ". Check the layout in Hudu (Admin > Asset Layouts) before running again.',
    );
  });

  it.each(["POST", "PUT"])("reports a 500 to a layout %s as a refused change with what was sent, and never retries it", async (method) => {
    const { sim, hudu } = await setup();
    const created = await hudu.createAssetLayout(contacts);
    sim.control.resetCounts();
    sim.control.failNext({ count: 3, status: 500, body: { status: 500, error: "Internal Server Error" }, match: { method, path: "/api/v1/asset_layouts*" } });
    const write = method === "POST" ? hudu.createAssetLayout({ ...contacts, name: "Second" }) : hudu.activateAssetLayout(created.id);
    const error = await write.catch((e) => e);
    const what = method === "POST" ? 'create asset layout "Second"' : 'activate asset layout "Halo Contacts (live)"';
    const name = method === "POST" ? "Second" : "Halo Contacts (live)";
    expect(error).toMatchObject({ status: 500 });
    expect(error.userMessage).toBe(
      `Hudu refused this layout change (${what}): it answered 500 "Internal Server Error". We sent name "${name}", active: true, 2 fields (Email Address: Email, Phone  Number : Phone). Nothing was retried: check the layout in Hudu (Admin > Asset Layouts) before trying again.`,
    );
    expect(error.details[0]).toMatch(/^Sent: \{"asset_layout":\{/);
    expect(sim.control.requestCounts()[`${method} /api/v1/asset_layouts${method === "PUT" ? "/:id" : ""}`]).toBe(1);
  });

  it.each<[string, HuduSimOptions]>([
    ["200 null (live)", {}],
    ["404 (the document)", { huduBehaviour: "openapi" }],
  ])("treats a missing layout answered %s as not found", async (_, options) => {
    const { hudu } = await setup(options);
    expect(await hudu.findAssetLayout(987654)).toBeNull();
    await expect(hudu.getAssetLayout(987654)).rejects.toMatchObject({ code: "not_found", userMessage: expect.stringMatching(/^Hudu has no asset layout 987654\./) });
  });
});

describe("custom-field keys", () => {
  it("keys a label with odd spaces exactly (each space one _, nothing trimmed)", async () => {
    const { hudu } = await setup();
    const company = (await hudu.listCompanies())[0];
    const layout = await hudu.createAssetLayout(contacts);
    const asset = await hudu.createAsset(company.id, { asset_layout_id: layout.id, name: "Ann", custom_fields: { "Phone  Number ": "0113 496 0000" } });
    expect(asset.fields).toEqual([expect.objectContaining({ label: "Phone  Number ", value: "0113 496 0000" })]);
  });

  it("when Hudu refuses a key, names the layout, the label and the key sent", async () => {
    const { hudu } = await setup({ customFieldKeys: "collapsed" });
    const company = (await hudu.listCompanies())[0];
    const layout = await hudu.createAssetLayout(contacts);
    const create = hudu.createAsset(company.id, { asset_layout_id: layout.id, name: "Ann", custom_fields: { "Email Address": "a@b.example", "Phone  Number ": "1" } });
    await expect(create).rejects.toMatchObject({
      code: "validation",
      userMessage:
        'Hudu refused the custom field "Phone  Number " (sent as key "phone__number_") of the layout "Halo Contacts (live)" (create asset "Ann"). Hudu said: Invalid field names: phone__number_. The key is the field\'s label in lower case with each space as "_"; check that label in Hudu.',
    });
    const asset = await hudu.createAsset(company.id, { asset_layout_id: layout.id, name: "Bob" });
    await expect(hudu.updateAsset(company.id, asset.id, { custom_fields: { "Shoe Size": 9 } })).rejects.toMatchObject({
      userMessage: expect.stringMatching(/^Hudu refused the custom field "Shoe Size" \(sent as key "shoe_size"\) of the layout "Halo Contacts \(live\)" \(update asset \d+\)/),
    });
  });
});

describe("matchers of Hudu's Halo integration", () => {
  const generated = generateMsp({ seed: 1, size: "tiny" });

  it("finds the integration id, lists and filters matchers, and re-points one", async () => {
    const { sim, hudu } = await setup({ data: generated.hudu });
    const integrationId = await hudu.findHaloIntegrationId();
    expect(integrationId).toBe(HALO_INTEGRATION_ID);
    const all = await hudu.listMatchers({ integrationId: integrationId! });
    expect(all).toHaveLength(generated.halo.clients.length);
    const unlinked = await hudu.listMatchers({ integrationId: integrationId!, matched: false });
    expect(unlinked.every((m) => m.company_id === null)).toBe(true);
    expect(await hudu.listMatchers({ integrationId: integrationId!, syncId: all[0].sync_id! })).toEqual([all[0]]);

    const target = (await hudu.listCompanies()).find((c) => c.integrations.length === 0)!;
    const updated = await hudu.updateMatcher(unlinked[0].id, { companyId: target.id });
    expect(updated).toMatchObject({ id: unlinked[0].id, company_id: target.id, company_name: target.name });
    expect((await hudu.getCompany(target.id)).integrations.map((i) => i.sync_id)).toEqual([unlinked[0].sync_id]);
    expect(sim.control.requestCounts()["PUT /api/v1/matchers/:id"]).toBe(1);
  });

  it("says when no company shows the integration id", async () => {
    const { hudu } = await setup({ data: manyCompanies(5) });
    expect(await hudu.findHaloIntegrationId()).toBeNull();
    expect(HALO_INTEGRATION_NOT_FOUND).toMatch(/^No Hudu company is linked through Hudu's own Halo integration yet/);
  });

  it("explains Hudu's 404 (unknown integration) and 500 (no usable id) in plain words, without retrying", async () => {
    const { sim, hudu } = await setup({ data: generated.hudu });
    await expect(hudu.listMatchers({ integrationId: 987 })).rejects.toMatchObject({
      code: "not_found",
      userMessage: `There is no Halo integration with id 987 in Hudu (Hudu said "No matching integration"). The id is the number in Hudu's address when you edit the Halo integration (Admin > Integrations).`,
    });
    sim.control.resetCounts();
    sim.control.failNext({ count: 3, status: 500, body: { status: 500, error: "Internal Server Error" }, match: { path: "/api/v1/matchers" } });
    await expect(hudu.listMatchers({ integrationId: HALO_INTEGRATION_ID })).rejects.toMatchObject({
      userMessage: `Hudu needs the integration id to list its matchers, and could not use ${HALO_INTEGRATION_ID} (it answered 500). Check the Halo integration id: the number in Hudu's address when you edit the integration.`,
    });
    expect(sim.control.requestCounts()["GET /api/v1/matchers"]).toBe(1);
  });

  it("explains the 500 Hudu answers for an unknown matcher, without retrying", async () => {
    const { sim, hudu } = await setup({ data: generated.hudu });
    await expect(hudu.updateMatcher(987654, { companyId: 1 })).rejects.toMatchObject({
      code: "not_found",
      userMessage: "Hudu has no matcher 987654 (it answered 500, as it does for a matcher that does not exist): the integration may have re-synced. Read the matchers again and retry.",
    });
    expect(sim.control.requestCounts()["PUT /api/v1/matchers/:id"]).toBe(1);
  });
});
