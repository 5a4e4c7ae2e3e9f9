import { bodyExcerpt, redactSecrets, serviceLabel, SyncError, type ErrorCode, type ServiceName } from "@/lib/errors";
import { formatWait, type HttpEventHandler } from "./events";
import { systemClock, type Clock, type RateLimiter } from "./rate-limiter";
import { fetchFollowingSafeRedirects, RedirectRefused, redirectRefusedError } from "./redirects";
import { parseRetryAfter } from "./retry-after";

/**
 * The one request layer both API clients use: pacing, time-outs, retries, error mapping.
 *
 * Retry rules (why): a 5xx, a dropped connection or a time-out is usually the service's
 * hiccup, so idempotent requests are retried with capped exponential backoff and jitter.
 * Other 4xx responses belong to one record (a refused value, a missing id): retrying cannot fix
 * them, so they surface at once. A 429 is not a failure: we wait as the server says, or until
 * its window has rolled, and try again; these waits do not use up attempts.
 * A non-idempotent request (a POST that creates) is retried only when we know the server never
 * processed it (429, connection refused): repeating a create that may have landed is how syncs
 * end up with duplicate assets. For the same reason a non-idempotent request, once sent, is not
 * abandoned when the caller aborts (a pause): the caller's signal stops the waits before it,
 * and the answer (or the time-out) still says whether it landed.
 */

export interface RetryPolicy {
  /** Attempts in all for one request, including the first. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** 429s in a row before giving up (each one waits for the window). */
  maxRateLimitWaits: number;
  /** A 429 asking for a longer wait than this fails instead of stalling a run. */
  maxRateLimitWaitMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 15_000,
  maxRateLimitWaits: 20,
  maxRateLimitWaitMs: 10 * 60_000,
};

export const DEFAULT_TIMEOUT_MS = 30_000;

export interface HttpClientOptions {
  service: ServiceName;
  limiter: RateLimiter;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  onEvent?: HttpEventHandler;
  /** Strings that must never reach a log (client secret, API key, tokens). */
  secrets?: () => ReadonlyArray<string | undefined>;
  clock?: Clock;
  /** Defaults to the global fetch; injectable for unusual runtimes, not for mocking in tests. */
  fetch?: typeof fetch;
  /** Random source for jitter (tests pin it). */
  random?: () => number;
}

export interface HttpRequest {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  url: URL;
  headers?: Record<string, string>;
  /** A JSON value (serialised here) or a form body. */
  json?: unknown;
  form?: URLSearchParams;
  /** Defaults to true for everything but POST. */
  idempotent?: boolean;
  signal?: AbortSignal;
  /** Plain words for messages: "list clients", "create company “Acme”". */
  operation: string;
  /** Statuses returned to the caller instead of thrown (after no retry). */
  passStatuses?: ReadonlyArray<number>;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed JSON when the body is JSON, else undefined. */
  json: unknown;
  url: URL;
}

const RETRYABLE_STATUSES = new Set([408, 500, 502, 503, 504]);

/** Network error codes where the request certainly never reached the server's application. */
const NEVER_SENT_CODES = new Set(["ECONNREFUSED", "UND_ERR_CONNECT_TIMEOUT", "EAI_AGAIN"]);
const DROPPED_CODES = new Set(["ECONNRESET", "EPIPE", "UND_ERR_SOCKET", "UND_ERR_CLOSED", "ECONNABORTED", "ETIMEDOUT"]);
const NO_HOST_CODES = new Set(["ENOTFOUND"]);

export class HttpClient {
  readonly service: ServiceName;
  readonly limiter: RateLimiter;
  readonly timeoutMs: number;
  readonly retry: RetryPolicy;
  private readonly onEvent?: HttpEventHandler;
  private readonly secrets: () => ReadonlyArray<string | undefined>;
  private readonly clock: Clock;
  private readonly fetchImpl: typeof fetch;
  private readonly random: () => number;

  constructor(options: HttpClientOptions) {
    this.service = options.service;
    this.limiter = options.limiter;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.onEvent = options.onEvent;
    this.secrets = options.secrets ?? (() => []);
    this.clock = options.clock ?? systemClock;
    this.fetchImpl = options.fetch ?? fetch;
    this.random = options.random ?? Math.random;
  }

  private get label(): string {
    return serviceLabel(this.service);
  }

