import { hasImportItems, saveImportItems, type NewImportItem } from "@/db/queries/import-items";
import { connectFromSettings, type ConnectSources } from "@/lib/connections/connect";
import type { HaloClient } from "@/lib/halo";
import type { HttpEvent } from "@/lib/http/events";
import type { HuduClient } from "@/lib/hudu";
import type { JobContext, JobKind } from "@/lib/jobs/types";
import { executeImportItems } from "./executor";
import { countRequest, initialImportProgress, parseImportProgress, type ImportProgress } from "./import-progress";
import { loadPlanInput } from "./load";
import { streamPlan } from "./plan";
import { loadSyncSettings, type SyncSettings } from "./settings";
import { HALO_ID_SOURCE } from "./sources";
import { assetRecordTypes, SKIP_REASON_TEXT, type AssetRecordType, type PlanItem, type PlanWarning } from "./types";
import { describeMatcherOutcome, syncHuduMatchers } from "./matchers";

/**
 * An import as a lib/jobs run: connect, read both sides and plan (exactly as the preview does),
 * save every item of the plan, then execute the open ones. Resumable: a run that was paused, or
 * whose process died, continues with the items it saved, so nothing is planned or created twice.
 */

/** A wait shorter than this is ordinary pacing, not worth telling anyone about. */
const WAIT_WORTH_SHOWING_MS = 1_000;

export function importJob({
  connect = connectFromSettings,
  concurrency,
  onProgress,
}: {
  connect?: ConnectSources;
  /** Requests in flight while writing to Hudu; default: enough for Hudu's limit (importConcurrency). */
  concurrency?: number;
  /** Every progress change as it happens (the CLI prints them). */
  onProgress?: (progress: ImportProgress) => void;
} = {}): JobKind<ImportProgress> {
  return {
    name: "import",
    label: "import",
    resumable: true,
    pausable: true,
    initialProgress: initialImportProgress,
    parseProgress: parseImportProgress,
    run: (ctx) => runImport(ctx, { connect, concurrency, onProgress }),
  };
}

async function runImport(
  ctx: JobContext<ImportProgress>,
  { connect, concurrency, onProgress }: { connect: ConnectSources; concurrency?: number; onProgress?: (progress: ImportProgress) => void },
) {
  const progress = (change: Partial<ImportProgress>, force = false) => {
    ctx.progress(change, { force });
    onProgress?.(ctx.current());
  };
  const onEvent = (event: HttpEvent) => {
    const now = Date.now();
    if (event.type === "response") {
      const current = ctx.current();
      const waitOver = current.wait && Date.parse(current.wait.until) <= now;
      progress({
        requests: { ...current.requests, [event.service]: current.requests[event.service] + 1 },
        buckets: countRequest(current.buckets, event.service, now),
        ...(waitOver ? { wait: null } : {}),
      });
    } else if (event.type === "wait" && event.waitMs >= WAIT_WORTH_SHOWING_MS) {
      progress({ wait: { service: event.service, until: new Date(now + event.waitMs).toISOString(), reason: event.reason } }, true);
    } else if (event.type === "retry") {
      progress({ activity: event.message }, true);
    }
  };

  if (ctx.resumed) progress({ resumedAt: [...ctx.current().resumedAt, new Date().toISOString()], wait: null }, true);
  progress({ activity: "connecting to Halo and Hudu" }, true);
  const settings = loadSyncSettings({ db: ctx.db });
  const { halo, hudu } = await connect({ db: ctx.db, onEvent });
  progress({ limits: { halo: pick(halo.http.limiter.config), hudu: pick(hudu.http.limiter.config) } }, true);

  if (!hasImportItems({ db: ctx.db, runId: ctx.run.id })) await planAndSave(ctx, { halo, hudu, settings, progress });

  await executeImportItems({
    ctx: {
      db: ctx.db,
      runId: ctx.run.id,
      hudu,
      signal: ctx.signal,
      decidedBy: ctx.run.startedBy,
      haloIdLabels: haloIdLabels(settings),
      settled: new Map(),
    },
    concurrency,
    onPhase: ({ phase, noun, done, total }) => progress({ phase, activity: `importing ${noun}: ${done} of ${total} done` }, done === 0 || done === total),
  });
  if (!ctx.signal.aborted && settings.matchers.write) {
    // An extra after the records: Hudu's own integration gets the board's matches too. Its
    // refusals come back in plain words and never fail the run.
    progress({ activity: "updating Hudu's own Halo matchers" }, true);
    const { review, written } = await syncHuduMatchers({ db: ctx.db, hudu, signal: ctx.signal });
    progress({ matchers: describeMatcherOutcome(review, written) }, true);
  }
  if (!ctx.signal.aborted) progress({ phase: "finished", activity: null, wait: null }, true);
  return { status: "succeeded" } as const;
}

