import type { z } from "zod";
import { SyncError } from "@/lib/errors";
import type { HttpEventHandler } from "@/lib/http/events";
import { sharedLimiter } from "@/lib/http/limiter-registry";
import { parseResponse } from "@/lib/http/parse";
import { systemClock, type Clock, type RateLimiter } from "@/lib/http/rate-limiter";
import { HttpClient, type HttpRequest, type HttpResponse, type RetryPolicy } from "@/lib/http/request";
import { buildUrl } from "@/lib/http/url";
import { summariseAsset, type HuduAssetSummary } from "./asset-summary";
import { huduConfigSchema, type HuduConfig, type HuduConfigInput } from "./config";
import { customFieldEntries, customFieldsBody } from "./custom-fields";
import { missingFields, newLayoutBody, wholeLayoutBody, type LayoutBody } from "./layout-body";
import { haloIntegrationIdFrom } from "./matchers";
import {
  customFieldRefused,
  isCustomFieldRefusal,
  isNameTaken,
  layoutNotAsSent,
  layoutRefused,
  matcherListRefused,
  matcherUpdateRefused,
  nameTakenButNotFound,
} from "./refusals";
import {
  huduApiInfoSchema,
  huduAssetLayoutSchema,
  huduAssetSchema,
  huduCompanySchema,
  huduMatcherSchema,
  huduRelationSchema,
  unwrapList,
  unwrapOne,
  type HuduApiInfo,
  type HuduAsset,
  type HuduAssetInput,
  type HuduAssetLayout,
  type HuduAssetLayoutInput,
  type HuduCompany,
  type HuduCompanyInput,
  type HuduCustomFieldValues,
  type HuduLayoutFieldInput,
  type HuduMatcher,
  type HuduRelation,
  type HuduRelationInput,
} from "./schemas";

export interface HuduClientOptions {
  onEvent?: HttpEventHandler;
  retry?: Partial<RetryPolicy>;
  /** Share a limiter explicitly; by default one per Hudu host for the whole process. */
  limiter?: RateLimiter;
  clock?: Clock;
  /** A list record that does not parse is skipped and reported here (never stops a sweep). */
  onProblem?: (problem: HuduListProblem) => void;
}

export interface HuduListProblem {
  resource: "company" | "asset_layout" | "asset" | "matcher";
  id?: number;
  message: string;
  detail?: string;
}

type ProblemHandler = (problem: HuduListProblem) => void;

export interface HuduListCompaniesOptions {
  /**
   * true: only archived companies. `archived=true` is undocumented; a server that ignores it is
   * detected (its "archived" list holds companies that are not archived), reported through
   * onProblem, and the records' own `archived` flag decides.
   */
  archived?: boolean;
  name?: string;
  search?: string;
  idInIntegration?: string | number;
  signal?: AbortSignal;
  /** Records skipped or sweeps cut short, in plain words (defaults to the client's onProblem). */
  onProblem?: ProblemHandler;
}

export interface HuduListAssetsOptions {
  assetLayoutId: number;
  companyId?: number;
  /** true = only archived assets (Hudu's meaning). */
  archived?: boolean;
  signal?: AbortSignal;
  onProblem?: ProblemHandler;
}

export interface HuduListMatchersOptions {
  /** The integration's id (see findHaloIntegrationId). */
  integrationId: number;
  /** true: only matchers linked to a company; false: only those not linked yet. */
  matched?: boolean;
  syncId?: string | number;
  identifier?: string;
  companyId?: number;
  signal?: AbortSignal;
  onProblem?: ProblemHandler;
}

export interface HuduMatcherChanges {
  /** The company to link the PSA record to; null unlinks it. */
  companyId: number | null;
  potentialCompanyId?: number | null;
  syncId?: string | number;
  identifier?: string;
}

/** Hudu takes up to 1000 a page (clients use 1000 and it works); it may answer with fewer. */
export const HUDU_PAGE_SIZE = 1000;
const MAX_PAGES = 10_000;

