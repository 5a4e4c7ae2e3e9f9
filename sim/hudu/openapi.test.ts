/**
 * Hudu responses against the definitions in Hudu's own Swagger 2.0 document (2.44.0).
 *
 * Exceptions, where the notes (what real Hudu does) beat the document:
 * - Wrappers: the document draws single-record bodies flat; real Hudu wraps them
 *   ({"company": {…}}), so we validate the unwrapped record.
 * - Nulls: Swagger 2.0 has no `nullable` and the document types e.g. `nickname` as string while
 *   calling it "Can be null"; real Hudu sends null, so every typed property also accepts null.
 * - Asset.fields[].value is typed boolean in the document; real values are strings, numbers,
 *   booleans, arrays (AssetTag, ListSelect) or objects (AddressData), so its type is dropped.
 * Additional properties are allowed everywhere (the document leaves them open anyway).
 */
import { readFileSync } from "node:fs";
import Ajv, { type ValidateFunction } from "ajv";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixturePaths } from "@/fixtures";
import { HALO_INTEGRATION_ID } from "../data/hudu-records";
import { huduFetch, huduLayoutBody } from "../testing";
import { startHuduSim, type HuduSim } from "./server";

const DOC_PATH = fixturePaths.huduOpenApi;

type Schema = Record<string, unknown>;

function allowNulls(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(allowNulls);
  if (!schema || typeof schema !== "object") return schema;
  const out: Schema = {};
  for (const [k, v] of Object.entries(schema as Schema)) out[k] = k === "properties" ? Object.fromEntries(Object.entries(v as Schema).map(([p, s]) => [p, allowNulls(s)])) : allowNulls(v);
  if (typeof out.type === "string") out.type = [out.type, "null"];
  return out;
}

let ajv: Ajv;
const validators = new Map<string, ValidateFunction>();

function loadDefinitions() {
  const doc = JSON.parse(readFileSync(DOC_PATH, "utf8")) as { definitions: Record<string, Schema> };
  const definitions = allowNulls(doc.definitions) as Record<string, Schema>;
  const assetFields = (definitions.Asset.properties as Schema).fields as { items: { properties: Schema } };
  assetFields.items.properties.value = {};
  ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema({ $id: "hudu", definitions });
}

function validate(definition: string, value: unknown) {
  let fn = validators.get(definition);
  if (!fn) {
    fn = ajv.getSchema(`hudu#/definitions/${definition}`)!;
    expect(fn, `definition ${definition}`).toBeDefined();
    validators.set(definition, fn);
  }
  const ok = fn(value);
  expect(ok, `${definition}: ${ajv.errorsText(fn.errors)}\n${JSON.stringify(value).slice(0, 400)}`).toBe(true);
}

describe("Hudu responses fit the 2.44.0 OpenAPI definitions", () => {
  let sim: HuduSim;

  beforeAll(async () => {
    loadDefinitions();
    sim = await startHuduSim({ rateLimit: false });
  });
  afterAll(() => sim.close());

  const json = async (method: string, path: string, body?: unknown) => (await huduFetch(sim, method, path, body)).json();

  it("really checks (a wrong type fails)", () => {
    const fn = ajv.getSchema("hudu#/definitions/Company")!;
    expect(fn({ id: "seven", integrations: [{ sync_id: "x" }] })).toBe(false);
    expect(fn({ id: 7, nickname: null })).toBe(true);
  });

  it("companies (list, get, create, update, archived)", async () => {
    const list = (await json("GET", "/companies?page_size=1000")).companies;
    const archived = (await json("GET", "/companies?archived=true&page_size=1000")).companies;
    expect(list.length).toBeGreaterThan(0);
    for (const c of [...list, ...archived]) validate("Company", c);
    for (const integration of list.flatMap((c: { integrations: unknown[] }) => c.integrations)) validate("Company_Integration", integration);
    validate("Company", (await json("GET", `/companies/${list[0].id}`)).company);
    const created = (await json("POST", "/companies", { company: { name: "Schema Check Ltd", parent_company_id: list[0].id } })).company;
    validate("Company", created);
    validate("Company", (await json("PUT", `/companies/${created.id}`, { company: { notes: "<p>hi</p>" } })).company);
  });

  it("asset layouts (list, get, create)", async () => {
    const list = (await json("GET", "/asset_layouts")).asset_layouts;
    for (const l of list) {
      validate("Asset_Layout", l);
      for (const f of l.fields) validate("Asset_Layout_Field", f);
    }
    const created = (await json("POST", "/asset_layouts", huduLayoutBody("Schema Layout", [{ label: "Addr", field_type: "AddressData" }, { label: "Link", field_type: "AssetTag", linkable_id: 1 }]))).asset_layout;
    validate("Asset_Layout", created);
    validate("Asset_Layout", (await json("GET", `/asset_layouts/${created.id}`)).asset_layout);
  });

  it("matchers (list, update)", async () => {
    const list = (await json("GET", `/matchers?integration_id=${HALO_INTEGRATION_ID}&page_size=1000`)).matchers;
    expect(list.length).toBeGreaterThan(0);
    for (const m of list) validate("Matcher", m);
    const company = (await json("GET", "/companies")).companies[0];
    validate("Matcher", (await json("PUT", `/matchers/${list[0].id}`, { matcher: { company_id: company.id } })).matcher);
  });

    it("assets (list, get, create, update) and relations", async () => {
    const list = (await json("GET", "/assets?page_size=1000")).assets;
    expect(list.length).toBeGreaterThan(0);
    for (const a of list) validate("Asset", a);
    const people = (await json("GET", "/asset_layouts")).asset_layouts.find((l: { name: string }) => l.name === "People");
    const companyId = list[0].company_id;
    const created = (await json("POST", `/companies/${companyId}/assets`, { asset: { asset_layout_id: people.id, name: "Schema Person", custom_fields: [{ email: "s@example.com", important_contact: true }] } })).asset;
    validate("Asset", created);
    validate("Asset", (await json("PUT", `/companies/${companyId}/assets/${created.id}`, { asset: { custom_fields: [{ title: "Boss" }] } })).asset);
    validate("Asset", (await json("GET", `/companies/${companyId}/assets/${created.id}`)).asset);
    const relation = (await json("POST", "/relations", { relation: { fromable_type: "Asset", fromable_id: created.id, toable_type: "Company", toable_id: companyId } })).relation;
    validate("Relation", relation);
    for (const r of (await json("GET", "/relations")).relations) validate("Relation", r);
  });
});
