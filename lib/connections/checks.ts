import { isSyncError, toSyncError, type ServiceName, type SyncError } from "@/lib/errors";

/** One line of a connection test's verdict. Safe to send to a browser. */
export interface ConnectionCheck<Id extends string = string> {
  id: Id;
  ok: boolean;
  /** Not run because an earlier check failed. */
  skipped?: boolean;
  /** Plain words: what happened and what to check. */
  message: string;
  /** Short, browser-safe technical note (error code, HTTP status); never a body or a secret. */
  detail?: string;
}

export interface ConnectionTestResult<Id extends string = string> {
  ok: boolean;
  checks: Array<ConnectionCheck<Id>>;
}

export interface ConnectionTestOptions {
  /** Per-request time-out; a connection test should answer quickly. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Receives the log-only detail of every failure (status, path, body excerpt; secrets redacted). */
  log?: (line: string) => void;
}

export function passed<Id extends string>(id: Id, message: string): ConnectionCheck<Id> {
  return { id, ok: true, message };
}

export function skipped<Id extends string>(id: Id, message: string): ConnectionCheck<Id> {
  return { id, ok: false, skipped: true, message };
}

export function failed<Id extends string>(
  id: Id,
  error: unknown,
  service: ServiceName,
  options: ConnectionTestOptions,
  message?: string,
): ConnectionCheck<Id> {
  const e: SyncError = isSyncError(error) ? error : toSyncError(error, service);
  options.log?.(`[${service} connection test] ${id}: ${e.code}${e.status ? ` ${e.status}` : ""}: ${e.detail}`);
  return {
    id,
    ok: false,
    message: message ?? e.userMessage,
    detail: `${e.code}${e.status ? ` (HTTP ${e.status})` : ""}`,
  };
}

export function summarise<Id extends string>(checks: Array<ConnectionCheck<Id>>): ConnectionTestResult<Id> {
  return { ok: checks.every((c) => c.ok), checks };
}

export function formatCount(n: number): string {
  return n.toLocaleString("en-GB");
}
