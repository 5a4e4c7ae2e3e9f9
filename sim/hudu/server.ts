import type { RateLimitConfig, SimControl } from "../control";
import { deepCopy, emptyResponse, getQuery, jsonResponse, queryFlag, queryInt, textResponse, type SimRequest, type SimResponse } from "../core/http";
import { createFixedWindowLimiter, scaleRateLimit } from "../core/rate-limit";
import { startSimServer } from "../core/sim-server";
import { generateMsp } from "../data/generate";
import {
  HUDU_FIELD_TYPES,
  type HuduAsset,
  type HuduAssetLayout,
  type HuduCompany,
  type HuduData,
  type HuduFieldType,
  type HuduLayoutField,
  type HuduMatcher,
  type HuduRelation,
} from "../data/types";
import { blankHuduCompany } from "../data/hudu-records";
import { applyCustomFields, CustomFieldError } from "./custom-fields";

export type { HuduData } from "../data/types";

/**
 * "live": answers as a live Hudu 2.45.1 was seen to answer (500 for an incomplete layout write,
 * 200 and `null` for a missing layout, 200 on company and layout create, 500/404 from matchers,
 * a fixed 5-minute window). "openapi": the document's answers (201, 404, 422).
 */
export type HuduBehaviour = "live" | "openapi";

/** How a 422 names what was wrong ([guess]: live Hudu has been seen with each). */
export type HuduValidationStyle = "errors-text" | "errors-map" | "error-details";

export interface HuduSimOptions {
  /** Default "live". */
  huduBehaviour?: HuduBehaviour;
  /** Default 0 (ephemeral). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default: generateMsp({ seed: 1, size: "tiny" }).hudu. */
  data?: HuduData;
  apiKey?: string;
  /** Default "2.44.0". */
  version?: string;
  /**
   * A fixed window aligned to the wall clock. Default live: { limit: 1500, windowMs: 300_000 }
   * (Rack::Attack's 5 minutes resetting on :00, :05, …; 1,500 fits the documented 300 a minute
   * [guess]); openapi: { limit: 300, windowMs: 60_000 }.
   */
  rateLimit?: RateLimitConfig | false;
  /** Scale factor s: the limit stays, the window becomes windowMs / s. */
  rateLimitScale?: number;
  /** Default false: a 429 carries no Retry-After header. [guess] */
  retryAfterHeader?: boolean;
  /** Default true: `archived=true` lists only archived companies; false: the parameter is ignored. [guess] */
  archivedFilter?: boolean;
  /** Default true: a layout PUT with `fields` drops existing fields the list leaves out. [guess] */
  layoutPutDropsOmittedFields?: boolean;
  /** Default false: layouts created through the API come out inactive whatever the body says. */
  createdLayoutsActive?: boolean;
  /** Default true: company names are unique case-insensitively, archived companies included. [guess] */
  uniqueNamesCaseInsensitive?: boolean;
  /** Most records a list page holds, whatever page_size asks (a live tenant may cap below it). */
  pageCap?: number;
  /** Default false: true pages every list 25 at a time whatever page_size says. */
  ignorePageSize?: boolean;
  /** Default live "errors-text", openapi "error-details". */
  validationErrors?: HuduValidationStyle;
  /**
   * Custom-field keys accepted. "each-space" (default): the label lower-cased with each space
   * replaced by "_", nothing trimmed (HuduAPI's rule). "collapsed": trimmed, each run of spaces
   * one "_" (or punctuation dropped): a Hudu whose unpublished rule differs. [guess]
   */
  customFieldKeys?: "each-space" | "collapsed";
  /** Default false: bodies must be wrapped ({"company": {…}}); true also takes flat bodies. */
  acceptFlatBodies?: boolean;
}

export interface HuduSim {
  /** Base URL; the API is at `${url}/api/v1`. */
  url: string;
  apiKey: string;
  control: SimControl;
  close(): Promise<void>;
}

export const HUDU_DEFAULT_API_KEY = "hudu-sim-Zq8vN3kT7wXb2LmR5pYc9HdF";

const COMPANY_WRITABLE = [
  "name",
  "nickname",
  "company_type",
  "address_line_1",
  "address_line_2",
  "city",
  "state",
  "zip",
  "country_name",
  "phone_number",
  "fax_number",
  "website",
  "id_number",
  "notes",
] as const;
/** The keys of the documented example layout body; live Hudu answers 500 when one is missing. [guess: which ones matter] */
const LAYOUT_CREATE_KEYS = ["name", "icon", "color", "icon_color", "active", "include_passwords", "include_photos", "include_comments", "include_files", "fields"] as const;
const ASSET_WRITABLE = ["name", "primary_serial", "primary_mail", "primary_model", "primary_manufacturer"] as const;
const LAYOUT_WRITABLE = ["name", "icon", "color", "icon_color", "include_passwords", "include_photos", "include_comments", "include_files", "active", "sidebar_folder_id"] as const;
const RELATABLE_TYPES = ["Asset", "Company", "Website", "Procedure", "AssetPassword", "Article", "IpAddress", "Network"];

