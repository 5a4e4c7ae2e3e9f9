import type { z } from "zod";
import { SyncError } from "@/lib/errors";
import type { HttpEventHandler } from "@/lib/http/events";
import { sharedLimiter } from "@/lib/http/limiter-registry";
import { parseResponse } from "@/lib/http/parse";
import { systemClock, type Clock, type RateLimiter } from "@/lib/http/rate-limiter";
import { HttpClient, type HttpRequest, type HttpResponse, type RetryPolicy } from "@/lib/http/request";
import { buildUrl } from "@/lib/http/url";
import { huduConfigSchema, type HuduConfig, type HuduConfigInput } from "./config";
import { customFieldsBody } from "./custom-fields";
import {
  huduApiInfoSchema,
  huduAssetLayoutSchema,
  huduAssetSchema,
  huduCompanySchema,
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
  type HuduLayoutFieldInput,
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
  resource: "company" | "asset_layout" | "asset";
  id?: number;
  message: string;
  detail?: string;
}

export interface HuduListCompaniesOptions {
  /** [guess] Hudu hides archived companies; archived=true may show them. */
  archived?: boolean;
  name?: string;
  search?: string;
  idInIntegration?: string | number;
  signal?: AbortSignal;
}

export interface HuduListAssetsOptions {
  assetLayoutId: number;
  companyId?: number;
  /** true = only archived assets (Hudu's meaning). */
  archived?: boolean;
  signal?: AbortSignal;
}

/** Hudu takes up to 1000 a page (clients use 1000 and it works). */
export const HUDU_PAGE_SIZE = 1000;
/** Asset layouts are paged 25 at a time and take no page_size. */
const HUDU_LAYOUT_PAGE_SIZE = 25;
const MAX_PAGES = 10_000;

type Query = Record<string, string | number | boolean | undefined>;

/** Hudu API client: paced and retried requests, Rails-style wrapped bodies, tolerant responses. */
export class HuduClient {
  readonly config: HuduConfig;
  readonly http: HttpClient;
  private readonly onProblem?: (problem: HuduListProblem) => void;

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

  private async one<T>(
    schema: z.ZodType<T>,
    key: string,
    request: Omit<HttpRequest, "headers">,
  ): Promise<T> {
    const response = await this.send(request);
    return parseResponse(schema, { ...response, json: unwrapOne(response.json, key) }, "hudu", request.operation);
  }