type Query = Record<string, string | number | boolean | undefined>;

interface Sweep<T> {
  resource: HuduListProblem["resource"];
  schema: z.ZodType<T>;
  path: string;
  key: string;
  query: Query;
  /** Sent as page_size; undefined for lists that take none (asset layouts: 25 a page). */
  pageSize?: number;
  operation: string;
  signal?: AbortSignal;
  onProblem?: ProblemHandler;
  /** Statuses this list answers in its own way (matchers: 404, 500), mapped to plain words. */
  refusal?: { statuses: number[]; error: (response: HttpResponse) => SyncError };
}

function assetSweep(options: HuduListAssetsOptions): Sweep<HuduAsset> {
  return {
    resource: "asset",
    schema: huduAssetSchema,
    path: "assets",
    key: "assets",
    query: { asset_layout_id: options.assetLayoutId, company_id: options.companyId, archived: options.archived },
    pageSize: HUDU_PAGE_SIZE,
    operation: "list assets",
    signal: options.signal,
    onProblem: options.onProblem,
  };
}

/** Hudu compares company names case-insensitively (archived companies included). */
const nameKey = (name: string) => name.trim().toLowerCase();

/** Hudu API client: paced and retried requests, Rails-style wrapped bodies, tolerant responses. */
export class HuduClient {
  readonly config: HuduConfig;
  readonly http: HttpClient;
  private readonly onProblem?: ProblemHandler;

