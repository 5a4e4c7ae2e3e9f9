import { randomBytes } from "node:crypto";
import type { RateLimitConfig, SimControl } from "../control";
import { deepCopy, getQuery, jsonResponse, queryFlag, queryInt, type SimRequest, type SimResponse } from "../core/http";
import { createRollingLimiter, scaleRateLimit } from "../core/rate-limit";
import { startSimServer } from "../core/sim-server";
import { generateMsp } from "../data/generate";
import type { HaloClient, HaloContract, HaloData, HaloSite, HaloUser } from "../data/types";
import { haloStringify } from "./json";
import {
  HALO_TYPES,
  clientListShape,
  contractListShape,
  detailShape,
  siteListShape,
  userListShape,
  type HaloTypeKey,
  type HaloTypeName,
} from "./records";

export type { HaloData } from "../data/types";

export type WrongTenantStyle = "400-invalid-request" | "401-invalid-client" | "404";

export interface HaloSimOptions {
  /** Default 0 (ephemeral). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default: generateMsp({ seed: 1, size: "tiny" }).halo. */
  data?: HaloData;
  clientId?: string;
  clientSecret?: string;
  /** Default "demo". */
  tenant?: string;
  /** Default true (hosted Halo). When false a missing tenant is fine; a wrong one is still refused. */
  tenantRequired?: boolean;
  /** Default 3600. */
  tokenLifetimeSeconds?: number;
  /** Default 100: at most this many records per page whatever page_size asks. */
  pageCap?: number;
  /** Default true: lists leave inactive records out unless includeinactive=true. [guess] */
  inactiveHiddenByDefault?: boolean;
  /** Default { limit: 300, windowMs: 300_000 }, a rolling window. The token endpoint counts too. */
  rateLimit?: RateLimitConfig | false;
  /** Scale factor s: the limit stays, the window becomes windowMs / s (s = 60: 300 per 5 s). */
  rateLimitScale?: number;
  /** How a wrong (or required but missing) tenant is refused. Default "400-invalid-request". [guess] */
  wrongTenantStyle?: WrongTenantStyle;
  /** false → 403 on that endpoint (list and by-id). */
  permissions?: Partial<Record<HaloTypeName, boolean>>;
  /** Default true: the Client list carries `website` (newer Halo); false: only /Client/{id} has it. [guess] */
  clientListWebsite?: boolean;
  /** Body of a 429: "text" (text/plain message, default) or "json" ({"message": …}). [guess] */
  rateLimitBody?: "text" | "json";
  /** page_size when pageinate=true comes without one. Default 50. [guess] */
  defaultPageSize?: number;
  /**
   * Fault: record_count says this many more records of a type than the list serves, so a sweep
   * ends (on an empty page) before reaching it, as when records vanish mid-sweep. Default none.
   */
  recordCountExtra?: RecordCountExtra;
}

export type RecordCountExtra = Partial<Record<HaloTypeName, number>>;

export interface HaloSim {
  url: string;
  authUrl: string;
  resourceUrl: string;
  tenant: string;
  clientId: string;
  clientSecret: string;
  control: SimControl;
  /**
   * Changes what Halo holds from now on (a renamed site, a user made inactive, a removed
   * contract), as an admin would in Halo between two imports. resetData still restores the start.
   */
  editData(change: (data: HaloData) => void): void;
  /** Changes the recordCountExtra fault while running (resetData restores the option's value). */
  setRecordCountExtra(extra: RecordCountExtra): void;
  close(): Promise<void>;
}

export const HALO_DEFAULT_CLIENT_ID = "3f6b1c2e-8a4d-4e7b-9c21-5d0a7e6f4b13";
export const HALO_DEFAULT_CLIENT_SECRET = "a7e2c9d4-1b3f-4c8e-9d6a-2f5b7c1e0a94-6c3d8e1f-2a4b-4d7c-8e9f-1b2c3d4e5f60";
export const HALO_DEFAULT_TENANT = "demo";

export function rateLimitMessage(rl: RateLimitConfig): string {
  const { limit, windowMs } = rl;
  const span =
    windowMs % 60_000 === 0 ? `${windowMs / 60_000} minute` : `${windowMs / 1000} second`;
  return `Rate Limit Reached - ${limit} Requests per rolling ${span} window`;
}

