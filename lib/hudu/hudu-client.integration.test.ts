import { afterEach, describe, expect, it } from "vitest";
import { HuduClient } from "./client";
import { formatFieldValue } from "./custom-fields";
import { manyCompanies, simAndClient } from "./testing";

/** Integration tests: the Hudu client against the Hudu simulator on an ephemeral port. */

const running: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});
const setup = (...args: Parameters<typeof simAndClient> extends [unknown, ...infer R] ? R : never) => simAndClient(running, ...args);

const contactLayout = {
  name: "Halo Contacts (test)",
  icon: "fas fa-user",
  fields: [
    { label: "Email Address", field_type: "Email" as const, show_in_list: true },
    { label: "Halo User ID", field_type: "Number" as const },
    { label: "Start Date", field_type: "Date" as const },
    { label: "Important", field_type: "CheckBox" as const },
  ],
};

describe("HuduClient", () => {
  it("reads the version", async () => {
    const { hudu } = await setup();
    expect((await hudu.apiInfo()).version).toBe("2.44.0");
  });

  it("lists every company across 1000-record pages and reads on to the empty page", async () => {
    const { sim, hudu } = await setup({ data: manyCompanies(2100) });
    const companies = await hudu.listCompanies();
    expect(companies).toHaveLength(2100);
    expect(new Set(companies.map((c) => c.id)).size).toBe(2100);
    expect(sim.control.requestCounts()["GET /api/v1/companies"]).toBe(4);
  });

  it("creates, reads, updates and archives a company; a duplicate name is a validation error", async () => {
    const { hudu } = await setup();
    const created = await hudu.createCompany({ name: "Halo Sync Test Ltd", website: "https://hst.example", id_number: "HALO-99" });
    expect(created).toMatchObject({ name: "Halo Sync Test Ltd", id_number: "HALO-99", archived: false });
    expect((await hudu.getCompany(created.id)).website).toBe("https://hst.example");
    const updated = await hudu.updateCompany(created.id, { phone_number: "0113 000 0000" });
    expect(updated).toMatchObject({ phone_number: "0113 000 0000", website: "https://hst.example" });

    const error = await hudu.createCompany({ name: "Halo Sync Test Ltd" }).catch((e) => e);
    expect(error).toMatchObject({ code: "validation", status: 422, service: "hudu" });
    expect(error.userMessage).toBe('Hudu refused to create company "Halo Sync Test Ltd": Name has already been taken');
    expect(error.details).toEqual(["Name has already been taken"]);

    await hudu.archiveCompany(created.id);
    expect((await hudu.listCompanies()).some((c) => c.id === created.id)).toBe(false);
    expect((await hudu.listCompanies({ archived: true })).some((c) => c.id === created.id)).toBe(true);
  });

  it("creates a layout (Hudu leaves it inactive), activates it, and adds fields keeping existing ones and their values", async () => {
    const { hudu } = await setup();
    const company = (await hudu.listCompanies())[0];
    const layout = await hudu.createAssetLayout(contactLayout);
    expect(layout.active).toBe(false);
    expect(layout.fields.map((f) => f.label)).toEqual(contactLayout.fields.map((f) => f.label));
    expect((await hudu.activateAssetLayout(layout.id)).active).toBe(true);

    const asset = await hudu.createAsset(company.id, {
      asset_layout_id: layout.id,
      name: "Ann Lee",
      custom_fields: { "Email Address": "ann@x.example", "Halo User ID": 41, "Start Date": formatFieldValue("Date", "2024-03-01T00:00:00.000Z") },
    });
    expect(asset.fields.find((f) => f.label === "Email Address")?.value).toBe("ann@x.example");

    const before = layout.fields.map((f) => f.id);
    const grown = await hudu.addLayoutFields(layout.id, [
      { label: "Job Title", field_type: "Text" },
      { label: "email address", field_type: "Email" }, // already there (any case): not added twice
    ]);
    expect(grown.fields.map((f) => f.label)).toEqual([...contactLayout.fields.map((f) => f.label), "Job Title"]);
    expect(grown.fields.slice(0, before.length).map((f) => f.id)).toEqual(before);
    const after = await hudu.getAsset(company.id, asset.id);
    expect(after.fields.find((f) => f.label === "Email Address")?.value).toBe("ann@x.example");
    expect((await hudu.listAssetLayouts()).some((l) => l.id === layout.id)).toBe(true);
  });

  it("creates, lists, updates and archives assets, and relates them", async () => {
    const { hudu } = await setup();
    const [a, b] = await hudu.listCompanies();
    const layout = await hudu.createAssetLayout(contactLayout);
    const one = await hudu.createAsset(a.id, { asset_layout_id: layout.id, name: "One", custom_fields: [{ email_address: "one@x.example" }] });
    const two = await hudu.createAsset(b.id, { asset_layout_id: layout.id, name: "Two", custom_fields: { Important: formatFieldValue("CheckBox", "yes") } });
    const all = await hudu.listAssets({ assetLayoutId: layout.id });
    expect(all.map((x) => x.name).sort()).toEqual(["One", "Two"]);
    expect((await hudu.listAssets({ assetLayoutId: layout.id, companyId: b.id })).map((x) => x.id)).toEqual([two.id]);

    const renamed = await hudu.updateAsset(a.id, one.id, { name: "One (renamed)", custom_fields: { "Halo User ID": 7 } });
    expect(renamed.name).toBe("One (renamed)");
    expect(renamed.fields.find((f) => f.label === "Email Address")?.value).toBe("one@x.example");

    const relation = await hudu.createRelation({ fromable_type: "Asset", fromable_id: one.id, toable_type: "Company", toable_id: a.id, description: "Halo contact" });
    expect(relation).toMatchObject({ fromable_id: one.id, toable_type: "Company" });

    await hudu.archiveAsset(a.id, one.id);
    expect((await hudu.listAssets({ assetLayoutId: layout.id })).map((x) => x.id)).toEqual([two.id]);
    expect((await hudu.listAssets({ assetLayoutId: layout.id, archived: true })).map((x) => x.id)).toEqual([one.id]);
  });

  it("surfaces Hudu's 422 for an unknown custom field with its message and details, without retrying", async () => {
    const { sim, hudu } = await setup();
    const company = (await hudu.listCompanies())[0];
    const layout = await hudu.createAssetLayout(contactLayout);
    sim.control.resetCounts();
    const error = await hudu
      .createAsset(company.id, { asset_layout_id: layout.id, name: "Bad", custom_fields: { "Favourite Colour": "blue" } })
      .catch((e) => e);
    expect(error).toMatchObject({ code: "validation", status: 422, service: "hudu" });
    expect(error.details.join(" ")).toMatch(/favourite_colour/);
    expect(error.userMessage).toBe(
      'Hudu refused the custom field "Favourite Colour" (sent as key "favourite_colour") of the layout "Halo Contacts (test)" (create asset "Bad"). Hudu said: Invalid field names: favourite_colour. The key is the field\'s label in lower case with each space as "_"; check that label in Hudu.',
    );
    expect(sim.control.requestCounts()["POST /api/v1/companies/:id/assets"]).toBe(1);
  });

  it("retries 5xx and dropped connections on reads and updates, but not on creates", async () => {
    const { sim, hudu } = await setup();
    sim.control.failNext({ count: 2, status: 502, match: { path: "/api/v1/companies" } });
    sim.control.dropNext({ count: 1, match: { path: "/api/v1/companies" } });
    expect((await hudu.listCompanies()).length).toBeGreaterThan(0);
    // Three failures, the page, and the empty page that ends the sweep.
    expect(sim.control.requestCounts()["GET /api/v1/companies"]).toBe(5);

    const company = (await hudu.listCompanies())[0];
    sim.control.failNext({ count: 1, status: 503, match: { method: "PUT", path: "/api/v1/companies/:id" } });
    expect((await hudu.updateCompany(company.id, { notes: "retried" })).notes).toBe("retried");

    sim.control.resetCounts();
    sim.control.failNext({ count: 1, status: 500, match: { method: "POST", path: "/api/v1/companies" } });
    await expect(hudu.createCompany({ name: "Maybe Created Ltd" })).rejects.toMatchObject({ code: "server_error" });
    expect(sim.control.requestCounts()["POST /api/v1/companies"]).toBe(1);
  });

  it("never retries a 404", async () => {
    const { sim, hudu } = await setup();
    await expect(hudu.getCompany(987654)).rejects.toMatchObject({ code: "not_found", status: 404 });
    expect(sim.control.requestCounts()["GET /api/v1/companies/:id"]).toBe(1);
  });

  it("reports a refused API key", async () => {
    const { sim } = await setup();
    const bad = new HuduClient({ baseUrl: sim.url, apiKey: "wrong" }, { retry: { maxAttempts: 1 } });
    const error = await bad.listCompanies().catch((e) => e);
    expect(error).toMatchObject({ code: "hudu_bad_key", status: 401 });
    expect(JSON.stringify(error.toJSON())).not.toContain(sim.apiKey);
  });
});