class HttpError extends Error {
  constructor(readonly response: SimResponse) {
    super(`HTTP ${response.status}`);
  }
}
const fail = (status: number, body: unknown): never => {
  throw new HttpError(jsonResponse(status, body));
};
const notFound = (): never => fail(404, { error: "Record not found" });
/** What live Hudu answers to a body it cannot handle (an incomplete layout, an unknown matcher). */
const internalError = (): never => fail(500, { status: 500, error: "Internal Server Error" });

/** A 422 in the chosen style; each message starts with the attribute ("Name has already been taken"). */
function validationBody(style: HuduValidationStyle, details: string[]): unknown {
  if (style === "errors-text") return { errors: details.join(", ") };
  if (style === "error-details") return { error: "Validation failed", details };
  const errors: Record<string, string[]> = {};
  for (const message of details) {
    const [attribute, ...rest] = message.split(" ");
    const key = attribute.toLowerCase();
    (errors[key] ??= []).push(rest.join(" "));
  }
  return { errors };
}

function slugify(text: string): string {
  return (
    text
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 40) || "item"
  );
}

interface PageLimits {
  pageCap?: number;
  ignorePageSize?: boolean;
}

/** One page of a list: 25 by default, page_size up to 1000, then the cap (before the offset). */
function page<T>(rows: T[], url: URL, limits: PageLimits, pageSizeAllowed = true): T[] {
  const pageNo = Math.max(1, queryInt(url, "page") ?? 1);
  const asked = pageSizeAllowed && !limits.ignorePageSize ? queryInt(url, "page_size") : undefined;
  const size = Math.min(1000, limits.pageCap ?? 1000, Math.max(1, asked ?? 25));
  return rows.slice((pageNo - 1) * size, pageNo * size);
}

function inRange(iso: string, range: string | null): boolean {
  if (!range) return true;
  const [start, end] = range.split(",");
  const t = Date.parse(iso);
  if (start && t < Date.parse(start)) return false;
  if (end && t > Date.parse(end)) return false;
  return true;
}

