import pLimit from "p-limit";
import { z } from "zod";
import { bodyExcerpt, SyncError } from "@/lib/errors";
import type { HttpEventHandler } from "@/lib/http/events";
import { sharedLimiter } from "@/lib/http/limiter-registry";
import { parseResponse } from "@/lib/http/parse";
import { systemClock, type Clock, type RateLimiter } from "@/lib/http/rate-limiter";
import { HttpClient, type HttpResponse, type RetryPolicy } from "@/lib/http/request";
import { buildUrl } from "@/lib/http/url";
import { haloConfigSchema, type HaloConfig, type HaloConfigInput } from "./config";
import { HaloListing, PAGES_IN_FLIGHT, wrapperError, type ListingOptions, type PageResult } from "./listing";
import {
  haloClientSchema,
  haloContractSchema,
  haloSiteSchema,
  haloUserSchema,
  type HaloClientRecord,
  type HaloContractRecord,
  type HaloRecordType,
  type HaloSiteRecord,
  type HaloUserRecord,
} from "./records";
import { HaloTokenProvider } from "./token";

export interface HaloClientOptions {
  onEvent?: HttpEventHandler;
  retry?: Partial<RetryPolicy>;
  /** Share a limiter explicitly; by default one per resource server for the whole process. */
  limiter?: RateLimiter;
  clock?: Clock;
}

export interface HaloListOptions extends ListingOptions {
  /** Halo lists leave inactive records out unless asked. */
  includeInactive?: boolean;
  search?: string;
}

export interface HaloSiteListOptions extends HaloListOptions {
  clientId?: number;
}
export interface HaloUserListOptions extends HaloListOptions {
  clientId?: number;
  siteId?: number;
}
export interface HaloContractListOptions extends HaloListOptions {
  clientId?: number;
  siteId?: number;
}

type QueryValue = string | number | boolean | undefined;

interface Endpoint {
  path: string;
  key: string;
  type: HaloRecordType;
  /** Plural for messages. */
  plural: string;
}

const endpoints = {
  client: { path: "Client", key: "clients", type: "client", plural: "clients" },
  site: { path: "Site", key: "sites", type: "site", plural: "sites" },
  user: { path: "Users", key: "users", type: "user", plural: "users" },
  contract: { path: "ClientContract", key: "contracts", type: "contract", plural: "contracts" },
} as const satisfies Record<HaloRecordType, Endpoint>;

const recordCountSchema = z.union([z.number(), z.string()]).nullish();

/**
 * HaloPSA API client: token handling, paced and retried requests, paged sweeps of Client, Site,
 * Users and ClientContract as typed records.
 */
export class HaloClient {
  readonly config: HaloConfig;
  readonly http: HttpClient;
  private readonly tokens: HaloTokenProvider;
  /** Page reads of every sweep of this client share PAGES_IN_FLIGHT requests at a time. */
  private readonly pageReads = pLimit(PAGES_IN_FLIGHT);