  async send(request: HttpRequest): Promise<HttpResponse> {
    const idempotent = request.idempotent ?? request.method !== "POST";
    let attempt = 0;
    let rateLimitWaits = 0;
    for (;;) {
      attempt++;
      // Only an abort by the caller escapes attempt(); everything else is an outcome.
      const outcome = await this.attempt(request, attempt, idempotent);

      if (outcome.kind === "response") {
        const { response } = outcome;
        if (response.status === 429) {
          rateLimitWaits++;
          const { waitMs, resumeAt } = this.rateLimitWait(response);
          // Everyone sharing the limiter holds, even when this request gives up: the server said so.
          this.limiter.blockUntil(this.clock.now() + waitMs, resumeAt);
          if (rateLimitWaits > this.retry.maxRateLimitWaits || waitMs > this.retry.maxRateLimitWaitMs) {
            throw this.rateLimitedError(request, response, waitMs, resumeAt);
          }
          // Not an attempt: the server did no work and told us to come back.
          attempt--;
          continue;
        }
        if (response.status >= 200 && response.status < 300) return response;
        if (request.passStatuses?.includes(response.status)) return response;
        const error = this.statusError(request, response);
        if (RETRYABLE_STATUSES.has(response.status) && idempotent && attempt < this.retry.maxAttempts) {
          await this.backoff(request, attempt, `${this.label} answered ${response.status}`);
          continue;
        }
        throw error;
      }

      const { error, neverSent, retryable } = outcome;
      if (retryable && (idempotent || neverSent) && attempt < this.retry.maxAttempts) {
        await this.backoff(request, attempt, error.code === "timeout" ? `${this.label} did not answer in time` : `the connection to ${this.label} failed`);
        continue;
      }
      throw error;
    }
  }

  private async attempt(request: HttpRequest, attempt: number, idempotent: boolean): Promise<AttemptOutcome> {
    const slot = await this.limiter
      .acquire({
        signal: request.signal,
        onWait: (waitMs, reason) =>
          this.onEvent?.({
            type: "wait",
            service: this.service,
            reason,
            waitMs,
            message:
              reason === "rate_limited"
                ? `Waiting ${formatWait(waitMs)}: ${this.label} asked us to slow down (rate limit).`
                : `Waiting ${formatWait(waitMs)} for ${this.label}'s rate limit.`,
          }),
      })
      .catch((error: unknown) => {
        throw new SyncError({
          code: "aborted",
          service: this.service,
          userMessage: `Stopped while waiting for ${this.label}'s rate limit (${request.operation}).`,
          detail: "aborted while waiting for a rate-limit slot",
          cause: error,
        });
      });

    const timeout = AbortSignal.timeout(this.timeoutMs);
    const abandonable = idempotent && request.signal;
    const signal = abandonable ? AbortSignal.any([request.signal!, timeout]) : timeout;
    const headers: Record<string, string> = { accept: "application/json", ...request.headers };
    let body: string | undefined;
    if (request.json !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(request.json);
    } else if (request.form) {
      headers["content-type"] = "application/x-www-form-urlencoded";
      body = request.form.toString();
    }

    const started = this.clock.now();
    try {
      const { response: res } = await fetchFollowingSafeRedirects(this.fetchImpl, request.url, { method: request.method, headers, body, signal });
      // Reading the body is part of the attempt: a connection dropped mid-body is a dropped connection.
      const text = await res.text();
      slot.settle();
      const response: HttpResponse = { status: res.status, headers: res.headers, text, json: parseJsonLoosely(text), url: request.url };
      this.onEvent?.({
        type: "response",
        service: this.service,
        method: request.method,
        path: request.url.pathname,
        status: res.status,
        durationMs: this.clock.now() - started,
        attempt,
        message: `${request.method} ${request.url.pathname} → ${res.status}`,
      });
      return { kind: "response", response };
    } catch (error) {
      slot.settle();
      if (abandonable && request.signal?.aborted) {
        throw new SyncError({
          code: "aborted",
          service: this.service,
          userMessage: `Stopped before ${this.label} answered (${request.operation}).`,
          detail: `${request.method} ${request.url.pathname} aborted by caller`,
          cause: error,
        });
      }
      if (error instanceof RedirectRefused) {
        return { kind: "network", retryable: false, neverSent: true, error: redirectRefusedError(this.service, request.operation, error) };
      }
      return this.networkOutcome(request, error, timeout.aborted);
    }
  }

