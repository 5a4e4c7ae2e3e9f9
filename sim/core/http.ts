import type { IncomingHttpHeaders } from "node:http";

/** A request as the simulators' route handlers see it: already read, path parsed. */
export interface SimRequest {
  method: string;
  url: URL;
  /** The raw pathname (case preserved). */
  pathname: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** What a handler answers; the server kit writes it (and records the status). */
export interface SimResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

export function jsonResponse(status: number, value: unknown, headers: Record<string, string> = {}): SimResponse {
  return {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
    body: JSON.stringify(value),
  };
}

export function textResponse(status: number, text: string, headers: Record<string, string> = {}): SimResponse {
  return { status, headers: { "content-type": "text/plain; charset=utf-8", ...headers }, body: text };
}

export function emptyResponse(status: number, headers: Record<string, string> = {}): SimResponse {
  return { status, headers, body: "" };
}

/** Parses a JSON body; `undefined` for an empty body, a thrown SyntaxError for bad JSON. */
export function parseJsonBody(req: SimRequest): unknown {
  const text = req.body.toString("utf8").trim();
  if (!text) return undefined;
  return JSON.parse(text);
}

/** Query flags arrive as "true"/"1"/"false"…; anything else counts as absent. */
export function queryFlag(url: URL, name: string): boolean | undefined {
  const raw = getQuery(url, name);
  if (raw === undefined) return undefined;
  const v = raw.trim().toLowerCase();
  if (v === "true" || v === "1" || v === "yes") return true;
  if (v === "false" || v === "0" || v === "no") return false;
  return undefined;
}

/** Query parameter lookup that ignores the parameter name's case (Halo does). */
export function getQuery(url: URL, name: string): string | undefined {
  const direct = url.searchParams.get(name);
  if (direct !== null) return direct;
  const lower = name.toLowerCase();
  for (const [k, v] of url.searchParams) if (k.toLowerCase() === lower) return v;
  return undefined;
}

export function queryInt(url: URL, name: string): number | undefined {
  const raw = getQuery(url, name);
  if (raw === undefined || raw.trim() === "") return undefined;
  const n = Number(raw);
  return Number.isFinite(n) ? Math.trunc(n) : undefined;
}

/** "GET /api/client/:id": lowercased path with numeric segments replaced by :id. */
export function routeKey(method: string, pathname: string): string {
  const path = pathname
    .toLowerCase()
    .split("/")
    .map((seg) => (/^-?\d+$/.test(seg) ? ":id" : seg))
    .join("/");
  return `${method.toUpperCase()} ${path}`;
}

export function deepCopy<T>(value: T): T {
  return structuredClone(value);
}