function halo(status: number, value: unknown, headers: Record<string, string> = {}): SimResponse {
  return { status, headers: { "content-type": "application/json; charset=utf-8", ...headers }, body: haloStringify(value) };
}

export async function startHaloSim(opts: HaloSimOptions = {}): Promise<HaloSim> {
  const initial = deepCopy(opts.data ?? generateMsp({ seed: 1, size: "tiny" }).halo);
  let data = deepCopy(initial);
  const clientId = opts.clientId ?? HALO_DEFAULT_CLIENT_ID;
  const clientSecret = opts.clientSecret ?? HALO_DEFAULT_CLIENT_SECRET;
  const tenant = opts.tenant ?? HALO_DEFAULT_TENANT;
  const tenantRequired = opts.tenantRequired ?? true;
  const lifetime = opts.tokenLifetimeSeconds ?? 3600;
  const pageCap = opts.pageCap ?? 100;
  const hideInactive = opts.inactiveHiddenByDefault ?? true;
  const wrongTenantStyle = opts.wrongTenantStyle ?? "400-invalid-request";
  const permissions = opts.permissions ?? {};
  const clientListWebsite = opts.clientListWebsite ?? true;
  const defaultPageSize = opts.defaultPageSize ?? 50;
  let recordCountExtra: RecordCountExtra = { ...opts.recordCountExtra };
  const limiter = createRollingLimiter(scaleRateLimit(opts.rateLimit ?? { limit: 300, windowMs: 300_000 }, opts.rateLimitScale));
  const tokens = new Map<string, { expiresAt: number; scope: string }>();

  const tenantRefusal = (): SimResponse => {
    switch (wrongTenantStyle) {
      case "401-invalid-client":
        return halo(401, { error: "invalid_client" });
      case "404":
        return { status: 404, headers: { "content-type": "text/html; charset=utf-8" }, body: "<html><body><h1>404 - Not Found</h1></body></html>" };
      default:
        return halo(400, { error: "invalid_request", error_description: "Tenant not found" });
    }
  };

  const token = (req: SimRequest): SimResponse => {
    if (req.method !== "POST") return halo(405, { error: "method_not_allowed" });
    const type = String(req.headers["content-type"] ?? "").toLowerCase();
    if (!type.includes("application/x-www-form-urlencoded")) {
      return halo(400, { error: "invalid_request", error_description: "Content-Type must be application/x-www-form-urlencoded" });
    }
    const form = new URLSearchParams(req.body.toString("utf8"));
    const givenTenant = getQuery(req.url, "tenant") ?? form.get("tenant") ?? undefined;
    if (givenTenant !== undefined && givenTenant !== "" ? givenTenant !== tenant : tenantRequired) return tenantRefusal();
    if (form.get("grant_type") !== "client_credentials") return halo(400, { error: "unsupported_grant_type" });
    if (form.get("client_id") !== clientId || form.get("client_secret") !== clientSecret) return halo(401, { error: "invalid_client" });
    const scope = form.get("scope")?.trim() || "all";
    const accessToken = randomBytes(32).toString("base64url");
    tokens.set(accessToken, { expiresAt: Date.now() + lifetime * 1000, scope });
    return halo(200, { scope, token_type: "Bearer", access_token: accessToken, expires_in: lifetime });
  };

  const authorised = (req: SimRequest): boolean => {
    const header = String(req.headers.authorization ?? "");
    const m = header.match(/^Bearer\s+(\S+)$/i);
    const entry = m ? tokens.get(m[1]) : undefined;
    if (!entry) return false;
    if (entry.expiresAt <= Date.now()) {
      tokens.delete(m![1]);
      return false;
    }
    return true;
  };

  // Sorting 60,000 users by name on every page is slow, and Halo data never changes while the
  // simulator runs (it is read-only), so each (type, order) ranking is computed once.
  const collator = new Intl.Collator("en", { sensitivity: "base" });
  let sortCache = new Map<string, Array<{ id: number }>>();
  let filterCache = new Map<string, Array<{ id: number }>>();
  const clearCaches = () => {
    sortCache = new Map();
    filterCache = new Map();
  };
  const sorted = (key: HaloTypeKey, order: string, desc: boolean): Array<{ id: number }> => {
    const cacheKey = `${key}:${order}:${desc}`;
    let rows = sortCache.get(cacheKey);
    if (rows) return rows;
    // Decorate once so the comparator does not rebuild strings 1M times.
    const decorated = rowsOf(key).map((r) => {
      const v = (r as unknown as Record<string, unknown>)[order];
      return { r, num: typeof v === "number" ? v : undefined, str: typeof v === "number" ? "" : String(v ?? "") };
    });
    decorated.sort((a, b) => {
      const c = a.num !== undefined && b.num !== undefined ? a.num - b.num : collator.compare(a.str, b.str);
      return c || a.r.id - b.r.id;
    });
    rows = decorated.map((d) => d.r);
    if (desc) rows.reverse();
    sortCache.set(cacheKey, rows);
    return rows;
  };
  const rowsOf = (key: HaloTypeKey): Array<{ id: number }> =>
    key === "client" ? data.clients : key === "site" ? data.sites : key === "users" ? data.users : data.contracts;

  const list = (key: HaloTypeKey, url: URL): SimResponse => {
    const includeInactive = queryFlag(url, "includeinactive") ?? !hideInactive;
    const includeActive = queryFlag(url, "includeactive") ?? true;
    const search = getQuery(url, "search")?.trim().toLowerCase();
    const clientFilter = queryInt(url, "client_id");
    const siteFilter = queryInt(url, "site_id");
    const toplevelFilter = queryInt(url, "toplevel_id");
    const isInactive = (r: { inactive?: boolean; active?: boolean }) => (key === "clientcontract" ? r.active === false : r.inactive === true);

    const order = getQuery(url, "order") ?? HALO_TYPES[key].defaultOrder;
    const desc = queryFlag(url, "orderdesc") ?? false;
    // Filtering 60,000 users on each of a sweep's 600 pages costs the simulator seconds of CPU
    // that would show up as Halo's answer time, so a filtered ranking is kept as long as the sort.
    const filterKey = `${key}:${order}:${desc}:${includeInactive}:${includeActive}:${search ?? ""}:${clientFilter ?? ""}:${siteFilter ?? ""}:${toplevelFilter ?? ""}`;
    type Row = HaloClient | HaloSite | HaloUser | HaloContract;
    const matches = (r: Row) => {
      const inactive = isInactive(r as never);
      if (inactive && !includeInactive) return false;
      if (!inactive && !includeActive) return false;
      if (clientFilter !== undefined && key !== "client" && (r as { client_id: number }).client_id !== clientFilter) return false;
      if (siteFilter !== undefined && (key === "users" || key === "clientcontract") && (r as { site_id: number }).site_id !== siteFilter) return false;
      if (siteFilter !== undefined && key === "site" && r.id !== siteFilter) return false;
      if (toplevelFilter !== undefined && key === "client" && (r as HaloClient).toplevel_id !== toplevelFilter) return false;
      if (search) {
        const hay = key === "clientcontract" ? `${(r as HaloContract).ref} ${(r as HaloContract).client_name}` : `${(r as { name: string }).name} ${(r as HaloUser).emailaddress ?? ""}`;
        if (!hay.toLowerCase().includes(search)) return false;
      }
      return true;
    };
    let rows = filterCache.get(filterKey) as Row[] | undefined;
    if (!rows) {
      rows = (sorted(key, order, desc) as Row[]).filter(matches);
      filterCache.set(filterKey, rows);
    }

    const recordCount = rows.length + (recordCountExtra[HALO_TYPES[key].name] ?? 0);
    const paginate = queryFlag(url, "pageinate") ?? false;
    let pageNo: number;
    let pageSize: number | null;
    if (paginate) {
      const asked = queryInt(url, "page_size") ?? defaultPageSize;
      pageSize = asked;
      pageNo = Math.max(1, queryInt(url, "page_no") ?? 1);
      // The cap applies before the offset: asking 1000 a page reads 100-record pages.
      const effective = Math.max(1, Math.min(asked > 0 ? asked : defaultPageSize, pageCap));
      rows = rows.slice((pageNo - 1) * effective, pageNo * effective);
    } else {
      pageNo = 1;
      pageSize = null;
      const count = queryInt(url, "count");
      if (count !== undefined && count >= 0) rows = rows.slice(0, count);
    }

    const shapeOptions = {
      includeAddress: queryFlag(url, "includeaddress") ?? false,
      includeNotes: queryFlag(url, "includenotes") ?? false,
      clientListWebsite,
    };
    const shaped = rows.map((r) => {
      if (key === "client") return clientListShape(r as HaloClient, shapeOptions);
      if (key === "site") return siteListShape(r as HaloSite, shapeOptions);
      if (key === "users") return userListShape(r as HaloUser, shapeOptions);
      return contractListShape(r as HaloContract);
    });
    return halo(200, { page_no: pageNo, page_size: pageSize, record_count: recordCount, [HALO_TYPES[key].listKey]: shaped });
  };

  const byId = (key: HaloTypeKey, id: number): SimResponse => {
    const record = rowsOf(key).find((r) => r.id === id);
    if (!record) return halo(404, { message: `${HALO_TYPES[key].name} ${id} not found` });
    return halo(200, detailShape(key, record));
  };

  const handle = (req: SimRequest): SimResponse => {
    const path = req.pathname;
    if (path.includes("//")) return halo(404, { message: "Not found" });
    const segments = path.toLowerCase().replace(/\/$/, "").split("/").slice(1);
    if (segments[0] === "auth" && segments[1] === "token" && segments.length === 2) return token(req);
    if (segments[0] !== "api") return halo(404, { message: "Not found" });
    if (!authorised(req)) return { status: 401, headers: { "www-authenticate": 'Bearer error="invalid_token"' }, body: "" };
    const key = segments[1] as HaloTypeKey;
    if (!(key in HALO_TYPES) || segments.length > 3) return halo(404, { message: "Not found" });
    if (req.method !== "GET") return halo(405, { message: "This simulator is read-only" });
    if (permissions[HALO_TYPES[key].name] === false) {
      return halo(403, { message: `You do not have permission to access ${HALO_TYPES[key].name}` });
    }
    if (segments.length === 3) {
      if (!/^\d+$/.test(segments[2])) return halo(404, { message: "Not found" });
      return byId(key, Number(segments[2]));
    }
    return list(key, req.url);
  };

  /**
   * `POST /__sim/edit-record {type, id, set}`: changes one record's fields (a rename in Halo),
   * for tests in another process (the browser tests); `{type, add}` appends a new record.
   */
  const editRecord = (input: Record<string, unknown>): SimResponse => {
    const type = input.type as keyof HaloData;
    if (!(["clients", "sites", "users", "contracts"] as const).includes(type)) return jsonResponse(400, { error: "type must be clients, sites, users or contracts" });
    const records = data[type] as Array<{ id: number }>;
    if (input.add && typeof input.add === "object") {
      const record = input.add as { id: number };
      if (typeof record.id !== "number" || records.some((r) => r.id === record.id)) return jsonResponse(400, { error: "add needs a new numeric id" });
      records.push(deepCopy(record));
    } else {
      const record = records.find((r) => r.id === input.id);
      if (!record) return jsonResponse(404, { error: `no ${type} record ${String(input.id)}` });
      if (!input.set || typeof input.set !== "object") return jsonResponse(400, { error: "set (an object of fields) is required" });
      Object.assign(record, input.set);
    }
    clearCaches();
    return jsonResponse(200, { ok: true });
  };

  const server = await startSimServer({
    host: opts.host ?? "127.0.0.1",
    port: opts.port ?? 0,
    limiter,
    rateLimited: (_retryAfterMs, config) => {
      const message = rateLimitMessage(config);
      return opts.rateLimitBody === "json"
        ? halo(429, { message })
        : { status: 429, headers: { "content-type": "text/plain; charset=utf-8" }, body: message };
    },
    handle,
    state: () => deepCopy(data),
    resetData: () => {
      data = deepCopy(initial);
      clearCaches();
      tokens.clear();
      recordCountExtra = { ...opts.recordCountExtra };
    },
    expireAllTokens: () => {
      for (const entry of tokens.values()) entry.expiresAt = 0;
    },
    control: (route, input) => (route === "POST /__sim/edit-record" ? editRecord(input) : undefined),
  });

  return {
    url: server.url,
    authUrl: `${server.url}/auth`,
    resourceUrl: `${server.url}/api`,
    tenant,
    clientId,
    clientSecret,
    control: server.control,
    editData: (change) => {
      change(data);
      clearCaches();
    },
    setRecordCountExtra: (extra) => {
      recordCountExtra = { ...extra };
    },
    close: server.close,
  };
}