  private networkOutcome(request: HttpRequest, error: unknown, timedOut: boolean): AttemptOutcome {
    const where = `${request.method} ${request.url.origin}${request.url.pathname}`;
    if (timedOut) {
      return {
        kind: "network",
        retryable: true,
        neverSent: false,
        error: new SyncError({
          code: "timeout",
          service: this.service,
          userMessage: `${this.label} did not answer within ${formatWait(this.timeoutMs)} (${request.operation}). Check that ${request.url.host} is online and not overloaded, then try again.`,
          detail: `${where}: timed out after ${this.timeoutMs} ms`,
          cause: error,
        }),
      };
    }
    const code = networkErrorCode(error);
    const text = this.redact(describeError(error));
    if (code && NO_HOST_CODES.has(code)) {
      return {
        kind: "network",
        retryable: false,
        neverSent: true,
        error: new SyncError({
          code: "unreachable",
          service: this.service,
          userMessage: `Could not find the server ${request.url.hostname}. Check the ${this.label} URL for typos.`,
          detail: `${where}: ${text}`,
          cause: error,
        }),
      };
    }
    if (code && (code.startsWith("ERR_TLS") || code.includes("CERT") || code === "DEPTH_ZERO_SELF_SIGNED_CERT")) {
      return {
        kind: "network",
        retryable: false,
        neverSent: true,
        error: new SyncError({
          code: "unreachable",
          service: this.service,
          userMessage: `Could not make a secure connection to ${request.url.host}: its certificate was not accepted. Check the ${this.label} URL and the server's certificate.`,
          detail: `${where}: ${text}`,
          cause: error,
        }),
      };
    }
    const neverSent = code !== undefined && NEVER_SENT_CODES.has(code);
    const dropped = code !== undefined && DROPPED_CODES.has(code);
    return {
      kind: "network",
      retryable: true,
      neverSent,
      error: new SyncError({
        code: "unreachable",
        service: this.service,
        userMessage: dropped
          ? `The connection to ${this.label} at ${request.url.host} broke off (${request.operation}). Try again; if it keeps happening, check the network between this server and ${this.label}.`
          : `Could not reach ${this.label} at ${request.url.host} (${request.operation}). Check the URL and that the server is online and reachable from this machine.`,
        detail: `${where}: ${text}`,
        cause: error,
      }),
    };
  }

  /** How long to hold after a 429, and when the server will most likely take requests again. */
  private rateLimitWait(response: HttpResponse): { waitMs: number; resumeAt: number } {
    const now = this.clock.now();
    const header = parseRetryAfter(response.headers.get("retry-after"), now);
    // Some servers say "Retry-After: 0" and mean "soon"; never hammer, wait at least a beat.
    if (header !== undefined) return { waitMs: Math.max(header, 250), resumeAt: now + header };
    return { waitMs: this.limiter.msUntilWindowFrees(), resumeAt: this.limiter.windowResetsAt() };
  }

  /**
   * Waits the policy's backoff before attempt `attempt + 1`. Public for callers that repeat a
   * request themselves after checking it is safe (a create looked up before it is sent again).
   */
  async backoff(request: Pick<HttpRequest, "operation" | "signal">, attempt: number, reason: string): Promise<void> {
    const ceiling = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (attempt - 1));
    // "Equal jitter": at least half the ceiling, so a burst of failures still spreads out.
    const delayMs = Math.round(ceiling / 2 + (this.random() * ceiling) / 2);
    this.onEvent?.({
      type: "retry",
      service: this.service,
      attempt,
      maxAttempts: this.retry.maxAttempts,
      delayMs,
      reason,
      message: `${reason} (${request.operation}); trying again in ${formatWait(delayMs)} (attempt ${attempt + 1} of ${this.retry.maxAttempts}).`,
    });
    try {
      await this.clock.sleep(delayMs, request.signal);
    } catch (error) {
      throw new SyncError({
        code: "aborted",
        service: this.service,
        userMessage: `Stopped while waiting to retry (${request.operation}).`,
        detail: `aborted during backoff`,
        cause: error,
      });
    }
  }

  private redact(text: string): string {
    return redactSecrets(text, this.secrets());
  }

  private rateLimitedError(request: HttpRequest, response: HttpResponse, waitMs: number, retryAt: number): SyncError {
    return new SyncError({
      code: "rate_limited",
      service: this.service,
      status: 429,
      retryAt,
      userMessage: `${this.label} kept refusing requests because of its rate limit (${request.operation}). Wait ${formatWait(waitMs)} and run again, or lower the request rate in Settings.`,
      detail: `${request.method} ${request.url.pathname}: 429 after waiting; next wait would be ${waitMs} ms; body: ${this.excerpt(response.text)}`,
    });
  }

  excerpt(text: string): string {
    return bodyExcerpt(text, this.secrets());
  }

  /** Maps a non-2xx answer onto a typed error with a plain-words message. */
  statusError(request: HttpRequest, response: HttpResponse): SyncError {
    const { status } = response;
    const detail = `${request.method} ${request.url.pathname}${request.url.search}: ${status}; body: ${this.excerpt(response.text)}`;
    const label = this.label;
    const make = (code: ErrorCode, userMessage: string, details?: string[]) =>
      new SyncError({ code, status, service: this.service, userMessage, detail, details });

    if (status === 401) {
      return this.service === "hudu"
        ? make("hudu_bad_key", "Hudu refused the API key. Check it on the Connections page against Hudu (Admin > API Keys): it may be mistyped, revoked, or limited to other IP addresses.")
        : make("unauthorized", `Halo refused our access token (${request.operation}). Check the client ID and secret in Settings.`);
    }
    if (status === 403) {
      return make("forbidden", `${label} refused permission to ${request.operation}. Check the permissions of the ${this.service === "halo" ? "API application (and the agent it logs in as)" : "API key"}.`);
    }
    if (status === 404) {
      return make("not_found", `${label} found nothing at that address (${request.operation}). The record may have been deleted, or the URL may be wrong.`);
    }
    if (status === 422 || status === 400) {
      const { message, details } = describeRefusal(response.json, response.text);
      // Hudu's words from any shape: {"error"}, {"errors": text or field map}, {"details"}.
      const what = [message, details.join("; ")].filter(Boolean).join(": ");
      return make(
        status === 422 ? "validation" : "bad_request",
        `${label} refused to ${request.operation}${what ? `: ${what}` : "."}`,
        details.length > 0 ? details : message ? [message] : [],
      );
    }
    if (status >= 500) {
      return make("server_error", `${label} had an internal error (${status}) while trying to ${request.operation}. This usually passes; try again later.`);
    }
    return make("bad_request", `${label} answered ${status} to ${request.operation}.`);
  }
}

