import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateMsp } from "../data/generate";
import { HALO_INTEGRATION_ID } from "../data/hudu-records";
import type { HuduAsset, HuduAssetLayout, HuduCompany, HuduData, HuduMatcher } from "../data/types";
import { huduFetch, huduLayoutBody } from "../testing";
import { startHuduSim, type HuduSim } from "./server";

describe("Hudu simulator", () => {
  let sim: HuduSim;
  const get = async (path: string) => {
    const res = await huduFetch(sim, "GET", path);
    expect(res.status, `GET ${path}`).toBe(200);
    return res.json();
  };
  const state = () => sim.control.state() as HuduData;

  beforeAll(async () => {
    sim = await startHuduSim({ rateLimit: false });
  });
  afterAll(() => sim.close());

  it("needs the x-api-key header", async () => {
    expect((await fetch(`${sim.url}/api/v1/companies`)).status).toBe(401);
    expect((await fetch(`${sim.url}/api/v1/companies`, { headers: { "x-api-key": "wrong" } })).status).toBe(401);
  });

  it("answers api_info with version and date", async () => {
    expect(await get("/api_info")).toEqual({ version: "2.44.0", date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
  });

  describe("companies", () => {
    it("lists 25 a page by default, page_size up to 1000, archived hidden", async () => {
      for (let i = 0; i < 30; i++) expect((await huduFetch(sim, "POST", "/companies", { company: { name: `Bulk ${i}` } })).status).toBe(200);
      const all = state().companies;
      const visible = all.filter((c) => !c.archived);
      expect((await get("/companies")).companies).toHaveLength(25);
      expect((await get("/companies?page=2")).companies).toHaveLength(Math.min(25, visible.length - 25));
      expect((await get("/companies?page_size=1000")).companies).toHaveLength(visible.length);
      expect((await get("/companies?page_size=5000")).companies).toHaveLength(visible.length);
      const archived = (await get("/companies?archived=true&page_size=1000")).companies;
      expect(archived.every((c: HuduCompany) => c.archived)).toBe(true);
      expect(archived).toHaveLength(all.length - visible.length);
    });

    it("filters by exact case-sensitive name, search, website and id_in_integration", async () => {
      const linked = state().companies.find((c) => c.integrations.length > 0 && !c.archived)!;
      expect(linked).toBeDefined();
      expect((await get(`/companies?name=${encodeURIComponent(linked.name)}`)).companies.map((c: HuduCompany) => c.id)).toEqual([linked.id]);
      expect((await get(`/companies?name=${encodeURIComponent(linked.name.toUpperCase() + "x")}`)).companies).toEqual([]);
      const part = linked.name.slice(1, 6).toLowerCase();
      expect((await get(`/companies?search=${encodeURIComponent(part)}&page_size=1000`)).companies.map((c: HuduCompany) => c.id)).toContain(linked.id);
      const sync = linked.integrations[0].sync_id;
      expect((await get(`/companies?id_in_integration=${sync}`)).companies.map((c: HuduCompany) => c.id)).toEqual([linked.id]);
      expect(linked.integrations[0]).toMatchObject({ integrator_name: "halo", sync_id: expect.any(Number) });
    });

    it("creates wrapped (200 as live Hudu answers), refuses a name taken in any case with 422, ignores read-only fields", async () => {
      const res = await huduFetch(sim, "POST", "/companies", { company: { name: "Smith Dental", website: "https://smithdental.com", integrations: [{ sync_id: 1 }], archived: true } });
      expect(res.status).toBe(200);
      const { company } = await res.json();
      expect(company).toMatchObject({ name: "Smith Dental", website: "https://smithdental.com", archived: false, integrations: [], object_type: "Company" });
      expect(company.full_url).toBe(`${sim.url}${company.url}`);
      const dup = await huduFetch(sim, "POST", "/companies", { company: { name: "Smith Dental" } });
      expect(dup.status).toBe(422);
      expect(await dup.json()).toEqual({ errors: "Name has already been taken" });
      // Unique case-insensitively, archived companies included.
      expect((await huduFetch(sim, "POST", "/companies", { company: { name: "SMITH DENTAL" } })).status).toBe(422);
      await huduFetch(sim, "PUT", `/companies/${company.id}/archive`);
      expect((await huduFetch(sim, "POST", "/companies", { company: { name: "smith dental" } })).status).toBe(422);
      await huduFetch(sim, "PUT", `/companies/${company.id}/unarchive`);
      expect((await huduFetch(sim, "POST", "/companies", { company: { name: "  " } })).status).toBe(422);
    });

    it("wants wrapped bodies: 422 with the missing parameter in details", async () => {
      const res = await huduFetch(sim, "POST", "/companies", { name: "Flat Body Ltd" });
      expect(res.status).toBe(422);
      expect(await res.json()).toEqual({ error: "Invalid request", details: "param is missing or the value is empty: company" });
    });

    it("updates partially, archives, unarchives and deletes", async () => {
      const { company } = await (await huduFetch(sim, "POST", "/companies", { company: { name: "Partial Co", city: "Leeds", phone_number: "0113 496 0000" } })).json();
      const put = await huduFetch(sim, "PUT", `/companies/${company.id}`, { company: { city: "York" } });
      expect(put.status).toBe(200);
      expect((await put.json()).company).toMatchObject({ name: "Partial Co", city: "York", phone_number: "0113 496 0000" });
      const taken = await huduFetch(sim, "PUT", `/companies/${company.id}`, { company: { name: "Smith Dental" } });
      expect(taken.status).toBe(422);
      expect((await (await huduFetch(sim, "PUT", `/companies/${company.id}/archive`)).json()).company.archived).toBe(true);
      expect((await get(`/companies?name=Partial%20Co`)).companies).toEqual([]);
      expect((await (await huduFetch(sim, "PUT", `/companies/${company.id}/unarchive`)).json()).company.archived).toBe(false);
      expect((await huduFetch(sim, "DELETE", `/companies/${company.id}`)).status).toBe(204);
      expect((await huduFetch(sim, "GET", `/companies/${company.id}`)).status).toBe(404);
    });
  });

  describe("asset layouts", () => {
    it("lists the pre-existing layouts, 25 a page, page_size ignored", async () => {
      const layouts = (await get("/asset_layouts")).asset_layouts as HuduAssetLayout[];
      expect(layouts.map((l) => l.name)).toContain("People");
      expect(layouts.find((l) => l.name === "People")!.active).toBe(true);
      for (let i = 0; i < 25; i++) expect((await huduFetch(sim, "POST", "/asset_layouts", huduLayoutBody(`Layout ${i}`, []))).status).toBe(200);
      expect((await get("/asset_layouts?page_size=1000")).asset_layouts).toHaveLength(25);
      expect((await get("/asset_layouts?page=2")).asset_layouts.length).toBe(state().assetLayouts.length - 25);
    });

    it("answers 500 to an incomplete layout create, 200 wrapped to a complete one, which comes out inactive", async () => {
      const incomplete = await huduFetch(sim, "POST", "/asset_layouts", { asset_layout: { name: "Only A Name" } });
      expect(incomplete.status).toBe(500);
      expect(await incomplete.json()).toEqual({ status: 500, error: "Internal Server Error" });
      const { icon: _icon, ...noIcon } = huduLayoutBody("No Icon", []).asset_layout;
      expect((await huduFetch(sim, "POST", "/asset_layouts", { asset_layout: noIcon })).status).toBe(500);
      expect(state().assetLayouts.some((l) => l.name === "Only A Name" || l.name === "No Icon")).toBe(false);

      const res = await huduFetch(sim, "POST", "/asset_layouts", huduLayoutBody("Halo Contacts", [{ label: "Email Address", field_type: "Email" }, { label: "Birthday", field_type: "Date" }]));
      expect(res.status).toBe(200);
      const { asset_layout } = await res.json();
      expect(asset_layout.active).toBe(false);
      expect(asset_layout.fields.map((f: { label: string; position: number }) => [f.label, f.position])).toEqual([["Email Address", 1], ["Birthday", 2]]);
    });

    it("answers 500 to a partial layout PUT (no fields); a whole PUT activates and keeps the fields", async () => {
      const { asset_layout } = await (await huduFetch(sim, "POST", "/asset_layouts", huduLayoutBody("Activate Me", [{ label: "A", field_type: "Text" }]))).json();
      const partial = await huduFetch(sim, "PUT", `/asset_layouts/${asset_layout.id}`, { asset_layout: { name: "Activate Me", active: true } });
      expect(partial.status).toBe(500);
      expect((await get(`/asset_layouts/${asset_layout.id}`)).asset_layout.active).toBe(false);
      const whole = await huduFetch(sim, "PUT", `/asset_layouts/${asset_layout.id}`, { asset_layout: { ...asset_layout, active: true } });
      expect(whole.status).toBe(200);
      expect((await whole.json()).asset_layout).toMatchObject({ active: true, name: "Activate Me", fields: [{ id: asset_layout.fields[0].id, label: "A" }] });
    });

    it("answers a missing layout with 200 and null", async () => {
      const res = await huduFetch(sim, "GET", "/asset_layouts/987654");
      expect(res.status).toBe(200);
      expect(await res.text()).toBe("null");
    });

    it("refuses a field_type outside the list (case-sensitive) with 422", async () => {
      const res = await huduFetch(sim, "POST", "/asset_layouts", huduLayoutBody("Bad", [{ label: "X", field_type: "text" }]));
      expect(res.status).toBe(422);
      expect(await res.json()).toMatchObject({ errors: expect.stringContaining("field type") });
      const layout = state().assetLayouts[0];
      const put = await huduFetch(sim, "PUT", `/asset_layouts/${layout.id}`, { asset_layout: { fields: [{ label: "X", field_type: "Checkbox" }] } });
      expect(put.status).toBe(422);
    });

    it("PUT with fields keeps ids, adds new ones and drops omitted ones", async () => {
      const { asset_layout } = await (await huduFetch(sim, "POST", "/asset_layouts", huduLayoutBody("Field Edit", [{ label: "A", field_type: "Text" }, { label: "B", field_type: "Text" }]))).json();
      const [a] = asset_layout.fields;
      const put = await huduFetch(sim, "PUT", `/asset_layouts/${asset_layout.id}`, { asset_layout: { fields: [{ id: a.id, label: "A renamed" }, { label: "C", field_type: "Number" }] } });
      const fields = (await put.json()).asset_layout.fields;
      expect(fields.map((f: { label: string }) => f.label)).toEqual(["A renamed", "C"]);
      expect(fields[0].id).toBe(a.id);
    });

    it("has no DELETE", async () => {
      expect((await huduFetch(sim, "DELETE", "/asset_layouts/1")).status).toBe(404);
      expect(state().assetLayouts.some((l) => l.id === 1)).toBe(true);
    });
  });

  describe("assets", () => {
    let companyId: number;
    let otherCompanyId: number;
    let layoutId: number;
    const post = (cid: number, asset: unknown) => huduFetch(sim, "POST", `/companies/${cid}/assets`, { asset });

    beforeAll(async () => {
      companyId = (await (await huduFetch(sim, "POST", "/companies", { company: { name: "Asset Owner" } })).json()).company.id;
      otherCompanyId = (await (await huduFetch(sim, "POST", "/companies", { company: { name: "Other Owner" } })).json()).company.id;
      const { asset_layout } = await (
        await huduFetch(
          sim,
          "POST",
          "/asset_layouts",
          huduLayoutBody("Everything", [
            { label: "Email Address", field_type: "Email" },
            { label: "Start Date", field_type: "Date" },
            { label: "Home Page", field_type: "Website" },
            { label: "VIP", field_type: "CheckBox" },
            { label: "Seats", field_type: "Number" },
            { label: "Address", field_type: "AddressData" },
            { label: "Related", field_type: "AssetTag" },
            { label: "Job Title", field_type: "Text" },
            { label: "Phone  Number ", field_type: "Phone" },
          ]),
        )
      ).json();
      layoutId = asset_layout.id;
    });

    it("creates an asset with custom fields and returns fields [{id,label,value,position}]", async () => {
      const res = await post(companyId, {
        asset_layout_id: layoutId,
        name: "Jane O'Brien",
        primary_mail: "jane@example.com",
        custom_fields: [{ email_address: "jane@example.com", start_date: "2024/01/31" }, { vip: true, seats: "12", job_title: "Director" }],
      });
      expect(res.status).toBe(201);
      const { asset } = await res.json();
      expect(asset).toMatchObject({ company_id: companyId, asset_layout_id: layoutId, name: "Jane O'Brien", object_type: "Asset", asset_type: "Everything", archived: false, company_name: "Asset Owner" });
      expect(asset.fields).toEqual([
        { id: expect.any(Number), label: "Email Address", value: "jane@example.com", position: 1 },
        { id: expect.any(Number), label: "Start Date", value: "2024/01/31", position: 2 },
        { id: expect.any(Number), label: "VIP", value: true, position: 4 },
        { id: expect.any(Number), label: "Seats", value: "12", position: 5 },
        { id: expect.any(Number), label: "Job Title", value: "Director", position: 8 },
      ]);
    });

    it("refuses unknown custom field keys with 422", async () => {
      const res = await post(companyId, { asset_layout_id: layoutId, name: "X", custom_fields: [{ email_address: "a@b.c", shoe_size: 9, "Job Title": "x" }] });
      expect(res.status).toBe(422);
      expect(await res.json()).toEqual({ error: "Invalid custom fields", details: ["Invalid field names: shoe_size, Job Title"] });
    });

    it("checks values by field type", async () => {
      const bad: Array<Record<string, unknown>> = [
        { start_date: "2024-01-31" },
        { start_date: "31/01/2024" },
        { home_page: "http://example.com" },
        { home_page: "example.com" },
        { vip: "yes" },
        { seats: "twelve" },
        { address: "1 High St" },
        { address: { line1: "1 High St" } },
        { related: [999999] },
      ];
      for (const fields of bad) {
        const res = await post(companyId, { asset_layout_id: layoutId, name: "Bad", custom_fields: [fields] });
        expect(res.status, JSON.stringify(fields)).toBe(422);
        expect(await res.json()).toMatchObject({ error: expect.any(String), details: [expect.any(String)] });
      }
      const good = await post(companyId, {
        asset_layout_id: layoutId,
        name: "Good",
        custom_fields: [{ home_page: "https://example.com", seats: 3, address: { address_line_1: "1 High St", city: "Leeds", zip: "LS1 1AA", country_name: "United Kingdom" } }],
      });
      expect(good.status).toBe(201);
    });

    it("accepts AssetTag links only to assets of the same company", async () => {
      const mine = (await (await post(companyId, { asset_layout_id: layoutId, name: "Mine" })).json()).asset;
      const theirs = (await (await post(otherCompanyId, { asset_layout_id: layoutId, name: "Theirs" })).json()).asset;
      expect((await post(companyId, { asset_layout_id: layoutId, name: "Link ok", custom_fields: [{ related: [mine.id] }] })).status).toBe(201);
      expect((await post(companyId, { asset_layout_id: layoutId, name: "Link bad", custom_fields: [{ related: [theirs.id] }] })).status).toBe(422);
    });

    it("PUT of a subset merges; labels with spaces are accepted on PUT", async () => {
      const { asset } = await (await post(companyId, { asset_layout_id: layoutId, name: "Merge Me", custom_fields: [{ email_address: "m@x.com", job_title: "CEO" }] })).json();
      const res = await huduFetch(sim, "PUT", `/companies/${companyId}/assets/${asset.id}`, { asset: { custom_fields: [{ "Job Title": "CFO" }] } });
      expect(res.status).toBe(200);
      const updated = (await res.json()).asset;
      expect(updated.name).toBe("Merge Me");
      expect(Object.fromEntries(updated.fields.map((f: { label: string; value: unknown }) => [f.label, f.value]))).toEqual({ "Email Address": "m@x.com", "Job Title": "CFO" });
      expect((await huduFetch(sim, "PUT", `/companies/${companyId}/assets/${asset.id}`, { asset: { custom_fields: [{ nope: 1 }] } })).status).toBe(422);
    });

    it("requires name and an existing layout", async () => {
      expect((await post(companyId, { asset_layout_id: layoutId })).status).toBe(422);
      expect((await post(companyId, { asset_layout_id: 987654, name: "x" })).status).toBe(422);
      expect((await post(999999, { asset_layout_id: layoutId, name: "x" })).status).toBe(404);
    });

    it("lists globally with filters and per company; archives; deletes", async () => {
      const { asset } = await (await post(otherCompanyId, { asset_layout_id: layoutId, name: "Findable Thing" })).json();
      const byCompany = (await get(`/assets?company_id=${otherCompanyId}&page_size=1000`)).assets as HuduAsset[];
      expect(byCompany.every((a) => a.company_id === otherCompanyId)).toBe(true);
      expect(byCompany.map((a) => a.id)).toContain(asset.id);
      expect((await get(`/assets?asset_layout_id=${layoutId}&name=Findable%20Thing`)).assets.map((a: HuduAsset) => a.id)).toEqual([asset.id]);
      expect((await get(`/assets?search=findable`)).assets.map((a: HuduAsset) => a.id)).toEqual([asset.id]);
      expect((await get(`/assets?id=${asset.id}`)).assets).toHaveLength(1);
      expect((await get(`/companies/${otherCompanyId}/assets`)).assets.map((a: HuduAsset) => a.id)).toContain(asset.id);
      expect((await get(`/companies/${otherCompanyId}/assets/${asset.id}`)).asset.id).toBe(asset.id);
      expect((await huduFetch(sim, "GET", `/companies/${companyId}/assets/${asset.id}`)).status).toBe(404);

      expect((await (await huduFetch(sim, "PUT", `/companies/${otherCompanyId}/assets/${asset.id}/archive`)).json()).asset.archived).toBe(true);
      expect((await get(`/assets?id=${asset.id}`)).assets).toHaveLength(0);
      expect((await get(`/assets?id=${asset.id}&archived=true`)).assets).toHaveLength(1);
      await huduFetch(sim, "PUT", `/companies/${otherCompanyId}/assets/${asset.id}/unarchive`);
      expect((await huduFetch(sim, "DELETE", `/companies/${otherCompanyId}/assets/${asset.id}`)).status).toBe(204);
      expect((await huduFetch(sim, "GET", `/companies/${otherCompanyId}/assets/${asset.id}`)).status).toBe(404);
    });

    it("creates relations with their inverse, lists and deletes them", async () => {
      const { asset } = await (await post(companyId, { asset_layout_id: layoutId, name: "Related Thing" })).json();
      const res = await huduFetch(sim, "POST", "/relations", { relation: { fromable_type: "Asset", fromable_id: asset.id, toable_type: "Company", toable_id: companyId, description: "belongs" } });
      expect(res.status).toBe(201);
      const { relation } = await res.json();
      expect(relation).toMatchObject({ fromable_type: "Asset", fromable_id: asset.id, toable_type: "Company", toable_id: companyId, is_inverse: false });
      const all = (await get("/relations?page_size=1000")).relations;
      expect(all.some((r: { is_inverse: boolean; fromable_id: number }) => r.is_inverse && r.fromable_id === companyId)).toBe(true);
      expect((await huduFetch(sim, "POST", "/relations", { relation: { fromable_type: "Asset", fromable_id: 99999999, toable_type: "Company", toable_id: companyId } })).status).toBe(422);
      expect((await huduFetch(sim, "DELETE", `/relations/${relation.id}`)).status).toBe(204);
      expect(state().relations).toEqual([]);
    });
  });

  it("answers 404 for unknown ids and routes", async () => {
    expect((await huduFetch(sim, "GET", "/companies/99999")).status).toBe(404);
    expect((await huduFetch(sim, "GET", "/nothing")).status).toBe(404);
  });
});

describe("Hudu matchers", () => {
  let sim: HuduSim;
  const generated = generateMsp({ seed: 1, size: "tiny" });
  const state = () => sim.control.state() as Required<HuduData>;
  const matchers = async (query: string) => {
    const res = await huduFetch(sim, "GET", `/matchers?${query}`);
    expect(res.status, query).toBe(200);
    return (await res.json()).matchers as HuduMatcher[];
  };

  beforeAll(async () => {
    sim = await startHuduSim({ data: generated.hudu, rateLimit: false });
  });
  afterAll(() => sim.close());

  it("keeps a matcher of the Halo integration for every Halo client; the linked ones are the companies' integrations", async () => {
    const all = await matchers(`integration_id=${HALO_INTEGRATION_ID}&page_size=1000`);
    expect(all.map((m) => m.sync_id).sort((a, b) => a - b)).toEqual(generated.halo.clients.map((c) => c.id).sort((a, b) => a - b));
    for (const m of all) expect(Object.keys(m).sort()).toEqual(["company_id", "company_name", "id", "identifier", "integrator_id", "integrator_name", "name", "potential_company_id", "sync_id"]);
    const linked = all.filter((m) => m.company_id !== null);
    expect(linked.length).toBeGreaterThan(0);
    expect(linked.length).toBeLessThan(all.length);
    for (const m of linked) expect(state().companies.find((c) => c.id === m.company_id)!.integrations).toEqual([m]);
    expect(all.some((m) => m.company_id === null && m.potential_company_id !== null)).toBe(true);
  });

  it("filters by matched, sync_id, company_id, and pages", async () => {
    const base = `integration_id=${HALO_INTEGRATION_ID}&page_size=1000`;
    const all = await matchers(base);
    const linked = all.filter((m) => m.company_id !== null);
    expect(await matchers(`${base}&matched=true`)).toEqual(linked);
    expect(await matchers(`${base}&matched=false`)).toEqual(all.filter((m) => m.company_id === null));
    expect(await matchers(`${base}&sync_id=${all[0].sync_id}`)).toEqual([all[0]]);
    expect(await matchers(`${base}&company_id=${linked[0].company_id}`)).toEqual([linked[0]]);
    expect(await matchers(`integration_id=${HALO_INTEGRATION_ID}&page=2&page_size=3`)).toEqual(all.slice(3, 6));
  });

  it("answers 500 without integration_id and 404 for an unknown one", async () => {
    const missing = await huduFetch(sim, "GET", "/matchers");
    expect(missing.status).toBe(500);
    expect(await missing.json()).toEqual({ status: 500, error: "Internal Server Error" });
    const unknown = await huduFetch(sim, "GET", "/matchers?integration_id=987");
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: "No matching integration" });
  });

  it("re-points a matcher with PUT {matcher: {company_id}} and moves the company's integration with it", async () => {
    const unlinked = (await matchers(`integration_id=${HALO_INTEGRATION_ID}&matched=false`))[0];
    const target = state().companies.find((c) => c.integrations.length === 0)!;
    const res = await huduFetch(sim, "PUT", `/matchers/${unlinked.id}`, { matcher: { company_id: target.id } });
    expect(res.status).toBe(200);
    expect((await res.json()).matcher).toMatchObject({ id: unlinked.id, company_id: target.id, company_name: target.name });
    expect(state().companies.find((c) => c.id === target.id)!.integrations.map((i) => i.id)).toEqual([unlinked.id]);

    const other = state().companies.find((c) => c.integrations.length === 0)!;
    await huduFetch(sim, "PUT", `/matchers/${unlinked.id}`, { matcher: { company_id: other.id } });
    expect(state().companies.find((c) => c.id === target.id)!.integrations).toEqual([]);
    expect(state().companies.find((c) => c.id === other.id)!.integrations.map((i) => i.id)).toEqual([unlinked.id]);
    expect((await huduFetch(sim, "PUT", `/matchers/${unlinked.id}`, { matcher: { company_id: 987654 } })).status).toBe(422);
  });

  it("answers 500 to PUT or DELETE of an unknown matcher", async () => {
    expect((await huduFetch(sim, "PUT", "/matchers/987654", { matcher: { company_id: 1 } })).status).toBe(500);
    expect((await huduFetch(sim, "DELETE", "/matchers/987654")).status).toBe(500);
  });
});