  /**
   * Reads every page of a list. Stops on an empty or short page; a page identical to the one
   * before (a server ignoring `page`) also stops, so a sweep can never loop.
   */
  private async all<T extends { id: number }>(
    resource: HuduListProblem["resource"],
    schema: z.ZodType<T>,
    path: string,
    key: string,
    query: Query,
    pageSize: number,
    sendPageSize: boolean,
    operation: string,
    signal?: AbortSignal,
  ): Promise<T[]> {
    const out: T[] = [];
    const seen = new Set<number>();
    let previous = "";
    for (let page = 1; page <= MAX_PAGES; page++) {
      const url = this.url(path, { ...query, page, page_size: sendPageSize ? pageSize : undefined });
      const response = await this.send({ method: "GET", url, signal, operation: `${operation} (page ${page})` });
      const records = unwrapList(response.json, key);
      if (!records) {
        throw new SyncError({
          code: "bad_response",
          service: "hudu",
          userMessage: `Hudu's answer to "${operation}" had no list in it. Check the Hudu URL (the address of your Hudu, without /api/v1).`,
          detail: `GET ${url.pathname}: ${response.status}; body: ${this.http.excerpt(response.text)}`,
        });
      }
      if (records.length === 0) break;
      const signature = records.map((r) => (r && typeof r === "object" ? String((r as { id?: unknown }).id) : "?")).join(",");
      if (page > 1 && signature === previous) {
        this.onProblem?.({ resource, message: `Hudu returned the same page twice while trying to ${operation}; stopped reading to avoid a loop.` });
        break;
      }
      previous = signature;
      for (const raw of records) {
        const parsed = schema.safeParse(raw);
        if (!parsed.success) {
          const rawId = Number((raw as { id?: unknown } | null)?.id);
          this.onProblem?.({
            resource,
            id: Number.isFinite(rawId) ? rawId : undefined,
            message: `Skipped a Hudu ${resource.replace("_", " ")} we could not read: ${parsed.error.issues
              .slice(0, 3)
              .map((i) => `${i.path.join(".")}: ${i.message}`)
              .join("; ")}.`,
            detail: this.http.excerpt(JSON.stringify(raw)),
          });
          continue;
        }
        if (seen.has(parsed.data.id)) continue;
        seen.add(parsed.data.id);
        out.push(parsed.data);
      }
      if (records.length < pageSize) break;
    }
    return out;
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

  listCompanies(options: HuduListCompaniesOptions = {}): Promise<HuduCompany[]> {
    return this.all(
      "company",
      huduCompanySchema,
      "companies",
      "companies",
      {
        archived: options.archived === undefined ? undefined : options.archived,
        name: options.name,
        search: options.search,
        id_in_integration: options.idInIntegration === undefined ? undefined : String(options.idInIntegration),
      },
      HUDU_PAGE_SIZE,
      true,
      "list companies",
      options.signal,
    );
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

  createCompany(input: HuduCompanyInput, signal?: AbortSignal): Promise<HuduCompany> {
    return this.one(huduCompanySchema, "company", {
      method: "POST",
      url: this.url("companies"),
      json: { company: input },
      signal,
      operation: `create company "${input.name}"`,
    });
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
    return this.all("asset_layout", huduAssetLayoutSchema, "asset_layouts", "asset_layouts", {}, HUDU_LAYOUT_PAGE_SIZE, false, "list asset layouts", signal);
  }

  /** One page of layouts (the connection test). */
  async peekAssetLayouts(signal?: AbortSignal): Promise<number> {
    const response = await this.send({ method: "GET", url: this.url("asset_layouts", { page: 1 }), signal, operation: "list asset layouts" });
    return this.expectList(response, "asset_layouts", "list asset layouts").length;
  }

  getAssetLayout(id: number, signal?: AbortSignal): Promise<HuduAssetLayout> {
    return this.one(huduAssetLayoutSchema, "asset_layout", {
      method: "GET",
      url: this.url(`asset_layouts/${id}`),
      signal,
      operation: `read asset layout ${id}`,
    });
  }

  /**
   * Creates a layout. Hudu has no DELETE for layouts, so callers should check by name first.
   * Layouts come out inactive: call activateAssetLayout afterwards.
   */
  createAssetLayout(input: HuduAssetLayoutInput, signal?: AbortSignal): Promise<HuduAssetLayout> {
    const fields = input.fields.map((f, i) => ({ ...f, position: f.position ?? i + 1 }));
    return this.one(huduAssetLayoutSchema, "asset_layout", {
      method: "POST",
      url: this.url("asset_layouts"),
      json: { asset_layout: { ...input, fields } },
      signal,
      operation: `create asset layout "${input.name}"`,
    });
  }

  activateAssetLayout(id: number, signal?: AbortSignal): Promise<HuduAssetLayout> {
    return this.one(huduAssetLayoutSchema, "asset_layout", {
      method: "PUT",
      url: this.url(`asset_layouts/${id}`),
      json: { asset_layout: { active: true } },
      signal,
      operation: `activate asset layout ${id}`,
    });
  }

  /**
   * Adds fields to a layout. Hudu replaces the field list on PUT, so we send every existing field
   * with its id (keeping it and its values) plus the new ones. A new field whose label already
   * exists (case-insensitively) is not added again, so calling this twice is harmless.
   */
  async addLayoutFields(id: number, newFields: HuduLayoutFieldInput[], signal?: AbortSignal): Promise<HuduAssetLayout> {
    const layout = await this.getAssetLayout(id, signal);
    const existingLabels = new Set(layout.fields.map((f) => f.label.trim().toLowerCase()));
    const toAdd = newFields.filter((f) => !existingLabels.has(f.label.trim().toLowerCase()));
    if (toAdd.length === 0) return layout;
    const kept = layout.fields.map((f) => {
      const { id: fieldId, ...rest } = f;
      // Keep every property Hudu gave us (passthrough), minus nulls Hudu may refuse on write.
      const clean = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== null && v !== undefined));
      return fieldId === null ? clean : { id: fieldId, ...clean };
    });
    let position = Math.max(0, ...layout.fields.map((f) => f.position ?? 0));
    const added = toAdd.map((f) => ({ ...f, position: f.position ?? ++position }));
    return this.one(huduAssetLayoutSchema, "asset_layout", {
      method: "PUT",
      url: this.url(`asset_layouts/${id}`),
      json: { asset_layout: { fields: [...kept, ...added] } },
      signal,
      operation: `add fields to asset layout "${layout.name}"`,
    });
  }

  // ------------------------------------------------------------ assets

  /** All assets of a layout, across companies (or of one company), 1000 a page. */
  listAssets(options: HuduListAssetsOptions): Promise<HuduAsset[]> {
    return this.all(
      "asset",
      huduAssetSchema,
      "assets",
      "assets",
      { asset_layout_id: options.assetLayoutId, company_id: options.companyId, archived: options.archived },
      HUDU_PAGE_SIZE,
      true,
      "list assets",
      options.signal,
    );
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
    return this.one(huduAssetSchema, "asset", {
      method: "POST",
      url: this.url(`companies/${companyId}/assets`),
      json: { asset: assetBody(input) },
      signal,
      operation: `create asset "${input.name}"`,
    });
  }

  /** PUT a partial asset; custom fields sent are merged by Hudu [guess], so send only changes. */
  updateAsset(companyId: number, assetId: number, changes: Partial<HuduAssetInput>, signal?: AbortSignal): Promise<HuduAsset> {
    return this.one(huduAssetSchema, "asset", {
      method: "PUT",
      url: this.url(`companies/${companyId}/assets/${assetId}`),
      json: { asset: assetBody(changes) },
      signal,
      operation: `update asset ${assetId}${changes.name ? ` "${changes.name}"` : ""}`,
    });
  }

  archiveAsset(companyId: number, assetId: number, signal?: AbortSignal): Promise<HuduAsset> {
    return this.one(huduAssetSchema, "asset", {
      method: "PUT",
      url: this.url(`companies/${companyId}/assets/${assetId}/archive`),
      signal,
      operation: `archive asset ${assetId}`,
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
