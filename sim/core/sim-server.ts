import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type {
  DelayNextOptions,
  DropNextOptions,
  FailNextOptions,
  FaultMatch,
  RateLimitConfig,
  RequestLogEntry,
  SimControl,
} from "../control";
import { jsonResponse, routeKey, textResponse, type SimRequest, type SimResponse } from "./http";
import type { RateLimiter } from "./rate-limit";

/** What a simulator plugs into the shared server kit. */
export interface SimServerSpec {
  host: string;
  port: number;
  limiter: RateLimiter;
  /** The answer to a request refused by the rate limiter. */
  rateLimited(retryAfterMs: number, config: RateLimitConfig): SimResponse;
  handle(req: SimRequest): SimResponse | Promise<SimResponse>;
  state(): unknown;
  resetData(): void;
  expireAllTokens(): void;
  /**
   * Control routes of this simulator only (e.g. Halo's record edits), tried before the shared
   * ones; undefined when the route is not its own.
   */
  control?(route: string, input: Record<string, unknown>): SimResponse | undefined;
}

export interface RunningSimServer {
  url: string;
  control: SimControl;
  close(): Promise<void>;
}

interface PendingFault {
  /**
   * fail: answer the status without handling; fail-applied: handle, then answer the status;
   * drop: destroy the socket unhandled; drop-answer: handle, then destroy the socket;
   * delay: handle, then hold the answer back delayMs.
   */
  kind: NonNullable<RequestLogEntry["fault"]>;
  remaining: number;
  method?: string;
  path?: RegExp;
  bodyIncludes?: string;
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  delayMs?: number;
}

const MAX_LOG = 50_000;
const MAX_BODY_BYTES = 20 * 1024 * 1024;