describe("Hudu rate limit", () => {
  const sims: HuduSim[] = [];
  afterAll(async () => {
    await Promise.all(sims.map((s) => s.close()));
  });
  /** Waits for the start of the next wall-clock window so the burst stays inside one. */
  const alignTo = (windowMs: number) => new Promise((r) => setTimeout(r, windowMs - (Date.now() % windowMs) + 5));

  it("uses a fixed wall-clock window: 429 text/plain 'Retry later', no Retry-After", async () => {
    const sim = await startHuduSim({ rateLimit: { limit: 5, windowMs: 500 } });
    sims.push(sim);
    await alignTo(500);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await huduFetch(sim, "GET", "/api_info")).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const res = await huduFetch(sim, "GET", "/api_info");
    expect(res.status).toBe(429);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(res.headers.get("retry-after")).toBeNull();
    expect(await res.text()).toBe("Retry later");
    await alignTo(500);
    expect((await huduFetch(sim, "GET", "/api_info")).status).toBe(200);
    // /__sim routes are never limited.
    expect((await fetch(`${sim.url}/__sim/counts`)).status).toBe(200);
  });

  it("sends Retry-After when asked to", async () => {
    const sim = await startHuduSim({ rateLimit: { limit: 1, windowMs: 2000 }, retryAfterHeader: true });
    sims.push(sim);
    await alignTo(2000);
    await huduFetch(sim, "GET", "/api_info");
    const res = await huduFetch(sim, "GET", "/api_info");
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
  });
});