type AttemptOutcome =
  | { kind: "response"; response: HttpResponse }
  | { kind: "network"; error: SyncError; retryable: boolean; neverSent: boolean };

function parseJsonLoosely(text: string): unknown {
  const trimmed = text.trim();
  if (!trimmed.startsWith("{") && !trimmed.startsWith("[") && !trimmed.startsWith('"')) return undefined;
  try {
    return JSON.parse(trimmed);
  } catch {
    return undefined;
  }
}

function networkErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === "object"; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = (current as { cause?: unknown }).cause;
  }
  // undici reports a body cut short as TypeError("terminated") with the socket error as cause;
  // when no code survives, treat it as a dropped connection.
  if (error instanceof Error && /terminated|other side closed|socket hang up/i.test(describeError(error))) return "UND_ERR_SOCKET";
  return undefined;
}

function describeError(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    if (current instanceof Error) {
      const code = (current as { code?: unknown }).code;
      parts.push(`${current.name}: ${current.message}${typeof code === "string" ? ` (${code})` : ""}`);
      current = current.cause;
    } else {
      parts.push(String(current));
      break;
    }
  }
  return parts.join(" <- ");
}

/**
 * Pulls the human part out of a refusal body. Hudu's 422 looks like
 * `{"error": "Invalid custom fields", "details": ["Invalid field names: …"]}`; other shapes seen
 * in Rails apps: `{"errors": {"name": ["has already been taken"]}}`, `{"message": "…"}`, or text.
 */
export function describeRefusal(json: unknown, text: string): { message: string; details: string[] } {
  const details: string[] = [];
  let message = "";
  if (json && typeof json === "object" && !Array.isArray(json)) {
    const body = json as Record<string, unknown>;
    for (const key of ["error", "message", "error_description", "title"]) {
      if (typeof body[key] === "string" && body[key]) {
        message = body[key] as string;
        break;
      }
    }
    const collect = (value: unknown, prefix = "") => {
      if (typeof value === "string") details.push(prefix ? `${prefix} ${value}` : value);
      else if (Array.isArray(value)) value.forEach((v) => collect(v, prefix));
      else if (value && typeof value === "object")
        for (const [k, v] of Object.entries(value)) collect(v, prefix ? `${prefix}.${k}` : k);
    };
    collect(body.details);
    collect(body.errors);
    if (!message && Array.isArray(body.error)) collect(body.error);
  } else if (Array.isArray(json)) {
    json.forEach((v) => typeof v === "string" && details.push(v));
  } else {
    const flat = text.replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").trim();
    if (flat && flat.length <= 300) message = flat;
  }
  return { message: message.trim(), details: details.map((d) => d.trim()).filter(Boolean) };
}