/** Turns a FaultMatch path (string pattern or RegExp) into a case-insensitive RegExp. */
export function pathMatcher(path: string | RegExp | undefined): RegExp | undefined {
  if (path === undefined) return undefined;
  if (path instanceof RegExp) return new RegExp(path.source, path.flags.includes("i") ? path.flags : path.flags + "i");
  const pattern = path
    .split(/(:id|\*)/)
    .map((part) => (part === ":id" ? "[^/]+" : part === "*" ? ".*" : part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${pattern}$`, "i");
}

function faultFrom(kind: PendingFault["kind"], count: number | undefined, match: FaultMatch | undefined): PendingFault {
  return {
    kind,
    remaining: Math.max(1, Math.trunc(count ?? 1)),
    method: match?.method?.toUpperCase(),
    path: pathMatcher(match?.path),
    bodyIncludes: match?.bodyIncludes,
    status: 0,
  };
}

function faultResponse(fault: PendingFault): SimResponse {
  const headers = fault.headers ?? {};
  const hasType = Object.keys(headers).some((h) => h.toLowerCase() === "content-type");
  if (fault.body === undefined) return { status: fault.status, headers, body: "" };
  if (typeof fault.body === "string") return hasType ? { status: fault.status, headers, body: fault.body } : textResponse(fault.status, fault.body, headers);
  return hasType ? { status: fault.status, headers, body: JSON.stringify(fault.body) } : jsonResponse(fault.status, fault.body, headers);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error("body too large"));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startSimServer(spec: SimServerSpec): Promise<RunningSimServer> {
  let faults: PendingFault[] = [];
  let latencyMs = 0;
  let counts: Record<string, number> = {};
  let log: RequestLogEntry[] = [];
  let inFlight = 0;
  let mostInFlight = 0;

  const record = (method: string, pathname: string, search: string, status: number, at: number, fault?: PendingFault) => {
    const key = routeKey(method, pathname);
    counts[key] = (counts[key] ?? 0) + 1;
    log.push({ method, path: pathname, search, status, at, ...(fault ? { fault: fault.kind } : {}) });
    if (log.length > MAX_LOG) log = log.slice(log.length - MAX_LOG / 2);
  };

  const takeFault = (method: string, pathname: string, body: Buffer): PendingFault | undefined => {
    const index = faults.findIndex(
      (f) => (!f.method || f.method === method) && (!f.path || f.path.test(pathname)) && (!f.bodyIncludes || body.toString("utf8").includes(f.bodyIncludes)),
    );
    if (index < 0) return undefined;
    const fault = faults[index];
    fault.remaining--;
    if (fault.remaining <= 0) faults.splice(index, 1);
    return fault;
  };

  const control: SimControl = {
    failNext(opts: FailNextOptions) {
      faults.push({ ...faultFrom(opts.applied ? "fail-applied" : "fail", opts.count, opts.match), status: opts.status, body: opts.body, headers: opts.headers });
    },
    delayNext(opts: DelayNextOptions) {
      faults.push({ ...faultFrom("delay", opts.count, opts.match), delayMs: Math.max(0, Number(opts.ms) || 0) });
    },
    dropNext(opts: DropNextOptions) {
      faults.push(faultFrom("drop", opts.count, opts.match));
    },
    dropAnswerNext(opts: DropNextOptions) {
      faults.push(faultFrom("drop-answer", opts.count, opts.match));
    },
    setLatency(ms: number) {
      latencyMs = Math.max(0, Number(ms) || 0);
    },
    expireAllTokens: () => spec.expireAllTokens(),
    setRateLimit(rl) {
      spec.limiter.configure(rl);
    },
    state: () => spec.state(),
    requestCounts: () => ({ ...counts }),
    requests: () => log.map((e) => ({ ...e })),
    mostInFlight: () => mostInFlight,
    resetCounts() {
      counts = {};
      log = [];
      mostInFlight = inFlight;
    },
    clearFaults() {
      faults = [];
      latencyMs = 0;
    },
    resetData() {
      spec.resetData();
      faults = [];
      latencyMs = 0;
      counts = {};
      log = [];
      mostInFlight = inFlight;
      spec.limiter.reset();
    },
  };

  const write = (res: ServerResponse, response: SimResponse) => {
    const body = response.body ?? "";
    res.writeHead(response.status, { ...response.headers, "content-length": String(Buffer.byteLength(body)) });
    res.end(body);
  };

  const server = createServer(async (req, res) => {
    const at = Date.now();
    const method = (req.method ?? "GET").toUpperCase();
    // Keep the raw path: `new URL("//x", base)` would treat "//x" as a host.
    const rawPath = (req.url ?? "/").split("?")[0] || "/";
    const search = (req.url ?? "").includes("?") ? (req.url ?? "").slice((req.url ?? "").indexOf("?")) : "";
    const url = new URL((req.url ?? "/").replace(/^\/+/, "/"), "http://sim.local");
    let body: Buffer;
    try {
      body = await readBody(req);
    } catch {
      if (!res.headersSent) write(res, textResponse(413, "Request body too large"));
      return;
    }

    if (rawPath.toLowerCase().startsWith("/__sim/")) {
      try {
        write(res, handleControl(control, spec, method, rawPath.toLowerCase(), body));
      } catch (err) {
        write(res, jsonResponse(400, { error: String((err as Error).message ?? err) }));
      }
      return;
    }

    inFlight++;
    mostInFlight = Math.max(mostInFlight, inFlight);
    res.on("close", () => inFlight--);
    try {
      if (latencyMs > 0) await sleep(latencyMs);
      const fault = takeFault(method, rawPath, body);
      if (fault?.kind === "drop") {
        record(method, rawPath, search, 0, at, fault);
        req.socket.destroy();
        return;
      }
      let response: SimResponse;
      if (fault && fault.kind === "fail") {
        response = faultResponse(fault);
      } else {
        const decision = spec.limiter.hit(at);
        const config = spec.limiter.config();
        if (!decision.allowed && config) {
          response = spec.rateLimited(decision.retryAfterMs, config);
        } else {
          response = await spec.handle({ method, url, pathname: rawPath, headers: req.headers, body });
        }
      }
      if (fault?.kind === "drop-answer") {
        record(method, rawPath, search, 0, at, fault);
        req.socket.destroy();
        return;
      }
      if (fault?.kind === "fail-applied") response = faultResponse(fault);
      record(method, rawPath, search, response.status, at, fault);
      if (fault?.kind === "delay") {
        await sleep(fault.delayMs ?? 0);
        // The client may have given up and closed the connection meanwhile.
        if (res.destroyed || res.writableEnded) return;
      }
      write(res, response);
    } catch (err) {
      record(method, rawPath, search, 500, at);
      if (!res.headersSent) write(res, jsonResponse(500, { error: "simulator error", detail: String((err as Error)?.message ?? err) }));
    }
  });
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(spec.port, spec.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const hostForUrl = address.family === "IPv6" ? `[${address.address}]` : address.address;

  return {
    url: `http://${hostForUrl}:${address.port}`,
    control,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

interface MatchBody {
  method?: string;
  path?: string;
  /** A regular expression source, for callers that cannot send a RegExp over JSON. */
  pathRegex?: string;
  bodyIncludes?: string;
}

function matchFromJson(match: MatchBody | undefined): FaultMatch | undefined {
  if (!match) return undefined;
  return { method: match.method, path: match.pathRegex ? new RegExp(match.pathRegex, "i") : match.path, bodyIncludes: match.bodyIncludes };
}

/** The HTTP face of SimControl; never rate limited, never authenticated. */
function handleControl(control: SimControl, spec: SimServerSpec, method: string, path: string, body: Buffer): SimResponse {
  const text = body.toString("utf8").trim();
  const input = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
  const ok = () => jsonResponse(200, { ok: true });
  const route = `${method} ${path.replace(/\/+$/, "")}`;
  const own = spec.control?.(route, input);
  if (own) return own;
  switch (route) {
    case "POST /__sim/fail-next": {
      if (typeof input.status !== "number") throw new Error("status (number) is required");
      control.failNext({
        count: input.count as number | undefined,
        status: input.status,
        body: input.body,
        headers: input.headers as Record<string, string> | undefined,
        match: matchFromJson(input.match as MatchBody | undefined),
        applied: input.applied === true,
      });
      return ok();
    }
    case "POST /__sim/delay-next":
      if (typeof input.ms !== "number") throw new Error("ms (number) is required");
      control.delayNext({ ms: input.ms, count: input.count as number | undefined, match: matchFromJson(input.match as MatchBody | undefined) });
      return ok();
    case "POST /__sim/drop-next":
      control.dropNext({ count: input.count as number | undefined, match: matchFromJson(input.match as MatchBody | undefined) });
      return ok();
    case "POST /__sim/drop-answer-next":
      control.dropAnswerNext({ count: input.count as number | undefined, match: matchFromJson(input.match as MatchBody | undefined) });
      return ok();
    case "POST /__sim/latency":
      control.setLatency(Number(input.ms ?? 0));
      return ok();
    case "POST /__sim/expire-tokens":
      control.expireAllTokens();
      return ok();
    case "POST /__sim/rate-limit": {
      if (input.disabled === true || input.rateLimit === false) control.setRateLimit(false);
      else {
        const limit = Number(input.limit);
        const windowMs = Number(input.windowMs);
        if (!(limit > 0) || !(windowMs > 0)) throw new Error("limit and windowMs (positive numbers) or disabled:true required");
        control.setRateLimit({ limit, windowMs });
      }
      return ok();
    }
    case "GET /__sim/state":
      return jsonResponse(200, control.state());
    case "GET /__sim/counts":
      return jsonResponse(200, control.requestCounts());
    case "GET /__sim/most-in-flight":
      return jsonResponse(200, { mostInFlight: control.mostInFlight() });
    case "GET /__sim/requests":
      return jsonResponse(200, control.requests());
    case "POST /__sim/reset-counts":
      control.resetCounts();
      return ok();
    case "POST /__sim/clear-faults":
      control.clearFaults();
      return ok();
    case "POST /__sim/reset":
      control.resetData();
      return ok();
    default:
      return jsonResponse(404, { error: `unknown control route ${route}` });
  }
}
