import { countOpenImportItems, listOpenImportItems } from "@/db/queries/import-items";
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
  for (const { phase, types, noun } of EXECUTION_PHASES) {
    const total = countOpenImportItems({ db: ctx.db, runId: ctx.runId, types });
    if (total === 0) continue;
    let done = 0;
    let stop: SyncError | undefined;
    onPhase?.({ phase, noun, done, total });
    const rows = openRows(ctx, types);
    await runPool(rows, concurrency, () => stop !== undefined || ctx.signal.aborted, async (row) => {
      try {
        await executeItem(ctx, row);
      } catch (error) {
        stop ??= toSyncError(error, "hudu");
      }
      done++;
      onPhase?.({ phase, noun, done, total });
    });
    if (ctx.signal.aborted) return;
    if (stop) throw stop;
  }
}

/** Open items read this many at a time (each carries its plan entry, ~1 KB). */
const ROWS_PER_READ = 500;

/** The open items of these types in plan order, read from the database a page at a time as they are taken. */
function* openRows(ctx: ItemContext, types: SyncRecordType[]): Generator<ImportItemRow> {
  let afterSeq = -1;
  for (;;) {
    const page = listOpenImportItems({ db: ctx.db, runId: ctx.runId, types, afterSeq, limit: ROWS_PER_READ });
    yield* page;
    if (page.length < ROWS_PER_READ) return;
    afterSeq = page[page.length - 1].seq;
  }
}

/** `concurrency` workers taking rows in order until none is left or `stopped()` says so. */
async function runPool(rows: Iterator<ImportItemRow>, concurrency: number, stopped: () => boolean, work: (row: ImportItemRow) => Promise<void>): Promise<void> {
  const worker = async () => {
    while (!stopped()) {
      // Taking the next row is synchronous, so two workers never take the same one.
      const next = rows.next();
      if (next.done) return;
      await work(next.value);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
}
