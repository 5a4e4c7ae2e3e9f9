import { afterAll, describe, expect, it } from "vitest";
import { generateMsp } from "../data/generate";
import type { HuduCompany, HuduData } from "../data/types";
import { huduFetch, huduLayoutBody } from "../testing";
import { startHuduSim, type HuduSim, type HuduSimOptions } from "./server";

/** The simulator's options: live Hudu's answers against the document's, and the [guess] variants. */

const sims: HuduSim[] = [];
afterAll(async () => {
  await Promise.all(sims.map((s) => s.close()));
});
async function sim(options: HuduSimOptions = {}) {
  const s = await startHuduSim({ rateLimit: false, ...options });
  sims.push(s);
  return s;
}
const json = async (s: HuduSim, method: string, path: string, body?: unknown) => {
  const res = await huduFetch(s, method, path, body);
  return { status: res.status, body: await res.json().catch(() => undefined) };
};

function manyCompanies(n: number): HuduData {
  const hudu = generateMsp({ seed: 1, size: "tiny" }).hudu;
  const template = hudu.companies[0];
  const companies = Array.from({ length: n }, (_, i) => ({ ...template, id: i + 1, name: `Company ${i + 1}`, slug: `company-${i + 1}`, archived: false, integrations: [] }));
  return { ...hudu, companies, assets: [], relations: [], matchers: [] };
}

describe("page limits", () => {
  it("pageCap holds every page to the cap whatever page_size asks; the offset follows the cap", async () => {
    const s = await sim({ data: manyCompanies(60), pageCap: 25 });
    const ids = async (page: number) => (await json(s, "GET", `/companies?page=${page}&page_size=1000`)).body.companies.map((c: HuduCompany) => c.id);
    expect(await ids(1)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(await ids(2)).toEqual(Array.from({ length: 25 }, (_, i) => i + 26));
    expect(await ids(3)).toEqual(Array.from({ length: 10 }, (_, i) => i + 51));
    expect(await ids(4)).toEqual([]);
    expect((await json(s, "GET", "/companies?page_size=5")).body.companies).toHaveLength(5);
  });

  it("ignorePageSize pages 25 at a time whatever page_size says", async () => {
    const s = await sim({ data: manyCompanies(30), ignorePageSize: true });
    expect((await json(s, "GET", "/companies?page_size=1000")).body.companies).toHaveLength(25);
    expect((await json(s, "GET", "/companies?page_size=5")).body.companies).toHaveLength(25);
    expect((await json(s, "GET", "/companies?page=2&page_size=1000")).body.companies).toHaveLength(5);
  });

  it("refuses a cap that is not a positive whole number", async () => {
    await expect(startHuduSim({ pageCap: 0 })).rejects.toThrow(/pageCap/);
  });
});

describe("archivedFilter: false", () => {
  it("ignores archived=true: the 'archived' list holds the companies that are not archived", async () => {
    const s = await sim({ archivedFilter: false });
    const listed = (await json(s, "GET", "/companies?archived=true&page_size=1000")).body.companies as HuduCompany[];
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.every((c) => !c.archived)).toBe(true);
  });
});

describe("validation bodies", () => {
  const refuse = async (s: HuduSim) => {
    const first = (await json(s, "GET", "/companies")).body.companies[0];
    return json(s, "POST", "/companies", { company: { name: first.name } });
  };
  it.each([
    ["errors-text", { errors: "Name has already been taken" }],
    ["errors-map", { errors: { name: ["has already been taken"] } }],
    ["error-details", { error: "Validation failed", details: ["Name has already been taken"] }],
  ] as const)("%s", async (style, body) => {
    const answer = await refuse(await sim({ validationErrors: style }));
    expect(answer).toEqual({ status: 422, body });
  });
});

describe("custom-field keys", () => {
  async function withLayout(options: HuduSimOptions) {
    const s = await sim(options);
    const layout = (await json(s, "POST", "/asset_layouts", huduLayoutBody("Odd Spaces", [{ label: "Phone  Number ", field_type: "Text" }]))).body.asset_layout;
    const company = (await json(s, "GET", "/companies")).body.companies[0];
    const create = (key: string) => json(s, "POST", `/companies/${company.id}/assets`, { asset: { asset_layout_id: layout.id, name: "A", custom_fields: [{ [key]: "1" }] } });
    return { create };
  }

  it("by default take the exact label lower-cased with each space as _ (HuduAPI's rule), nothing trimmed", async () => {
    const { create } = await withLayout({});
    const ok = await create("phone__number_");
    expect(ok.status).toBe(201);
    expect(ok.body.asset.fields).toEqual([expect.objectContaining({ label: "Phone  Number ", value: "1" })]);
    expect(await create("phone_number")).toEqual({ status: 422, body: { error: "Invalid custom fields", details: ["Invalid field names: phone_number"] } });
  });

  it("'collapsed' takes the trimmed, collapsed key and refuses HuduAPI's", async () => {
    const { create } = await withLayout({ customFieldKeys: "collapsed" });
    expect((await create("phone_number")).status).toBe(201);
    expect((await create("phone__number_")).status).toBe(422);
  });
});

describe("layouts", () => {
  it("createdLayoutsActive: true keeps the active flag sent", async () => {
    const s = await sim({ createdLayoutsActive: true });
    expect((await json(s, "POST", "/asset_layouts", huduLayoutBody("Born Active", []))).body.asset_layout.active).toBe(true);
  });
});

describe("huduBehaviour: openapi", () => {
  it("answers as the document says: 201 on create, 404 for a missing layout, partial layout writes accepted", async () => {
    const s = await sim({ huduBehaviour: "openapi" });
    expect((await json(s, "POST", "/companies", { company: { name: "Doc Co" } })).status).toBe(201);
    const created = await json(s, "POST", "/asset_layouts", { asset_layout: { name: "Just A Name" } });
    expect(created.status).toBe(201);
    expect((await json(s, "PUT", `/asset_layouts/${created.body.asset_layout.id}`, { asset_layout: { active: true } })).body.asset_layout.active).toBe(true);
    expect((await json(s, "GET", "/asset_layouts/987654")).status).toBe(404);
    expect(await json(s, "POST", "/companies", { company: { name: "Doc Co" } })).toEqual({ status: 422, body: { error: "Validation failed", details: ["Name has already been taken"] } });
    expect((await json(s, "POST", "/companies", { name: "flat" })).status).toBe(400);
    expect((await json(s, "GET", "/matchers")).status).toBe(404);
    expect((await json(s, "PUT", "/matchers/987654", { matcher: { company_id: 1 } })).status).toBe(404);
  });
});