  constructor(config: HaloConfigInput, options: HaloClientOptions = {}) {
    const parsed = haloConfigSchema.safeParse(config);
    if (!parsed.success) {
      throw new SyncError({
        code: "invalid_config",
        service: "halo",
        userMessage: `The Halo settings are incomplete: ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}.`,
        detail: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.code}`).join("; "),
      });
    }
    this.config = parsed.data;
    const clock = options.clock ?? systemClock;
    const limiter =
      options.limiter ?? sharedLimiter(`halo:${new URL(this.config.resourceUrl).origin}`, "rolling", this.config.rateLimit);
    this.http = new HttpClient({
      service: "halo",
      limiter,
      timeoutMs: this.config.timeoutMs,
      retry: options.retry,
      onEvent: options.onEvent,
      clock,
      secrets: () => [this.config.clientSecret],
    });
    this.tokens = new HaloTokenProvider(this.http, this.config, clock);
  }

  /** Gets (or reuses) an access token; throws the precise token error (bad credentials, tenant, URL). */
  getAccessToken(signal?: AbortSignal): Promise<string> {
    return this.tokens.get(signal);
  }

  /**
   * Asks the token endpoint with GET, which Halo refuses (405/400) when the endpoint exists and
   * a wrong address answers 404. Lets the connection test tell "no authorisation server here"
   * from "the tenant made the token call fail". Returns the status, or undefined if unreachable.
   */
  async probeTokenEndpoint(signal?: AbortSignal): Promise<number | undefined> {
    try {
      const response = await this.http.send({
        method: "GET",
        url: buildUrl(this.config.authUrl, "token"),
        signal,
        operation: "check the authorisation server",
        passStatuses: [400, 401, 403, 404, 405, 415],
      });
      return response.status;
    } catch {
      return undefined;
    }
  }

  /** A GET against the resource server; refreshes the token once and retries on a 401. */
  async get(path: string, query: Record<string, QueryValue>, operation: string, signal?: AbortSignal): Promise<HttpResponse> {
    const url = buildUrl(this.config.resourceUrl, path, query);
    const send = async (token: string) =>
      this.http.send({
        method: "GET",
        url,
        headers: { authorization: `Bearer ${token}` },
        signal,
        operation,
        passStatuses: [401],
      });
    let token = await this.tokens.get(signal);
    let response = await send(token);
    if (response.status === 401) {
      // Tokens expire early (revoked, server restarted): one fresh token, one more try.
      this.tokens.invalidate(token);
      token = await this.tokens.get(signal);
      response = await send(token);
      if (response.status === 401) {
        throw new SyncError({
          code: "unauthorized",
          service: "halo",
          status: 401,
          userMessage: `Halo refused a fresh access token (${operation}). Check the client ID, secret and tenant, and that the API application is enabled.`,
          detail: `GET ${url.pathname}: 401 twice; body: ${this.http.excerpt(response.text)}`,
        });
      }
    }
    return response;
  }

  private listing<T>(
    endpoint: Endpoint,
    schema: z.ZodType<T>,
    filters: Record<string, QueryValue>,
    options: HaloListOptions,
  ): HaloListing<T> {
    const fetchPage = async (pageNo: number, pageSize: number): Promise<PageResult> => {
      const response = await this.pageReads(() => this.get(
        endpoint.path,
        {
          pageinate: true,
          page_size: pageSize,
          page_no: pageNo,
          includeinactive: options.includeInactive ? true : undefined,
          search: options.search,
          ...filters,
        },
        `list ${endpoint.plural} (page ${pageNo})`,
        options.signal,
      ));
      return readPage(endpoint, response);
    };
    return new HaloListing(endpoint.type, schema, fetchPage, options);
  }

  listClients(options: HaloListOptions = {}): HaloListing<HaloClientRecord> {
    // includenotes: notes are in the list schema, but a list may leave them out unless asked [guess].
    return this.listing(endpoints.client, haloClientSchema, { includenotes: true }, options);
  }

  listSites(options: HaloSiteListOptions = {}): HaloListing<HaloSiteRecord> {
    // includeaddress puts the delivery address lines in the list, saving a request per site;
    // includenotes, the notes (which the import maps).
    return this.listing(endpoints.site, haloSiteSchema, { client_id: options.clientId, includeaddress: true, includenotes: true }, options);
  }

  listUsers(options: HaloUserListOptions = {}): HaloListing<HaloUserRecord> {
    return this.listing(endpoints.user, haloUserSchema, { client_id: options.clientId, site_id: options.siteId, includenotes: true }, options);
  }

  listContracts(options: HaloContractListOptions = {}): HaloListing<HaloContractRecord> {
    return this.listing(endpoints.contract, haloContractSchema, { client_id: options.clientId, site_id: options.siteId }, options);
  }

  /**
   * One page of one type with its record_count: cheap probes for the connection test and for
   * progress estimates ("about 2,400 users to read").
   */
  async peek(type: HaloRecordType, signal?: AbortSignal): Promise<{ recordCount?: number; sample: number }> {
    const endpoint = endpoints[type];
    const response = await this.get(
      endpoint.path,
      { pageinate: true, page_size: 1, page_no: 1, includeinactive: true },
      `read ${endpoint.plural}`,
      signal,
    );
    const page = readPage(endpoint, response);
    return { recordCount: page.recordCount, sample: page.records.length };
  }

  getClient(id: number, signal?: AbortSignal): Promise<HaloClientRecord> {
    return this.getOne(endpoints.client, haloClientSchema, id, signal);
  }
  getSite(id: number, signal?: AbortSignal): Promise<HaloSiteRecord> {
    return this.getOne(endpoints.site, haloSiteSchema, id, signal);
  }
  getUser(id: number, signal?: AbortSignal): Promise<HaloUserRecord> {
    return this.getOne(endpoints.user, haloUserSchema, id, signal);
  }
  getContract(id: number, signal?: AbortSignal): Promise<HaloContractRecord> {
    return this.getOne(endpoints.contract, haloContractSchema, id, signal);
  }

  private async getOne<T>(endpoint: Endpoint, schema: z.ZodType<T>, id: number, signal?: AbortSignal): Promise<T> {
    const response = await this.get(`${endpoint.path}/${id}`, {}, `read ${endpoint.type} ${id}`, signal);
    return parseResponse(schema, response, "halo", `read ${endpoint.type} ${id}`);
  }
}

/** Reads a list wrapper: `{ record_count, <key>: [...] }`; a bare array is tolerated too. */
function readPage(endpoint: Endpoint, response: HttpResponse): PageResult {
  const body = response.json;
  if (Array.isArray(body)) return { records: body };
  if (body && typeof body === "object") {
    const wrapper = body as Record<string, unknown>;
    const records = wrapper[endpoint.key];
    if (Array.isArray(records)) {
      const count = recordCountSchema.safeParse(wrapper.record_count);
      const n = count.success && count.data != null ? Number(count.data) : NaN;
      return { records, recordCount: Number.isFinite(n) && n >= 0 ? n : undefined };
    }
  }
  throw wrapperError(
    endpoint.type,
    endpoint.key,
    `GET ${response.url.pathname}${response.url.search}: ${response.status}; body: ${bodyExcerpt(response.text)}`,
  );
}