export async function startHuduSim(opts: HuduSimOptions = {}): Promise<HuduSim> {
  const given = opts.data ?? generateMsp({ seed: 1, size: "tiny" }).hudu;
  const initial: Required<HuduData> = deepCopy({ ...given, matchers: given.matchers ?? [] });
  let data = deepCopy(initial);
  const apiKey = opts.apiKey ?? HUDU_DEFAULT_API_KEY;
  const version = opts.version ?? "2.44.0";
  const live = (opts.huduBehaviour ?? "live") === "live";
  const archivedFilter = opts.archivedFilter ?? true;
  const dropOmittedFields = opts.layoutPutDropsOmittedFields ?? true;
  const caseInsensitiveNames = opts.uniqueNamesCaseInsensitive ?? true;
  const validationStyle = opts.validationErrors ?? (live ? "errors-text" : "error-details");
  const keyStyle = opts.customFieldKeys ?? "each-space";
  const limits: PageLimits = { pageCap: opts.pageCap, ignorePageSize: opts.ignorePageSize };
  if (opts.pageCap !== undefined && !(Number.isInteger(opts.pageCap) && opts.pageCap > 0)) throw new Error(`pageCap must be a positive whole number, got ${opts.pageCap}`);
  const defaultRateLimit = live ? { limit: 1500, windowMs: 300_000 } : { limit: 300, windowMs: 60_000 };
  const limiter = createFixedWindowLimiter(scaleRateLimit(opts.rateLimit ?? defaultRateLimit, opts.rateLimitScale));
  const invalid = (...details: string[]): never => fail(422, validationBody(validationStyle, details));
  let baseUrl = "";
  let slugCounter = 0x5000;

  const now = () => new Date().toISOString();
  const nextId = (rows: Array<{ id: number }>) => rows.reduce((m, r) => Math.max(m, r.id), 0) + 1;
  const newSlug = (name: string) => `${slugify(name)}-${(++slugCounter).toString(16).padStart(12, "0")}`;
  const absolute = (path: string) => (path.startsWith("/") ? baseUrl + path : path);

  // ---- presentation (served shapes carry absolute URLs)
  const presentCompany = (c: HuduCompany) => ({ ...c, full_url: absolute(c.url), integrations: c.integrations.map((i) => ({ ...i })) });
  const presentAsset = (a: HuduAsset) => ({ ...a, url: absolute(a.url), fields: a.fields.map((f) => ({ ...f })) });
  const presentLayout = (l: HuduAssetLayout) => ({ ...l, fields: l.fields.filter((f) => !f.is_destroyed).map((f) => ({ ...f })) });
  const presentRelation = (r: HuduRelation) => ({ ...r, fromable_url: absolute(r.fromable_url), toable_url: absolute(r.toable_url) });

  // ---- body helpers
  const unwrap = (req: SimRequest, key: string): Record<string, unknown> => {
    let body: unknown;
    try {
      const text = req.body.toString("utf8").trim();
      body = text ? JSON.parse(text) : undefined;
    } catch {
      return fail(400, { error: "Invalid JSON in request body" });
    }
    if (body && typeof body === "object" && !Array.isArray(body)) {
      const inner = (body as Record<string, unknown>)[key];
      if (inner && typeof inner === "object" && !Array.isArray(inner)) return inner as Record<string, unknown>;
      if (opts.acceptFlatBodies) return body as Record<string, unknown>;
    }
    const missing = `param is missing or the value is empty: ${key}`;
    return live ? fail(422, { error: "Invalid request", details: missing }) : fail(400, { error: missing });
  };

  const textField = (value: unknown, name: string): string | null => {
    if (value === null || value === undefined) return null;
    if (typeof value === "string") return value;
    if (typeof value === "number" || typeof value === "boolean") return String(value);
    return invalid(`${name} is invalid`);
  };

  // ---- companies
  const company = (id: number) => data.companies.find((c) => c.id === id) ?? notFound();
  const nameTaken = (name: string, exceptId?: number) => {
    const fold = (s: string) => (caseInsensitiveNames ? s.toLowerCase() : s);
    return data.companies.some((c) => c.id !== exceptId && fold(c.name) === fold(name));
  };
  const writeCompany = (target: HuduCompany, input: Record<string, unknown>, creating: boolean) => {
    if (creating || "name" in input) {
      const name = textField(input.name, "Name");
      if (!name || !name.trim()) invalid("Name can't be blank");
      if (nameTaken(name!, creating ? undefined : target.id)) invalid("Name has already been taken");
    }
    for (const key of COMPANY_WRITABLE) if (key in input) (target as unknown as Record<string, unknown>)[key] = textField(input[key], key);
    if ("parent_company_id" in input) {
      const pid = input.parent_company_id;
      if (pid === null || pid === "" || pid === undefined) {
        target.parent_company_id = null;
        target.parent_company_name = null;
      } else {
        const parent = data.companies.find((c) => c.id === Number(pid));
        if (!parent || parent.id === target.id) invalid("Parent company must exist");
        target.parent_company_id = parent!.id;
        target.parent_company_name = parent!.name;
      }
    }
  };

  const listCompanies = (url: URL) => {
    const q = url.searchParams;
    const archived = archivedFilter ? queryFlag(url, "archived") ?? false : false;
    const search = q.get("search")?.toLowerCase();
    const exact: Array<keyof HuduCompany> = ["name", "id_number", "website", "phone_number", "city", "state", "slug"];
    const integrationId = q.get("id_in_integration");
    const rows = data.companies.filter((c) => {
      if (c.archived !== archived) return false;
      for (const key of exact) {
        const want = q.get(key);
        if (want !== null && c[key] !== want) return false;
      }
      if (search && ![c.name, c.nickname, c.website, c.id_number, c.city, c.phone_number].some((v) => v?.toLowerCase().includes(search))) return false;
      if (integrationId !== null && !c.integrations.some((i) => String(i.sync_id) === integrationId || i.identifier === integrationId)) return false;
      return inRange(c.updated_at, q.get("updated_at"));
    });
    return jsonResponse(200, { companies: page(rows, url, limits).map(presentCompany) });
  };

  const createCompany = (req: SimRequest) => {
    const input = unwrap(req, "company");
    const at = now();
    const id = nextId(data.companies);
    const name = typeof input.name === "string" ? input.name : "";
    const slug = newSlug(name);
    const c = blankHuduCompany({ id, name, slug, at });
    writeCompany(c, input, true);
    data.companies.push(c);
    return jsonResponse(live ? 200 : 201, { company: presentCompany(c) });
  };

  const updateCompany = (req: SimRequest, id: number) => {
    const c = company(id);
    const input = unwrap(req, "company");
    const draft = deepCopy(c);
    writeCompany(draft, input, false);
    draft.updated_at = now();
    Object.assign(c, draft);
    for (const child of data.companies) if (child.parent_company_id === c.id) child.parent_company_name = c.name;
    for (const a of data.assets) if (a.company_id === c.id) a.company_name = c.name;
    for (const m of data.matchers) if (m.company_id === c.id) m.company_name = c.name;
    for (const i of c.integrations) i.company_name = c.name;
    return jsonResponse(200, { company: presentCompany(c) });
  };

  const setCompanyArchived = (id: number, archived: boolean) => {
    const c = company(id);
    c.archived = archived;
    c.updated_at = now();
    return jsonResponse(200, { company: presentCompany(c) });
  };

  const deleteCompany = (id: number) => {
    company(id);
    const assetIds = new Set(data.assets.filter((a) => a.company_id === id).map((a) => a.id));
    data.companies = data.companies.filter((c) => c.id !== id);
    for (const m of data.matchers) {
      if (m.company_id === id) Object.assign(m, { company_id: null, company_name: null });
      if (m.potential_company_id === id) m.potential_company_id = null;
    }
    data.assets = data.assets.filter((a) => a.company_id !== id);
    data.relations = data.relations.filter(
      (r) => !((r.fromable_type === "Company" && r.fromable_id === id) || (r.toable_type === "Company" && r.toable_id === id) || (r.fromable_type === "Asset" && assetIds.has(r.fromable_id)) || (r.toable_type === "Asset" && assetIds.has(r.toable_id))),
    );
    return emptyResponse(204);
  };

  // ---- asset layouts
  const layout = (id: number) => data.assetLayouts.find((l) => l.id === id) ?? notFound();
  const nextFieldId = () => data.assetLayouts.flatMap((l) => l.fields).reduce((m, f) => Math.max(m, f.id), 0) + 1;

  const buildField = (input: unknown, index: number, existing?: HuduLayoutField): HuduLayoutField => {
    if (!input || typeof input !== "object") return invalid("Fields are invalid");
    const f = input as Record<string, unknown>;
    const label = f.label !== undefined ? textField(f.label, "Label") : existing?.label;
    if (!label || !label.trim()) invalid("Fields label can't be blank");
    const type = f.field_type !== undefined ? f.field_type : existing?.field_type;
    if (typeof type !== "string" || !(HUDU_FIELD_TYPES as readonly string[]).includes(type)) {
      invalid(`Fields field type is not included in the list (${JSON.stringify(type)}; allowed: ${HUDU_FIELD_TYPES.join(", ")})`);
    }
    const numOrNull = (v: unknown, fallback: number | null) => (v === undefined ? fallback : v === null || v === "" ? null : Number(v));
    return {
      id: existing?.id ?? 0,
      label: label!,
      field_type: type as HuduFieldType,
      required: f.required !== undefined ? Boolean(f.required) : existing?.required ?? false,
      show_in_list: f.show_in_list !== undefined ? Boolean(f.show_in_list) : existing?.show_in_list ?? false,
      position: f.position !== undefined ? Number(f.position) : existing?.position ?? index + 1,
      hint: f.hint !== undefined ? textField(f.hint, "Hint") : existing?.hint ?? null,
      min: numOrNull(f.min, existing?.min ?? null),
      max: numOrNull(f.max, existing?.max ?? null),
      options: f.options !== undefined ? textField(f.options, "Options") : existing?.options ?? null,
      linkable_id: numOrNull(f.linkable_id, existing?.linkable_id ?? null),
      list_id: numOrNull(f.list_id, existing?.list_id ?? null),
      expiration: f.expiration !== undefined ? Boolean(f.expiration) : existing?.expiration ?? false,
      is_destroyed: false,
      multiple_options: f.multiple_options !== undefined ? Boolean(f.multiple_options) : existing?.multiple_options ?? null,
    };
  };

  const writeLayoutAttrs = (target: HuduAssetLayout, input: Record<string, unknown>) => {
    for (const key of LAYOUT_WRITABLE) {
      if (!(key in input)) continue;
      const v = input[key];
      if (key === "name" || key === "icon" || key === "color" || key === "icon_color") (target as unknown as Record<string, unknown>)[key] = textField(v, key) ?? "";
      else if (key === "sidebar_folder_id") target.sidebar_folder_id = v === null ? null : Number(v);
      else (target as unknown as Record<string, unknown>)[key] = Boolean(v);
    }
    if (!target.name.trim()) invalid("Name can't be blank");
  };

  const createLayout = (req: SimRequest) => {
    const input = unwrap(req, "asset_layout");
    if (live && (LAYOUT_CREATE_KEYS.some((key) => input[key] === undefined || input[key] === null) || !Array.isArray(input.fields))) internalError();
    const at = now();
    const name = typeof input.name === "string" ? input.name : "";
    const l: HuduAssetLayout = {
      id: nextId(data.assetLayouts),
      slug: newSlug(name),
      name,
      icon: "fas fa-circle",
      color: "#6136ff",
      icon_color: "#ffffff",
      sidebar_folder_id: null,
      active: false,
      include_passwords: false,
      include_photos: false,
      include_comments: false,
      include_files: false,
      created_at: at,
      updated_at: at,
      fields: [],
    };
    writeLayoutAttrs(l, input);
    // Hudu has been seen creating API layouts inactive whatever the body says.
    if (!opts.createdLayoutsActive) l.active = false;
    const fieldsInput = input.fields ?? [];
    if (!Array.isArray(fieldsInput)) invalid("Fields must be an array");
    let fid = nextFieldId();
    l.fields = (fieldsInput as unknown[]).map((f, i) => ({ ...buildField(f, i), id: fid++ }));
    data.assetLayouts.push(l);
    return jsonResponse(live ? 200 : 201, { asset_layout: presentLayout(l) });
  };

  const updateLayout = (req: SimRequest, id: number) => {
    const l = layout(id);
    const input = unwrap(req, "asset_layout");
    // Live Hudu fails on a PUT without the field list (e.g. {name, active} alone).
    if (live && !Array.isArray(input.fields)) internalError();
    const draft = deepCopy(l);
    writeLayoutAttrs(draft, input);
    if ("fields" in input) {
      if (!Array.isArray(input.fields)) invalid("Fields must be an array");
      let fid = nextFieldId();
      const seen = new Set<number>();
      const next: HuduLayoutField[] = [];
      (input.fields as unknown[]).forEach((f, i) => {
        const fieldId = f && typeof f === "object" ? Number((f as { id?: unknown }).id) : NaN;
        const existing = Number.isInteger(fieldId) ? draft.fields.find((x) => x.id === fieldId && !x.is_destroyed) : undefined;
        if (Number.isInteger(fieldId) && !existing) invalid(`Fields id ${fieldId} does not belong to this layout`);
        const field = buildField(f, i, existing);
        if (existing) seen.add(existing.id);
        next.push(existing ? field : { ...field, id: fid++ });
      });
      const kept = draft.fields.filter((f) => !seen.has(f.id) && !f.is_destroyed);
      draft.fields = dropOmittedFields ? next : [...kept, ...next];
    }
    draft.updated_at = now();
    Object.assign(l, draft);
    // Values of dropped fields go; renamed fields keep their values under the new label.
    for (const a of data.assets) {
      if (a.asset_layout_id !== l.id) continue;
      a.asset_type = l.name;
      a.fields = a.fields
        .map((v) => {
          const f = l.fields.find((x) => x.id === v.id);
          return f ? { ...v, label: f.label, position: f.position } : undefined;
        })
        .filter((v): v is NonNullable<typeof v> => v !== undefined);
    }
    return jsonResponse(200, { asset_layout: presentLayout(l) });
  };

  const listLayouts = (url: URL) => {
    const q = url.searchParams;
    const active = queryFlag(url, "active");
    const rows = data.assetLayouts.filter(
      (l) => (q.get("name") === null || l.name === q.get("name")) && (q.get("slug") === null || l.slug === q.get("slug")) && (active === undefined || l.active === active) && inRange(l.updated_at, q.get("updated_at")),
    );
    return jsonResponse(200, { asset_layouts: page(rows, url, limits, false).map(presentLayout) });
  };

  // ---- assets
  const assetLookup = { find: (id: number) => data.assets.find((a) => a.id === id) };
  const companyAsset = (cid: number, id: number) => {
    company(cid);
    return data.assets.find((a) => a.id === id && a.company_id === cid) ?? notFound();
  };
  const customFields = (fn: () => HuduAsset["fields"]) => {
    try {
      return fn();
    } catch (err) {
      if (err instanceof CustomFieldError) return fail(422, { error: err.error, details: err.details });
      throw err;
    }
  };

  const listAssets = (url: URL, companyId?: number) => {
    const q = url.searchParams;
    const archived = queryFlag(url, "archived") ?? false;
    const search = companyId === undefined ? q.get("search")?.toLowerCase() : undefined;
    const intFilter = (name: string) => (companyId === undefined ? queryInt(url, name) : undefined);
    const cid = companyId ?? intFilter("company_id");
    const layoutId = intFilter("asset_layout_id");
    const id = intFilter("id");
    const strFilter = (name: string) => (companyId === undefined ? q.get(name) : null);
    const rows = data.assets.filter(
      (a) =>
        a.archived === archived &&
        (cid === undefined || a.company_id === cid) &&
        (layoutId === undefined || a.asset_layout_id === layoutId) &&
        (id === undefined || a.id === id) &&
        (strFilter("name") === null || a.name === strFilter("name")) &&
        (strFilter("primary_serial") === null || a.primary_serial === strFilter("primary_serial")) &&
        (strFilter("slug") === null || a.slug === strFilter("slug")) &&
        (!search || a.name.toLowerCase().includes(search) || (a.primary_mail ?? "").toLowerCase().includes(search)) &&
        inRange(a.updated_at, strFilter("updated_at")),
    );
    return jsonResponse(200, { assets: page(rows, url, limits).map(presentAsset) });
  };

  const createAsset = (req: SimRequest, cid: number) => {
    const c = company(cid);
    const input = unwrap(req, "asset");
    const name = textField(input.name, "Name");
    const layoutId = Number(input.asset_layout_id);
    const l = data.assetLayouts.find((x) => x.id === layoutId);
    const problems: string[] = [];
    if (!name || !name.trim()) problems.push("Name can't be blank");
    if (!l) problems.push("Asset layout must exist");
    if (problems.length) invalid(...problems);
    const fields = customFields(() =>
      applyCustomFields({ layout: l!, current: [], input: input.custom_fields, companyId: cid, assets: assetLookup, lenientKeys: false, requireRequired: true, keyStyle }),
    );
    const at = now();
    const slug = newSlug(name!);
    const a: HuduAsset = {
      id: nextId(data.assets),
      company_id: cid,
      asset_layout_id: l!.id,
      slug,
      name: name!,
      primary_serial: null,
      primary_mail: null,
      primary_model: null,
      primary_manufacturer: null,
      company_name: c.name,
      object_type: "Asset",
      asset_type: l!.name,
      archived: false,
      url: `/a/${slug}`,
      created_at: at,
      updated_at: at,
      fields,
      cards: [],
    };
    for (const key of ASSET_WRITABLE) if (key !== "name" && key in input) a[key] = textField(input[key], key);
    data.assets.push(a);
    return jsonResponse(201, { asset: presentAsset(a) });
  };

  const updateAsset = (req: SimRequest, cid: number, id: number) => {
    const a = companyAsset(cid, id);
    const input = unwrap(req, "asset");
    const l = layout(a.asset_layout_id);
    const draft = deepCopy(a);
    for (const key of ASSET_WRITABLE) {
      if (!(key in input)) continue;
      const v = textField(input[key], key);
      if (key === "name") {
        if (!v || !v.trim()) invalid("Name can't be blank");
        draft.name = v!;
      } else draft[key] = v;
    }
    draft.fields = customFields(() =>
      applyCustomFields({ layout: l, current: a.fields, input: input.custom_fields, companyId: cid, assets: assetLookup, lenientKeys: true, requireRequired: false, keyStyle }),
    );
    draft.updated_at = now();
    Object.assign(a, draft);
    return jsonResponse(200, { asset: presentAsset(a) });
  };

  const moveAssetLayout = (req: SimRequest, cid: number, id: number) => {
    const a = companyAsset(cid, id);
    const input = unwrap(req, "asset");
    const target = data.assetLayouts.find((x) => x.id === Number(input.asset_layout_id)) ?? invalid("Asset layout must exist");
    // Values follow fields whose label exists in the new layout; the rest are lost.
    a.fields = a.fields
      .map((v) => {
        const f = target!.fields.find((x) => !x.is_destroyed && x.label.toLowerCase() === v.label.toLowerCase());
        return f ? { id: f.id, label: f.label, value: v.value, position: f.position } : undefined;
      })
      .filter((v): v is NonNullable<typeof v> => v !== undefined);
    a.asset_layout_id = target!.id;
    a.asset_type = target!.name;
    a.updated_at = now();
    return jsonResponse(200, { asset: presentAsset(a) });
  };

  const deleteAsset = (cid: number, id: number) => {
    companyAsset(cid, id);
    data.assets = data.assets.filter((a) => a.id !== id);
    data.relations = data.relations.filter((r) => !((r.fromable_type === "Asset" && r.fromable_id === id) || (r.toable_type === "Asset" && r.toable_id === id)));
    return emptyResponse(204);
  };

  // ---- relations
  const entityUrl = (type: string, id: number): string | undefined => {
    if (type === "Company") return data.companies.find((c) => c.id === id)?.url;
    if (type === "Asset") {
      const a = data.assets.find((x) => x.id === id);
      return a?.url;
    }
    return `/${type.toLowerCase()}s/${id}`;
  };

  const createRelation = (req: SimRequest) => {
    const input = unwrap(req, "relation");
    const fromType = String(input.fromable_type ?? "");
    const toType = String(input.toable_type ?? "");
    const fromId = Number(input.fromable_id);
    const toId = Number(input.toable_id);
    const problems: string[] = [];
    if (!RELATABLE_TYPES.includes(fromType)) problems.push("Fromable type is not included in the list");
    if (!RELATABLE_TYPES.includes(toType)) problems.push("Toable type is not included in the list");
    if (!Number.isInteger(fromId)) problems.push("Fromable must exist");
    if (!Number.isInteger(toId)) problems.push("Toable must exist");
    if (problems.length) invalid(...problems);
    const fromUrl = entityUrl(fromType, fromId);
    const toUrl = entityUrl(toType, toId);
    if (!fromUrl) invalid("Fromable must exist");
    if (!toUrl) invalid("Toable must exist");
    const description = textField(input.description, "Description");
    const id = nextId(data.relations);
    const name = (type: string, rid: number) =>
      type === "Company" ? data.companies.find((c) => c.id === rid)?.name ?? "" : type === "Asset" ? data.assets.find((a) => a.id === rid)?.name ?? "" : `${type} ${rid}`;
    const relation: HuduRelation = {
      id,
      description,
      is_inverse: false,
      name: name(toType, toId),
      fromable_id: fromId,
      fromable_type: fromType,
      fromable_url: fromUrl!,
      toable_id: toId,
      toable_type: toType,
      toable_url: toUrl!,
    };
    const inverse: HuduRelation = {
      id: id + 1,
      description,
      is_inverse: true,
      name: name(fromType, fromId),
      fromable_id: toId,
      fromable_type: toType,
      fromable_url: toUrl!,
      toable_id: fromId,
      toable_type: fromType,
      toable_url: fromUrl!,
    };
    data.relations.push(relation, inverse);
    return jsonResponse(201, { relation: presentRelation(relation) });
  };

  const deleteRelation = (id: number) => {
    const r = data.relations.find((x) => x.id === id) ?? notFound();
    // The automatic inverse goes with it.
    data.relations = data.relations.filter(
      (x) => x.id !== id && !(x.is_inverse !== r!.is_inverse && x.fromable_type === r!.toable_type && x.fromable_id === r!.toable_id && x.toable_type === r!.fromable_type && x.toable_id === r!.fromable_id),
    );
    return emptyResponse(204);
  };

  // ---- matchers: how Hudu's own PSA integrations link a PSA record to a company
  const knownIntegrations = () => new Set([...data.matchers.map((m) => m.integrator_id), ...data.companies.flatMap((c) => c.integrations.map((i) => i.integrator_id))]);
  /** Live Hudu answers 500 to an unknown matcher; the document says 404. */
  const matcher = (id: number) => data.matchers.find((m) => m.id === id) ?? (live ? internalError() : fail(404, { error: "Matcher not found" }));

  const listMatchers = (url: URL) => {
    const raw = getQuery(url, "integration_id")?.trim();
    if (!raw || !/^\d+$/.test(raw)) return live ? internalError() : fail(404, { error: "No matching integration" });
    const integrationId = Number(raw);
    if (!knownIntegrations().has(integrationId)) return fail(404, { error: "No matching integration" });
    const matched = queryFlag(url, "matched");
    const syncId = queryInt(url, "sync_id");
    const identifier = getQuery(url, "identifier");
    const companyId = queryInt(url, "company_id");
    const rows = data.matchers.filter(
      (m) =>
        m.integrator_id === integrationId &&
        (matched === undefined || (m.company_id !== null) === matched) &&
        (syncId === undefined || m.sync_id === syncId) &&
        (identifier === undefined || m.identifier === identifier) &&
        (companyId === undefined || m.company_id === companyId),
    );
    return jsonResponse(200, { matchers: page(rows, url, limits).map((m) => ({ ...m })) });
  };

  /** Keeps companies' `integrations[]` in step with the matchers linked to them. */
  const relinkMatcher = (m: HuduMatcher) => {
    for (const c of data.companies) c.integrations = c.integrations.filter((i) => i.id !== m.id);
    const target = data.companies.find((c) => c.id === m.company_id);
    if (target) target.integrations.push({ ...m, company_id: target.id, company_name: target.name });
  };

  const updateMatcher = (req: SimRequest, id: number) => {
    const m = matcher(id);
    const input = unwrap(req, "matcher");
    const draft = { ...m };
    if ("company_id" in input) {
      if (input.company_id === null || input.company_id === "") {
        draft.company_id = null;
        draft.company_name = null;
      } else {
        const target = data.companies.find((c) => c.id === Number(input.company_id)) ?? invalid("Company must exist");
        draft.company_id = target!.id;
        draft.company_name = target!.name;
      }
    }
    if ("potential_company_id" in input) draft.potential_company_id = input.potential_company_id === null ? null : Number(input.potential_company_id);
    if ("sync_id" in input && input.sync_id !== null && Number.isFinite(Number(input.sync_id))) draft.sync_id = Number(input.sync_id);
    if ("identifier" in input) draft.identifier = textField(input.identifier, "Identifier");
    Object.assign(m, draft);
    relinkMatcher(m);
    return jsonResponse(200, live ? { matcher: { ...m } } : { ...m });
  };

  const deleteMatcher = (id: number) => {
    const m = matcher(id);
    data.matchers = data.matchers.filter((x) => x.id !== id);
    relinkMatcher({ ...m, company_id: null });
    return emptyResponse(204);
  };

  // ---- routing
  const route = (req: SimRequest): SimResponse => {
    const { method, url } = req;
    const path = req.pathname.replace(/\.json$/, "").replace(/\/+$/, "");
    if (!path.startsWith("/api/v1/") && path !== "/api/v1") return notFound();
    if (req.headers["x-api-key"] !== apiKey) return jsonResponse(401, { error: "Invalid API key" });
    const seg = path.slice("/api/v1/".length).split("/");
    const id = (i: number) => (/^\d+$/.test(seg[i] ?? "") ? Number(seg[i]) : notFound());
    const r = `${method} ${seg.map((s) => (/^\d+$/.test(s) ? ":id" : s)).join("/")}`;

    switch (r) {
      case "GET api_info":
        return jsonResponse(200, { version, date: "2025-11-18" });
      case "GET companies":
        return listCompanies(url);
      case "POST companies":
        return createCompany(req);
      case "GET companies/:id":
        return jsonResponse(200, { company: presentCompany(company(id(1))) });
      case "PUT companies/:id":
      case "PATCH companies/:id":
        return updateCompany(req, id(1));
      case "DELETE companies/:id":
        return deleteCompany(id(1));
      case "PUT companies/:id/archive":
        return setCompanyArchived(id(1), true);
      case "PUT companies/:id/unarchive":
        return setCompanyArchived(id(1), false);
      case "GET companies/:id/assets":
        company(id(1));
        return listAssets(url, id(1));
      case "POST companies/:id/assets":
        return createAsset(req, id(1));
      case "GET companies/:id/assets/:id":
        return jsonResponse(200, { asset: presentAsset(companyAsset(id(1), id(3))) });
      case "PUT companies/:id/assets/:id":
      case "PATCH companies/:id/assets/:id":
        return updateAsset(req, id(1), id(3));
      case "DELETE companies/:id/assets/:id":
        return deleteAsset(id(1), id(3));
      case "PUT companies/:id/assets/:id/archive":
      case "PUT companies/:id/assets/:id/unarchive": {
        const a = companyAsset(id(1), id(3));
        a.archived = seg[4] === "archive";
        a.updated_at = now();
        return jsonResponse(200, { asset: presentAsset(a) });
      }
      case "PUT companies/:id/assets/:id/move_layout":
        return moveAssetLayout(req, id(1), id(3));
      case "GET assets":
        return listAssets(url);
      case "GET asset_layouts":
        return listLayouts(url);
      case "POST asset_layouts":
        return createLayout(req);
      case "GET asset_layouts/:id": {
        const found = data.assetLayouts.find((l) => l.id === id(1));
        // Live Hudu answers a missing layout with 200 and the body `null`.
        if (!found) return live ? jsonResponse(200, null) : notFound();
        return jsonResponse(200, { asset_layout: presentLayout(found) });
      }
      case "PUT asset_layouts/:id":
      case "PATCH asset_layouts/:id":
        return updateLayout(req, id(1));
      case "GET relations":
        return jsonResponse(200, { relations: page(data.relations, url, limits).map(presentRelation) });
      case "POST relations":
        return createRelation(req);
      case "DELETE relations/:id":
        return deleteRelation(id(1));
      case "GET matchers":
        return listMatchers(url);
      case "PUT matchers/:id":
        return updateMatcher(req, id(1));
      case "DELETE matchers/:id":
        return deleteMatcher(id(1));
      default:
        // Includes DELETE asset_layouts/:id: Hudu has no such route.
        return notFound();
    }
  };

  const handle = (req: SimRequest): SimResponse => {
    try {
      return route(req);
    } catch (err) {
      if (err instanceof HttpError) return err.response;
      throw err;
    }
  };

  const server = await startSimServer({
    host: opts.host ?? "127.0.0.1",
    port: opts.port ?? 0,
    limiter,
    rateLimited: (retryAfterMs) =>
      textResponse(429, "Retry later", opts.retryAfterHeader ? { "retry-after": String(Math.max(1, Math.ceil(retryAfterMs / 1000))) } : {}),
    handle,
    state: () => deepCopy(data),
    resetData: () => {
      data = deepCopy(initial);
    },
    expireAllTokens: () => {},
  });
  baseUrl = server.url;

  return { url: server.url, apiKey, control: server.control, close: server.close };
}
