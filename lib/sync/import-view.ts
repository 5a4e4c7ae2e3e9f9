import { perMinute, type ImportProgress } from "./import-progress";
import type { SyncRecordType } from "./types";

/**
 * An import run as the run page, the history and the CLI show it: plain JSON, safe for client
 * components. Built on the server by lib/sync/import-report.ts.
 */

export const OUTCOMES = ["created", "updated", "unchanged", "archived", "skipped", "failed"] as const;
export type Outcome = (typeof OUTCOMES)[number];

export type ImportTotals = Record<Outcome, number> & {
  /** Items still to do. */
  open: number;
  total: number;
};

export type ImportRunStatus = "running" | "paused" | "succeeded" | "failed" | "cancelled";

export interface ImportRunSummary {
  id: number;
  status: ImportRunStatus;
  /** The user's e-mail, "schedule" or "cli". */
  startedBy: string;
  startedAt: string;
  finishedAt: string | null;
  /** How long it ran (to now while it runs). */
  durationMs: number;
  error: string | null;
  totals: ImportTotals;
}

export interface ImportRunView extends ImportRunSummary {
  /** A pause or cancel asked for and not yet acted upon. */
  request: "pause" | "cancel" | null;
  progress: ImportProgress;
  byType: Record<SyncRecordType, ImportTotals>;
  /** Hudu requests still to send (creates, updates and archives not done yet). */
  remainingRequests: number;
  /** Requests per minute over the last minute. */
  ratePerMinute: { halo: number; hudu: number };
  /** Estimated time left, from the remaining requests and the rate Hudu allows (or achieves, if lower). */
  etaMs: number | null;
}

export interface FailedRecord {
  key: string;
  type: SyncRecordType;
  name: string;
  companyName: string;
  haloId: number;
  haloClientId: number | null;
  huduCompanyId: number | null;
  /** Hudu's message (or ours, in plain words). */
  message: string;
  /** The record in Halo's web app, and its company's page in Hudu, when the addresses are known. */
  haloUrl: string | null;
  huduCompanyUrl: string | null;
}

export function emptyImportTotals(): ImportTotals {
  return { created: 0, updated: 0, unchanged: 0, archived: 0, skipped: 0, failed: 0, open: 0, total: 0 };
}

/**
 * Time left: the remaining Hudu requests at the rate the run achieves over its last minute,
 * never faster than Hudu's limit allows. Before any request was counted, the limit alone.
 */
export function estimateTimeLeft({ remaining, observedPerMinute, limit }: { remaining: number; observedPerMinute: number; limit: { limit: number; windowMs: number } | null }): number | null {
  if (remaining === 0) return 0;
  const allowed = perMinute(limit);
  const rate = observedPerMinute > 0 ? Math.min(observedPerMinute, allowed ?? observedPerMinute) : allowed;
  if (!rate) return null;
  return Math.round((remaining / rate) * 60_000);
}

/** "45 s", "12 min 5 s", "2 h 3 min". */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${seconds % 60} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