  constructor(config: HuduConfigInput, options: HuduClientOptions = {}) {
    const parsed = huduConfigSchema.safeParse(config);
    if (!parsed.success) {
      throw new SyncError({
        code: "invalid_config",
        service: "hudu",
        userMessage: `The Hudu settings are incomplete: ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}.`,
        detail: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.code}`).join("; "),
      });
    }
    this.config = parsed.data;
    const limiter =
      options.limiter ?? sharedLimiter(`hudu:${new URL(this.config.baseUrl).origin}`, "fixed", this.config.rateLimit);
    this.http = new HttpClient({
      service: "hudu",
      limiter,
      timeoutMs: this.config.timeoutMs,
      retry: options.retry,
      onEvent: options.onEvent,
      clock: options.clock ?? systemClock,
      secrets: () => [this.config.apiKey],
    });
    this.onProblem = options.onProblem;
  }

  private url(path: string, query?: Query): URL {
    return buildUrl(this.config.baseUrl, `api/v1/${path.replace(/^\/+/, "")}`, query);
  }

  private send(request: Omit<HttpRequest, "headers">): Promise<HttpResponse> {
    return this.http.send({ ...request, headers: { "x-api-key": this.config.apiKey } });
  }

  /** Any 2xx, wrapped (`{"company": …}`) or bare, parsed with `schema`. */
  private parseOne<T>(schema: z.ZodType<T>, key: string, response: HttpResponse, operation: string): T {
    return parseResponse(schema, { ...response, json: unwrapOne(response.json, key) }, "hudu", operation);
  }

  private async one<T>(schema: z.ZodType<T>, key: string, request: Omit<HttpRequest, "headers">): Promise<T> {
    return this.parseOne(schema, key, await this.send(request), request.operation);
  }

  /**
   * Reads every page of a list until an empty page: a server may cap pages below the size we
   * asked for (or ignore page_size), so a short page is not the end. A page identical to the one
   * before (a server ignoring `page`) stops the sweep with a problem, so it can never loop.
   */
  private async all<T extends { id: number }, U = T>(sweep: Sweep<T>, keep: (record: T) => U = (record) => record as unknown as U): Promise<U[]> {
    const onProblem = sweep.onProblem ?? this.onProblem;
    const out: U[] = [];
    const seen = new Set<number>();
    let previous = "";
    for (let page = 1; page <= MAX_PAGES; page++) {
      const url = this.url(sweep.path, { ...sweep.query, page, page_size: sweep.pageSize });
      const response = await this.send({
        method: "GET",
        url,
        signal: sweep.signal,
        operation: `${sweep.operation} (page ${page})`,
        passStatuses: sweep.refusal?.statuses,
      });
      if (sweep.refusal?.statuses.includes(response.status)) throw sweep.refusal.error(response);
      const records = this.expectList(response, sweep.key, sweep.operation);
      if (records.length === 0) break;
      const signature = records.map((r) => (r && typeof r === "object" ? String((r as { id?: unknown }).id) : "?")).join(",");
      if (page > 1 && signature === previous) {
        onProblem?.({
          resource: sweep.resource,
          message: `Hudu returned the same page twice while trying to ${sweep.operation}; stopped reading to avoid a loop, so records after the first ${out.length} may be missing.`,
        });
        break;
      }
      previous = signature;
      for (const raw of records) {
        const parsed = sweep.schema.safeParse(raw);
        if (!parsed.success) {
          const rawId = Number((raw as { id?: unknown } | null)?.id);
          onProblem?.({
            resource: sweep.resource,
            id: Number.isFinite(rawId) ? rawId : undefined,
            message: `Skipped a Hudu ${sweep.resource.replace("_", " ")} we could not read: ${parsed.error.issues
              .slice(0, 3)
              .map((i) => `${i.path.join(".")}: ${i.message}`)
              .join("; ")}.`,
            detail: this.http.excerpt(JSON.stringify(raw)),
          });
          continue;
        }
        if (seen.has(parsed.data.id)) continue;
        seen.add(parsed.data.id);
        out.push(keep(parsed.data));
      }
    }
    return out;
  }

  /** When a 429 has this Hudu holding every request (epoch ms), or undefined when it is not. */
  rateLimitedUntil(): number | undefined {
    return this.http.limiter.blockedUntil();
  }

  // ------------------------------------------------------------ instance

  apiInfo(signal?: AbortSignal): Promise<HuduApiInfo> {
    return this.one(huduApiInfoSchema, "api_info", {
      method: "GET",
      url: this.url("api_info"),
      signal,
      operation: "read the Hudu version",
    });
  }

  // ------------------------------------------------------------ companies

  async listCompanies(options: HuduListCompaniesOptions = {}): Promise<HuduCompany[]> {
    const onProblem = options.onProblem ?? this.onProblem;
    const companies = await this.all({
      resource: "company",
      schema: huduCompanySchema,
      path: "companies",
      key: "companies",
      query: {
        archived: options.archived,
        name: options.name,
        search: options.search,
        id_in_integration: options.idInIntegration === undefined ? undefined : String(options.idInIntegration),
      },
      pageSize: HUDU_PAGE_SIZE,
      operation: options.archived ? "list archived companies" : "list companies",
      signal: options.signal,
      onProblem,
    });
    if (options.archived !== true) return companies;
    const archived = companies.filter((c) => c.archived);
    if (archived.length === 0 && companies.length > 0) {
      onProblem?.({
        resource: "company",
        message: `Hudu ignored archived=true (its "archived" list held ${companies.length} companies that are not archived), so archived companies could not be read. A Halo client whose Hudu company is archived will not be matched to it.`,
      });
    }
    return archived;
  }

  /**
   * Every company, archived ones included (two sweeps; Hudu hides archived companies from its
   * list). Archived status comes from each record itself.
   */
  async listAllCompanies(options: Pick<HuduListCompaniesOptions, "signal" | "onProblem"> = {}): Promise<HuduCompany[]> {
    const active = await this.listCompanies(options);
    const archived = await this.listCompanies({ ...options, archived: true });
    const byId = new Map<number, HuduCompany>();
    for (const company of [...active, ...archived]) byId.set(company.id, company);
    return [...byId.values()];
  }

  /**
   * The company Hudu would call the same name (case-insensitively, archived ones included), or
   * null. Tries Hudu's search first and reads every company only when search finds nothing.
   */
  async findCompanyByName(name: string, signal?: AbortSignal): Promise<HuduCompany | null> {
    const wanted = nameKey(name);
    const pick = (companies: HuduCompany[]) => companies.find((c) => nameKey(c.name) === wanted) ?? null;
    const quiet = () => undefined;
    for (const archived of [undefined, true]) {
      const found = pick(await this.listCompanies({ search: name.trim(), archived, signal, onProblem: quiet }));
      if (found) return found;
    }
    // Search may not find names with markup or odd characters.
    return pick(await this.listAllCompanies({ signal, onProblem: quiet }));
  }

  /** One page of companies (the connection test reads one record). */
  async peekCompanies(signal?: AbortSignal): Promise<number> {
    const response = await this.send({
      method: "GET",
      url: this.url("companies", { page: 1, page_size: 1 }),
      signal,
      operation: "list companies",
    });
    return this.expectList(response, "companies", "list companies").length;
  }

  getCompany(id: number, signal?: AbortSignal): Promise<HuduCompany> {
    return this.one(huduCompanySchema, "company", { method: "GET", url: this.url(`companies/${id}`), signal, operation: `read company ${id}` });
  }

  /** Creates a company; a name already taken (any case, archived too) is a `validation` error. */
  createCompany(input: HuduCompanyInput, signal?: AbortSignal): Promise<HuduCompany> {
    return this.one(huduCompanySchema, "company", {
      method: "POST",
      url: this.url("companies"),
      json: { company: input },
      signal,
      operation: `create company "${input.name}"`,
    });
  }

  /**
   * Creates a company, or, when Hudu refuses the name as taken, returns the company that has it
   * (which may be archived: `existed` tells the caller to look). Never creates a second one.
   */
  async createOrFindCompany(input: HuduCompanyInput, signal?: AbortSignal): Promise<{ company: HuduCompany; existed: boolean }> {
    try {
      return { company: await this.createCompany(input, signal), existed: false };
    } catch (error) {
      if (!isNameTaken(error)) throw error;
      const existing = await this.findCompanyByName(input.name, signal);
      if (existing) return { company: existing, existed: true };
      throw nameTakenButNotFound(input.name, error);
    }
  }

  /** PUT takes a partial object: send only what changed (every write lands in Hudu's audit log). */
  updateCompany(id: number, changes: Partial<HuduCompanyInput>, signal?: AbortSignal): Promise<HuduCompany> {
    return this.one(huduCompanySchema, "company", {
      method: "PUT",
      url: this.url(`companies/${id}`),
      json: { company: changes },
      signal,
      operation: `update company ${id}`,
    });
  }

  archiveCompany(id: number, signal?: AbortSignal): Promise<HuduCompany> {
    return this.one(huduCompanySchema, "company", {
      method: "PUT",
      url: this.url(`companies/${id}/archive`),
      signal,
      operation: `archive company ${id}`,
    });
  }

  // ------------------------------------------------------------ asset layouts

  listAssetLayouts(signal?: AbortSignal): Promise<HuduAssetLayout[]> {
    // Layouts are paged 25 at a time and take no page_size.
    return this.all({ resource: "asset_layout", schema: huduAssetLayoutSchema, path: "asset_layouts", key: "asset_layouts", query: {}, operation: "list asset layouts", signal });
  }

  /** One page of layouts (the connection test). */
  async peekAssetLayouts(signal?: AbortSignal): Promise<number> {
    const response = await this.send({ method: "GET", url: this.url("asset_layouts", { page: 1 }), signal, operation: "list asset layouts" });
    return this.expectList(response, "asset_layouts", "list asset layouts").length;
  }

  /** The layout, or null when Hudu has none with that id (live Hudu answers 200 `null`; the document, 404). */
  async findAssetLayout(id: number, signal?: AbortSignal): Promise<HuduAssetLayout | null> {
    const operation = `read asset layout ${id}`;
    const response = await this.send({ method: "GET", url: this.url(`asset_layouts/${id}`), signal, operation, passStatuses: [404] });
    if (response.status === 404 || response.json === null || response.text.trim() === "null") return null;
    return this.parseOne(huduAssetLayoutSchema, "asset_layout", response, operation);
  }

  /** The layout; a missing one is a `not_found` error. */
  async getAssetLayout(id: number, signal?: AbortSignal): Promise<HuduAssetLayout> {
    const layout = await this.findAssetLayout(id, signal);
    if (layout) return layout;
    throw new SyncError({
      code: "not_found",
      service: "hudu",
      status: 404,
      userMessage: `Hudu has no asset layout ${id}. It may have been removed, or the id is wrong: pick the layout again.`,
      detail: `GET /api/v1/asset_layouts/${id}: no layout (404 or null)`,
    });
  }

  /**
   * Creates a layout with the whole body Hudu needs, `active: true` included; Hudu may still
   * create it inactive (call activateAssetLayout). Hudu has no DELETE for layouts, so callers
   * check by name first, and a refusal is never retried.
   */
  async createAssetLayout(input: HuduAssetLayoutInput, signal?: AbortSignal): Promise<HuduAssetLayout> {
    return this.writeLayout("POST", this.url("asset_layouts"), newLayoutBody(input), `create asset layout "${input.name}"`, signal);
  }

  /**
   * Activates a layout: reads it and PUTs it back whole with `active: true` (a partial PUT is
   * refused, or could drop the fields), then reads it again to check it is active with every
   * field still there. An active layout is left alone.
   */
  async activateAssetLayout(id: number, signal?: AbortSignal): Promise<HuduAssetLayout> {
    const layout = await this.getAssetLayout(id, signal);
    if (layout.active) return layout;
    const after = await this.putWholeLayout(layout, wholeLayoutBody(layout, { active: true }), `activate asset layout "${layout.name}"`, signal);
    if (!after.active) throw layoutNotAsSent(`activate asset layout "${layout.name}"`, layout.name, "it is still inactive");
    return after;
  }

  /**
   * Adds fields to a layout, sending it back whole: every existing field with its id (keeping
   * it and its values) plus the new ones. A new field whose label already exists
   * (case-insensitively) is not added again, so calling this twice is harmless.
   */
  async addLayoutFields(id: number, newFields: HuduLayoutFieldInput[], signal?: AbortSignal): Promise<HuduAssetLayout> {
    const layout = await this.getAssetLayout(id, signal);
    const existingLabels = new Set(layout.fields.map((f) => f.label.trim().toLowerCase()));
    const toAdd = newFields.filter((f) => !existingLabels.has(f.label.trim().toLowerCase()));
    if (toAdd.length === 0) return layout;
    return this.putWholeLayout(layout, wholeLayoutBody(layout, {}, toAdd), `add fields to asset layout "${layout.name}"`, signal);
  }

  /** PUTs a whole layout, then reads it back and checks every field sent is still there. */
  private async putWholeLayout(layout: HuduAssetLayout, body: LayoutBody, operation: string, signal?: AbortSignal): Promise<HuduAssetLayout> {
    await this.writeLayout("PUT", this.url(`asset_layouts/${layout.id}`), body, operation, signal);
    const after = await this.getAssetLayout(layout.id, signal);
    const missing = missingFields(body, after);
    if (missing.length > 0) throw layoutNotAsSent(operation, layout.name, `it dropped the field${missing.length === 1 ? "" : "s"} ${missing.map((l) => `"${l}"`).join(", ")}`);
    return after;
  }

  /** A layout write. A 500 is Hudu refusing the body (live Hudu's answer to an incomplete one): reported, never retried. */
  private async writeLayout(method: "POST" | "PUT", url: URL, body: LayoutBody, operation: string, signal?: AbortSignal): Promise<HuduAssetLayout> {
    const response = await this.send({ method, url, json: body, signal, operation, idempotent: false, passStatuses: [500] });
    if (response.status === 500) throw layoutRefused(operation, body, response, this.http.excerpt(response.text));
    return this.parseOne(huduAssetLayoutSchema, "asset_layout", response, operation);
  }

  // ------------------------------------------------------------ assets

  /** All assets of a layout, across companies (or of one company). */
  listAssets(options: HuduListAssetsOptions): Promise<HuduAsset[]> {
    return this.all(assetSweep(options));
  }

  /** listAssets, each asset kept as its summary as soon as its page is read (a whole layout's records are hundreds of MB). */
  listAssetSummaries(options: HuduListAssetsOptions): Promise<HuduAssetSummary[]> {
    const names = new Map<string, string>();
    return this.all(assetSweep(options), (asset) => summariseAsset(asset, names));
  }

  getAsset(companyId: number, assetId: number, signal?: AbortSignal): Promise<HuduAsset> {
    return this.one(huduAssetSchema, "asset", {
      method: "GET",
      url: this.url(`companies/${companyId}/assets/${assetId}`),
      signal,
      operation: `read asset ${assetId}`,
    });
  }

  /**
   * Creates an asset. Not retried after a time-out or a 5xx (it may have been created; a
   * blind retry is how duplicate assets happen): the error surfaces and the next run reconciles.
   */
  createAsset(companyId: number, input: HuduAssetInput, signal?: AbortSignal): Promise<HuduAsset> {
    const operation = `create asset "${input.name}"`;
    return this.writeAsset(
      { method: "POST", url: this.url(`companies/${companyId}/assets`), json: { asset: assetBody(input) }, signal, operation },
      input.custom_fields,
      async () => (await this.findAssetLayout(input.asset_layout_id, signal))?.name,
    );
  }

  /** PUT a partial asset; custom fields sent are merged by Hudu [guess], so send only changes. */
  updateAsset(companyId: number, assetId: number, changes: Partial<HuduAssetInput>, signal?: AbortSignal): Promise<HuduAsset> {
    const operation = `update asset ${assetId}${changes.name ? ` "${changes.name}"` : ""}`;
    return this.writeAsset(
      { method: "PUT", url: this.url(`companies/${companyId}/assets/${assetId}`), json: { asset: assetBody(changes) }, signal, operation },
      changes.custom_fields,
      async () =>
        changes.asset_layout_id !== undefined
          ? (await this.findAssetLayout(changes.asset_layout_id, signal))?.name
          : ((await this.getAsset(companyId, assetId, signal)).asset_type ?? undefined),
    );
  }

  /** An asset write; a refused custom-field key is reported with the layout, the label and the key sent. */
  private async writeAsset(
    request: Omit<HttpRequest, "headers">,
    customFields: HuduCustomFieldValues | undefined,
    layoutName: () => Promise<string | undefined>,
  ): Promise<HuduAsset> {
    try {
      return await this.one(huduAssetSchema, "asset", request);
    } catch (error) {
      if (!customFields || !isCustomFieldRefusal(error)) throw error;
      // Naming the layout is worth one more read on this rare path; failing that, say so plainly.
      const name = await layoutName().catch(() => undefined);
      throw customFieldRefused(error, customFieldEntries(customFields), name ?? "(could not be read)", request.operation);
    }
  }

  archiveAsset(companyId: number, assetId: number, signal?: AbortSignal): Promise<HuduAsset> {
    return this.one(huduAssetSchema, "asset", {
      method: "PUT",
      url: this.url(`companies/${companyId}/assets/${assetId}/archive`),
      signal,
      operation: `archive asset ${assetId}`,
    });
  }

  /** Brings an archived asset back (its Halo record is active again). */
  unarchiveAsset(companyId: number, assetId: number, signal?: AbortSignal): Promise<HuduAsset> {
    return this.one(huduAssetSchema, "asset", {
      method: "PUT",
      url: this.url(`companies/${companyId}/assets/${assetId}/unarchive`),
      signal,
      operation: `unarchive asset ${assetId}`,
    });
  }

  // ------------------------------------------------------------ relations

  createRelation(input: HuduRelationInput, signal?: AbortSignal): Promise<HuduRelation> {
    return this.one(huduRelationSchema, "relation", {
      method: "POST",
      url: this.url("relations"),
      json: { relation: input },
      signal,
      operation: `relate ${input.fromable_type} ${input.fromable_id} to ${input.toable_type} ${input.toable_id}`,
    });
  }

  // ------------------------------------------------------------ matchers (Hudu's own integrations)

  /**
   * The id of Hudu's own Halo integration, read from the companies it has linked
   * (`integrations[]`), or null when none is linked yet (tell the admin HALO_INTEGRATION_NOT_FOUND).
   * Pass the companies when they have been read already.
   */
  async findHaloIntegrationId(options: { companies?: ReadonlyArray<Pick<HuduCompany, "integrations">>; signal?: AbortSignal } = {}): Promise<number | null> {
    return haloIntegrationIdFrom(options.companies ?? (await this.listAllCompanies({ signal: options.signal, onProblem: () => undefined })));
  }

  /**
   * The integration's matchers. Hudu answers 500 when it lacks a usable integration id and 404
   * `{"error":"No matching integration"}` for an unknown one; both become plain-words errors,
   * never retried.
   */
  listMatchers(options: HuduListMatchersOptions): Promise<HuduMatcher[]> {
    return this.all({
      resource: "matcher",
      schema: huduMatcherSchema,
      path: "matchers",
      key: "matchers",
      query: {
        integration_id: options.integrationId,
        matched: options.matched,
        sync_id: options.syncId === undefined ? undefined : String(options.syncId),
        identifier: options.identifier,
        company_id: options.companyId,
      },
      pageSize: HUDU_PAGE_SIZE,
      operation: `list the matchers of integration ${options.integrationId}`,
      signal: options.signal,
      onProblem: options.onProblem,
      refusal: { statuses: [404, 500], error: (response) => matcherListRefused(response, options.integrationId, this.http.excerpt(response.text)) },
    });
  }

  /** Re-points a matcher (links the PSA record to `companyId`). An unknown matcher (500 on live Hudu) is not retried. */
  async updateMatcher(id: number, changes: HuduMatcherChanges, signal?: AbortSignal): Promise<HuduMatcher> {
    const operation = `link matcher ${id} to company ${changes.companyId}`;
    const response = await this.send({
      method: "PUT",
      url: this.url(`matchers/${id}`),
      json: {
        matcher: {
          company_id: changes.companyId,
          potential_company_id: changes.potentialCompanyId,
          sync_id: changes.syncId,
          identifier: changes.identifier,
        },
      },
      signal,
      operation,
      passStatuses: [404, 500],
    });
    if (response.status === 404 || response.status === 500) throw matcherUpdateRefused(response, id, this.http.excerpt(response.text));
    return this.parseOne(huduMatcherSchema, "matcher", response, operation);
  }

  private expectList(response: HttpResponse, key: string, operation: string): unknown[] {
    const list = unwrapList(response.json, key);
    if (list) return list;
    throw new SyncError({
      code: "bad_response",
      service: "hudu",
      userMessage: `Hudu's answer to "${operation}" had no list in it. Check the Hudu URL (the address of your Hudu, without /api/v1).`,
      detail: `GET ${response.url.pathname}: ${response.status}; body: ${this.http.excerpt(response.text)}`,
    });
  }
}

function assetBody(input: Partial<HuduAssetInput>): Record<string, unknown> {
  const { custom_fields, ...rest } = input;
  return custom_fields === undefined ? rest : { ...rest, custom_fields: customFieldsBody(custom_fields) };
}