/**
 * Reads both sides, plans and saves the plan's items. A function of its own so that the input
 * (~50–90 MB for the large data set) is gone once it returns: a suspended async function may keep
 * its dead locals for as long as it waits, here the whole execution.
 */
async function planAndSave(
  ctx: JobContext<ImportProgress>,
  { halo, hudu, settings, progress }: { halo: HaloClient; hudu: HuduClient; settings: SyncSettings; progress: (change: Partial<ImportProgress>, force?: boolean) => void },
): Promise<void> {
  progress({ phase: "reading", activity: "reading Halo and Hudu" }, true);
  const input = await loadPlanInput({ db: ctx.db, halo, hudu, settings, signal: ctx.signal, onProgress: (p) => progress({ activity: p.message }) });
  progress({ phase: "planning", activity: "working out what to do", wait: null }, true);
  // Item by item, straight into the database: the whole plan of a large data set is over 100 MB.
  const plan = streamPlan(input);
  saveImportItems({ db: ctx.db, runId: ctx.run.id, items: lazyMap(plan.items, toImportItem) });
  progress({ planReadAt: plan.generatedAt, warnings: planWarnings(plan.warnings) }, true);
}

function pick(config: { limit: number; windowMs: number }) {
  return { limit: config.limit, windowMs: config.windowMs };
}

/** Items that need no request (skips; unchanged records already linked) are saved done. */
export function toImportItem(item: PlanItem): NewImportItem {
  const needsWork = item.action === "create" || item.action === "update" || item.action === "archive" || (item.action === "unchanged" && item.relink === true);
  const base = {
    key: item.key,
    type: item.type,
    action: item.action,
    haloId: item.haloId,
    haloClientId: item.haloClientId,
    name: item.name,
    companyName: item.companyName,
    itemJson: JSON.stringify(item),
    huduId: item.huduId,
    huduCompanyId: item.huduCompanyId,
  };
  if (needsWork) return { ...base, state: "pending" };
  return {
    ...base,
    state: "done",
    outcome: item.action === "unchanged" ? "unchanged" : "skipped",
    message: item.skipReason ? `Skipped: ${SKIP_REASON_TEXT[item.skipReason]}.` : null,
  };
}

export function haloIdLabels(settings: SyncSettings): Record<AssetRecordType, string | null> {
  const out = { site: null, contact: null, contract: null } as Record<AssetRecordType, string | null>;
  for (const type of assetRecordTypes) out[type] = settings.mapping[type].find((m) => m.source === HALO_ID_SOURCE)?.label ?? null;
  return out;
}

/** At most this many of the planner's warnings are kept on the run. */
const MAX_WARNINGS = 50;

function planWarnings(warnings: PlanWarning[]): string[] {
  const all = warnings.map((w) => w.message);
  return all.length > MAX_WARNINGS ? [...all.slice(0, MAX_WARNINGS), `… and ${all.length - MAX_WARNINGS} more.`] : all;
}

/** `items.map(f)` made one at a time as it is read. */
function* lazyMap<T, U>(items: Iterable<T>, f: (item: T) => U): Generator<U> {
  for (const item of items) yield f(item);
}