describe("HuduClient pacing", () => {
  it("stays under the fixed window: no 429s", async () => {
    const rate = { limit: 5, windowMs: 1000 };
    // A generous margin: under load a request can take tens of ms to reach the server.
    const { sim, hudu } = await setup({ rateLimit: rate }, { ...rate, marginMs: 100 });
    const started = Date.now();
    for (let i = 0; i < 8; i++) await hudu.apiInfo();
    expect(sim.control.requests().filter((r) => r.status === 429)).toHaveLength(0);
    // 8 requests at 5 per wall-clock second cross at least one boundary.
    expect(Math.floor(Date.now() / 1000)).toBeGreaterThan(Math.floor(started / 1000));
  });

  it("after a 429 with no Retry-After waits for the server's window to reset: no second 429 within a window", async () => {
    // Hudu's default in small: the client paces 1000 per 100 ms, the server counts 5 per
    // clock-aligned second; after a 429 the client must wait for the next whole second, not the
    // next 100 ms (which would meet the same full window again).
    const { sim, hudu } = await setup({ rateLimit: { limit: 5, windowMs: 1000 } }, { limit: 1000, windowMs: 100, resetWindowMs: 1000, marginMs: 20 });
    for (let i = 0; i < 12; i++) await hudu.apiInfo();
    const log = sim.control.requests();
    const refused = log.filter((r) => r.status === 429);
    expect(refused.length).toBeGreaterThanOrEqual(1);
    const perWindow = new Map<number, number>();
    for (const r of refused) perWindow.set(Math.floor(r.at / 1000), (perWindow.get(Math.floor(r.at / 1000)) ?? 0) + 1);
    expect([...perWindow.values()].every((n) => n === 1)).toBe(true);
    expect(log.filter((r) => r.status === 200)).toHaveLength(12);
  });

  it.each([true, false])("on a 429 waits (Retry-After header: %s) instead of hammering", async (retryAfterHeader) => {
    // The client thinks it may send 1000 a second; the server allows 5 per wall-clock second.
    const { sim, hudu, events } = await setup({ rateLimit: { limit: 5, windowMs: 1000 }, retryAfterHeader });
    for (let i = 0; i < 12; i++) await hudu.apiInfo();
    const log = sim.control.requests();
    const refused = log.filter((r) => r.status === 429);
    // 12 requests at 5 a second need at least two window changes; each costs at most one refusal.
    expect(refused.length).toBeGreaterThanOrEqual(1);
    expect(refused.length).toBeLessThanOrEqual(3);
    expect(log.filter((r) => r.status === 200)).toHaveLength(12);
    for (const r of refused) {
      const next = log[log.indexOf(r) + 1];
      // The next attempt lands in a later window, not straight back into the refusing one.
      expect(Math.floor(next.at / 1000)).toBeGreaterThan(Math.floor(r.at / 1000));
    }
    expect(events.some((e) => e.type === "wait" && e.reason === "rate_limited" && /Hudu asked us to slow down/.test(e.message))).toBe(true);
  });
});
