import { hasImportItems, saveImportItems, type NewImportItem } from "@/db/queries/import-items";
import { connectFromSettings, type ConnectSources } from "@/lib/connections/connect";
import type { HaloClient } from "@/lib/halo";
import type { HttpEvent } from "@/lib/http/events";
import type { HuduClient } from "@/lib/hudu";
import type { JobContext, JobKind } from "@/lib/jobs/types";
import type { ItemContext } from "./execute-item";
import { executeImportItems, type ExecutionPhase } from "./executor";
import { countRequest, initialImportProgress, parseImportProgress, type ImportProgress } from "./import-progress";
import { readPlanInput } from "./load";
import { planStart, streamPlanRest, type PlanRestSource } from "./plan";
import { loadSyncSettings, type SyncSettings } from "./settings";
import { HALO_ID_SOURCE } from "./sources";
import { describeMatcherOutcome, syncHuduMatchers } from "./matchers";
import { assetRecordTypes, SKIP_REASON_TEXT, type AssetRecordType, type PlanItem, type PlanWarning } from "./types";

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

  const itemContext: ItemContext = {
    db: ctx.db,
    runId: ctx.run.id,
    hudu,
    signal: ctx.signal,
    decidedBy: ctx.run.startedBy,
    haloIdLabels: haloIdLabels(settings),
    settled: new Map(),
  };
  const execute = (phases?: ExecutionPhase[]) =>
    executeImportItems({
      ctx: itemContext,
      concurrency,
      phases,
      onPhase: ({ phase, noun, done, total }) => progress({ phase, activity: `importing ${noun}: ${done} of ${total} done` }, done === 0 || done === total),
    });

  if (ctx.current().planSaved) {
    // Resumed with the whole plan saved.
    await execute();
  } else {
    // Companies and sites are written while Halo's users and contracts are still being read.
    const planning = { showReads: true };
    const { rest } = await planInTwo(ctx, { halo, hudu, settings, progress, planning, saveStart: !hasImportItems({ db: ctx.db, runId: ctx.run.id }) });
    planning.showReads = false;
    await execute(["company", "site"]);
    if (ctx.signal.aborted) return { status: "succeeded" } as const;
    planning.showReads = true;
    await rest;
    await execute(["contact-contract"]);
  }
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

type ProgressFn = (change: Partial<ImportProgress>, force?: boolean) => void;

/**
 * Plans and saves the import's items in two parts. Reads both sides; as soon as what companies
 * and sites are planned from is in (Halo's clients and sites, Hudu's companies, layouts and site
 * assets), plans and saves those (unless a resumed run has them) and returns. The promise `rest`
 * then plans and saves the contacts and contracts as Halo's users and contracts are read, so the
 * caller writes companies and sites in the meantime: Halo's paced reads overlap Hudu's writes.
 * (Its own function also so that the input is gone once it is done: a suspended async function
 * may keep its dead locals for as long as it waits.)
 */
async function planInTwo(
  ctx: JobContext<ImportProgress>,
  {
    halo,
    hudu,
    settings,
    progress,
    planning,
    saveStart,
  }: { halo: HaloClient; hudu: HuduClient; settings: SyncSettings; progress: ProgressFn; planning: { showReads: boolean }; saveStart: boolean },
): Promise<{ rest: Promise<void> }> {
  progress({ phase: "reading", activity: "reading Halo and Hudu" }, true);
  const reads = readPlanInput({
    db: ctx.db,
    halo,
    hudu,
    settings,
    signal: ctx.signal,
    // While companies and sites are written, their progress is what the run page shows.
    onProgress: (p) => planning.showReads && progress({ activity: p.message }),
  });
  const startInput = await reads.start;
  progress({ phase: "planning", activity: "working out what to do with companies and sites", wait: null }, true);
  const start = planStart(startInput);
  if (saveStart) saveImportItems({ db: ctx.db, runId: ctx.run.id, items: lazyMap(start.items, toImportItem) });
  progress({ planReadAt: start.generatedAt, warnings: planWarnings(start.warnings) }, true);
  // Only what the rest needs goes on: the companies and sites read, and their items, are let go.
  const { states, targets, sites, warnings } = start;
  const rest = planTheRest(ctx, { start: { states, targets, sites, warnings }, input: { links: startInput.links, settings }, source: reads.rest, progress });
  // The caller awaits it only after writing companies and sites, and not at all when those stop the run.
  rest.catch(() => undefined);
  // In an object: an async function returning a promise would wait for it.
  return { rest };
}

/**
 * Plans and saves the contacts and contracts as Halo's users and contracts are read, a slice at
 * a time; then says the plan is whole. Their read warnings join the plan's.
 */
async function planTheRest(
  ctx: JobContext<ImportProgress>,
  { start, input, source, progress }: { start: Parameters<typeof streamPlanRest>[0]; input: Parameters<typeof streamPlanRest>[1]; source: Promise<PlanRestSource>; progress: ProgressFn },
): Promise<void> {
  const rest = await source;
  await saveInSlices(ctx, mapAsync(streamPlanRest(start, input, rest), toImportItem));
  start.warnings.push(...rest.warnings());
  progress({ planSaved: true, warnings: planWarnings(start.warnings) }, true);
}

/** Items planned and saved at a time while companies and sites are written (~0.1 s each). */
const ITEMS_PER_SLICE = 1_000;

/**
 * Saves items a slice at a time, letting the requests in flight be answered in between: the
 * contacts of a large data set take seconds to plan and save, and an event loop held that long
 * leaves Hudu idle and its kept-alive connections closed. A slice saved before a crash is kept;
 * the resumed run plans again and adds only what is missing (until planSaved says all is there).
 */
async function saveInSlices(ctx: JobContext<ImportProgress>, items: AsyncIterable<NewImportItem>): Promise<void> {
  let slice: NewImportItem[] = [];
  const save = async () => {
    ctx.signal.throwIfAborted();
    saveImportItems({ db: ctx.db, runId: ctx.run.id, items: slice, skipSaved: true });
    slice = [];
    await new Promise((resolve) => setImmediate(resolve));
  };
  for await (const item of items) {
    slice.push(item);
    if (slice.length === ITEMS_PER_SLICE) await save();
  }
  if (slice.length > 0) await save();
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

/** lazyMap of an async iterable. */
async function* mapAsync<T, U>(items: AsyncIterable<T>, f: (item: T) => U): AsyncGenerator<U> {
  for await (const item of items) yield f(item);
}

/** `items.map(f)` made one at a time as it is read. */
function* lazyMap<T, U>(items: Iterable<T>, f: (item: T) => U): Generator<U> {
  for (const item of items) yield f(item);
}
