/**
 * Typed errors for everything that talks to Halo or Hudu.
 *
 * `userMessage` is shown on a page: plain words saying what failed and what to check. It never
 * carries a secret, a token, a stack trace or a raw response body.
 * `detail` is for the server log only (status, URL path, a trimmed response excerpt). Even there
 * secrets are scrubbed by the code that builds it (see `redactSecrets`).
 */

export type ServiceName = "halo" | "hudu";

export const errorCodes = [
  "halo_bad_credentials",
  "halo_unknown_tenant",
  "halo_auth_not_found",
  "hudu_bad_key",
  "unauthorized",
  "unreachable",
  "timeout",
  "aborted",
  "forbidden",
  "not_found",
  "rate_limited",
  "validation",
  "bad_request",
  "server_error",
  "bad_response",
  "invalid_config",
] as const;

export type ErrorCode = (typeof errorCodes)[number];

/** Codes a caller may reasonably retry later (the next run, or after a wait). */
const transientCodes: ReadonlySet<ErrorCode> = new Set([
  "unreachable",
  "timeout",
  "rate_limited",
  "server_error",
]);

export interface SyncErrorInit {
  code: ErrorCode;
  userMessage: string;
  detail?: string;
  status?: number;
  service?: ServiceName;
  /** Hudu's 422 `details` array, or other structured reasons worth showing next to a record. */
  details?: string[];
  /** rate_limited: the epoch time the service will most likely take requests again. */
  retryAt?: number;
  cause?: unknown;
}

export class SyncError extends Error {
  readonly code: ErrorCode;
  readonly userMessage: string;
  readonly detail: string;
  readonly status?: number;
  readonly service?: ServiceName;
  readonly details: string[];
  readonly retryAt?: number;

  constructor(init: SyncErrorInit) {
    // Error.message is what generic loggers print; keep it the safe user-facing text.
    super(init.userMessage, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = "SyncError";
    this.code = init.code;
    this.userMessage = init.userMessage;
    // A last line of defence: whoever built the detail should have redacted it already.
    this.detail = redactSecrets(init.detail ?? "");
    this.status = init.status;
    this.service = init.service;
    this.details = init.details ?? [];
    this.retryAt = init.retryAt;
  }

  get transient(): boolean {
    return transientCodes.has(this.code);
  }

  /** Safe to serialise to a browser. */
  toJSON(): { code: ErrorCode; message: string; service?: ServiceName; status?: number; details: string[] } {
    return {
      code: this.code,
      message: this.userMessage,
      service: this.service,
      status: this.status,
      details: this.details,
    };
  }
}

export function isSyncError(error: unknown): error is SyncError {
  return error instanceof SyncError;
}

export function serviceLabel(service: ServiceName | undefined): string {
  return service === "halo" ? "Halo" : service === "hudu" ? "Hudu" : "The server";
}

/**
 * Turns anything thrown into something a page may show. Unknown errors get a generic message;
 * their text goes to `detail` only, because it may hold a stack or a secret.
 */
export function toSyncError(error: unknown, service?: ServiceName): SyncError {
  if (error instanceof SyncError) return error;
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new SyncError({
    code: "server_error",
    service,
    userMessage: `Something unexpected went wrong while talking to ${serviceLabel(service)}. The details are in the server log.`,
    detail: text,
    cause: error,
  });
}

/**
 * One line (or a stack) for the server log about anything thrown: a SyncError's detail, another
 * error's stack; secrets redacted either way. Log this, never the error object itself (its
 * `cause` chain may hold a response).
 */
export function errorForLog(error: unknown): string {
  if (error instanceof SyncError) return `${error.code}: ${error.detail || error.userMessage}`;
  if (error instanceof Error) return redactSecrets(error.stack ?? `${error.name}: ${error.message}`);
  return redactSecrets(String(error));
}

/** At most this much of a response body goes into an error detail or a log line. */
export const BODY_EXCERPT_CHARS = 300;

/**
 * The only form in which a response body (or a record from one) may reach an error detail or a
 * log: whitespace flattened, cut to BODY_EXCERPT_CHARS, secrets redacted.
 */
export function bodyExcerpt(text: string, knownSecrets: ReadonlyArray<string | undefined> = []): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return redactSecrets(flat.length > BODY_EXCERPT_CHARS ? `${flat.slice(0, BODY_EXCERPT_CHARS)}…` : flat, knownSecrets);
}

/**
 * Removes values that look like secrets from a string bound for a log: bearer tokens, API key
 * headers, client_secret form fields, and any literal secrets the caller knows about.
 */
export function redactSecrets(text: string, knownSecrets: ReadonlyArray<string | undefined> = []): string {
  let out = text
    .replace(/(bearer\s+)[A-Za-z0-9._~+/=-]+/gi, "$1[redacted]")
    .replace(/("?(?:access_token|refresh_token|id_token|client_secret|api_key|x-api-key)"?\s*[:=]\s*"?)[^"&\s,}]+/gi, "$1[redacted]");
  for (const secret of knownSecrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join("[redacted]");
  }
  return out;
}
