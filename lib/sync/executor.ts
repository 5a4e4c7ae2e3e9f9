import { listOpenImportItems } from "@/db/queries/import-items";
import type { ImportItemRow } from "@/db/schema";
import { toSyncError, type SyncError } from "@/lib/errors";
import type { RateLimitConfig } from "@/lib/http/rate-limiter";
import { executeItem, type ItemContext } from "./execute-item";
import type { ImportPhase } from "./import-progress";
import type { SyncRecordType } from "./types";

/**
 * The executor: a saved plan's open items against Hudu, phase by phase (companies, then sites,
 * then contacts and contracts, which link to their site), so every company key and site link
 * resolves in one pass. Within a phase several requests are in flight at once: the Hudu client's
 * limiter paces them, so the service is kept busy up to its limit instead of waiting on each
 * answer in turn (a serial loop at 200 ms per answer cannot reach 300 a minute).
 */

/**
 * Requests in flight at once: enough that Hudu stays at its limit even when each answer takes
 * this long (a live Hudu answers an asset create in well under a second, sometimes more), so the
 * limiter, not the answer time, sets the pace. 300 a minute → 10 in flight.
 */
const ANSWER_TIME_COVERED_MS = 2_000;
const MIN_CONCURRENCY = 6;
/** More would only wait in the limiter's queue, and be more creates to reconcile after a crash. */
const MAX_CONCURRENCY = 64;

export function importConcurrency(limit: Pick<RateLimitConfig, "limit" | "windowMs">): number {
  const needed = Math.ceil((limit.limit / limit.windowMs) * ANSWER_TIME_COVERED_MS);
  return Math.min(MAX_CONCURRENCY, Math.max(MIN_CONCURRENCY, needed));
}

export const EXECUTION_PHASES: ReadonlyArray<{ phase: Exclude<ImportPhase, "starting" | "reading" | "planning" | "finished">; types: SyncRecordType[]; noun: string }> = [
  { phase: "company", types: ["company"], noun: "companies" },
  { phase: "site", types: ["site"], noun: "sites" },
  { phase: "contact-contract", types: ["contact", "contract"], noun: "contacts and contracts" },
];

/**
 * Runs every open item of the run. Returns when all are done or the run was asked to stop
 * (ctx.signal); throws the first problem that stops the run (Hudu unreachable, key refused), after
 * the requests in flight have settled and been recorded.
 */
export async function executeImportItems({
  ctx,
  concurrency = importConcurrency(ctx.hudu.http.limiter.config),
  onPhase,
}: {
  ctx: ItemContext;
  /** Default: importConcurrency of the Hudu client's limit. */
  concurrency?: number;
  onPhase?: (progress: { phase: ImportPhase; noun: string; done: number; total: number }) => void;
}): Promise<void> {
  const open = listOpenImportItems({ db: ctx.db, runId: ctx.runId });
  for (const { phase, types, noun } of EXECUTION_PHASES) {
    const rows = open.filter((row) => types.includes(row.type));
    if (rows.length === 0) continue;
    let done = 0;
    let stop: SyncError | undefined;
    onPhase?.({ phase, noun, done, total: rows.length });
    await runPool(rows, concurrency, () => stop !== undefined || ctx.signal.aborted, async (row) => {
      try {
        await executeItem(ctx, row);
      } catch (error) {
        stop ??= toSyncError(error, "hudu");
      }
      done++;
      onPhase?.({ phase, noun, done, total: rows.length });
    });
    if (ctx.signal.aborted) return;
    if (stop) throw stop;
  }
}

/** `concurrency` workers taking rows in order until none is left or `stopped()` says so. */
async function runPool(rows: ImportItemRow[], concurrency: number, stopped: () => boolean, work: (row: ImportItemRow) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (!stopped() && next < rows.length) await work(rows[next++]);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, rows.length)) }, worker));
}
