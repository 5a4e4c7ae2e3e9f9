import type { Db } from "@/db";
import {
  beatJobRun,
  claimJobRun,
  finishJobRun,
  getJobRun,
  listRunningJobRuns,
  requestJobControl,
  startJobRun,
  type RequestJobResult,
} from "@/db/queries/job-runs";
import type { JobRun } from "@/db/schema";
import { errorForLog, toSyncError } from "@/lib/errors";
import { isOwnerGone, processOwner } from "./owner";
import { safeJson } from "./progress";
import type { JobContext, JobKind, JobOutcome, StopReason } from "./types";

/**
 * Runs jobs in the background of whichever process starts them (the Next server, the CLI): a
 * request starts one and returns at once; pages follow it through its row. The promises live on
 * globalThis so dev-mode module reloads do not lose track of a running job.
 */

/** Progress is written at most this often (a sweep yields thousands of records a second). */
const PROGRESS_WRITE_MS = 500;
/** How often the heartbeat moves and the row is checked for a pause or cancel request. */
const HEARTBEAT_MS = 1_000;

interface Running {
  promise: Promise<JobRun>;
  controller: AbortController;
}

const globalForJobs = globalThis as unknown as { __jobsRunning?: Map<number, Running> };
const running = (globalForJobs.__jobsRunning ??= new Map());

export type StartJobResult =
  | { status: "started"; run: JobRun }
  /** A run of that kind whose process had died was taken over and continues. */
  | { status: "resumed"; run: JobRun }
  /** One of that kind is running or paused; this call did nothing. */
  | { status: "already-active"; run: JobRun };

/**
 * Starts a run of `kind` unless one is active. A running one whose process died is taken over
 * when the kind can resume, else marked failed first (then the new one starts).
 */
export function startJob<P extends object>(kind: JobKind<P>, { db, startedBy }: { db: Db; startedBy: string }): StartJobResult {
  const owner = processOwner();
  const result = startJobRun({
    db,
    kind: kind.name,
    startedBy,
    owner,
    progress: kind.initialProgress(),
    isDead: (run) => isOwnerGone(run),
    onDead: (tx, run) => (kind.resumable ? run : (finishJobRun({ db: tx, id: run.id, owner: null, status: "failed", error: diedMessage(kind) }) ?? run)),
  });
  if (result.started) {
    launch(kind, db, result.run, false);
    return { status: "started", run: result.run };
  }
  if (result.run.status === "running" && kind.resumable && isOwnerGone(result.run)) {
    const claimed = claimJobRun({ db, id: result.run.id, owner, expect: { status: "running", owner: result.run.owner } });
    if (claimed) {
      launch(kind, db, claimed, true);
      return { status: "resumed", run: claimed };
    }
  }
  return { status: "already-active", run: getJobRun({ db, id: result.run.id }) ?? result.run };
}

export type ResumeJobResult = { status: "resumed"; run: JobRun } | { status: "not-paused"; run: JobRun | undefined };

/** Continues a paused run in this process. */
export function resumeJob<P extends object>(kind: JobKind<P>, { db, id }: { db: Db; id: number }): ResumeJobResult {
  const run = getJobRun({ db, id });
  if (!run || run.kind !== kind.name || run.status !== "paused") return { status: "not-paused", run };
  const claimed = claimJobRun({ db, id, owner: processOwner(), expect: { status: "paused", owner: run.owner } });
  if (!claimed) return { status: "not-paused", run: getJobRun({ db, id }) };
  launch(kind, db, claimed, true);
  return { status: "resumed", run: claimed };
}

/**
 * Asks a run to pause or cancel. The owning process acts within a second (this process at
 * once); a paused run is cancelled right here.
 */
export function requestJob({ db, id, request }: { db: Db; id: number; request: "pause" | "cancel" }): RequestJobResult {
  const result = requestJobControl({ db, id, request });
  if (result.status === "requested") running.get(id)?.controller.abort(request satisfies StopReason);
  return result;
}

/** The promise of a run this process is working on (tests and the CLI wait on it). */
export function waitForJob(id: number): Promise<JobRun> | undefined {
  return running.get(id)?.promise;
}

/**
 * At start-up (and now and then after): runs left "running" by a process that died are resumed
 * here when their kind can resume, and marked failed otherwise, so nothing stays blocked.
 */
export function recoverJobs({ db, kinds }: { db: Db; kinds: Record<string, JobKind<object>> }): { resumed: JobRun[]; failed: JobRun[] } {
  const resumed: JobRun[] = [];
  const failed: JobRun[] = [];
  for (const run of listRunningJobRuns({ db })) {
    if (running.has(run.id) || !isOwnerGone(run)) continue;
    const kind = kinds[run.kind];
    if (kind?.resumable) {
      const claimed = claimJobRun({ db, id: run.id, owner: processOwner(), expect: { status: "running", owner: run.owner } });
      if (claimed) {
        launch(kind, db, claimed, true);
        resumed.push(claimed);
      }
      continue;
    }
    const ended = finishJobRun({ db, id: run.id, owner: null, status: "failed", error: diedMessage(kind) });
    if (ended) failed.push(ended);
  }
  return { resumed, failed };
}

function diedMessage(kind: { label: string } | undefined): string {
  const label = kind?.label ?? "run";
  return `The ${label} stopped without finishing: the process running it ended (a restart or a crash). Start it again.`;
}

function launch<P extends object>(kind: JobKind<P>, db: Db, run: JobRun, resumed: boolean): void {
  const owner = processOwner();
  const controller = new AbortController();
  let progress: P = resumed ? kind.parseProgress(safeJson(run.progressJson)) : kind.initialProgress();
  let dirty = false;
  let lastWrite = 0;

  const write = () => {
    lastWrite = Date.now();
    dirty = false;
    return beatJobRun({ db, id: run.id, owner, progressJson: JSON.stringify(progress) });
  };
  const beat = () => {
    try {
      const row = dirty ? write() : beatJobRun({ db, id: run.id, owner });
      if (!row) controller.abort("lost" satisfies StopReason);
      else if (row.request) controller.abort(row.request satisfies StopReason);
    } catch (error) {
      // A busy database must not kill the run; the next beat tries again.
      console.error(`Heartbeat of run ${run.id} failed: ${errorForLog(error)}`);
    }
  };
  const timer = setInterval(beat, HEARTBEAT_MS);
  timer.unref?.();

  const ctx: JobContext<P> = {
    db,
    run,
    resumed,
    owner,
    signal: controller.signal,
    current: () => progress,
    progress: (change, options) => {
      // An undefined value means "no change", not "forget it".
      const defined = Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined));
      progress = { ...progress, ...defined };
      dirty = true;
      if (options?.force || Date.now() - lastWrite >= PROGRESS_WRITE_MS) {
        try {
          write();
        } catch (error) {
          console.error(`Progress of run ${run.id} could not be saved: ${errorForLog(error)}`);
        }
      }
    },
  };

  const promise = (async (): Promise<JobRun> => {
    let outcome: JobOutcome;
    try {
      outcome = await kind.run(ctx);
    } catch (error) {
      const syncError = toSyncError(error);
      if (!controller.signal.aborted) console.error(`The ${kind.label} (run ${run.id}) failed: ${errorForLog(error)}`);
      outcome = { status: "failed", error: syncError.userMessage };
    } finally {
      clearInterval(timer);
    }
    const reason = controller.signal.aborted ? (controller.signal.reason as StopReason) : undefined;
    if (reason === "lost") return getJobRun({ db, id: run.id }) ?? run;
    const progressJson = JSON.stringify(progress);
    const finished =
      reason === "pause" && kind.pausable
        ? finishJobRun({ db, id: run.id, owner, status: "paused", progressJson })
        : reason === "cancel" || reason === "pause"
          ? finishJobRun({ db, id: run.id, owner, status: "cancelled", progressJson })
          : outcome.status === "succeeded"
            ? finishJobRun({ db, id: run.id, owner, status: "succeeded", progressJson })
            : finishJobRun({ db, id: run.id, owner, status: "failed", error: outcome.error, progressJson });
    const final = finished ?? getJobRun({ db, id: run.id }) ?? run;
    if (final.status === "succeeded" && kind.afterSuccess) {
      const hook = kind.afterSuccess;
      // After the answer, never in its way: a hook's failure is only logged.
      setTimeout(() => {
        try {
          hook({ db, run: final });
        } catch (error) {
          console.error(`After the ${kind.label} (run ${run.id}): ${errorForLog(error)}`);
        }
      }, 0);
    }
    return final;
  })()
    .catch((error: unknown) => {
      // Only a database failure while recording the end gets here; the row stays running and is
      // recovered as a dead run later.
      console.error(`Could not record the end of run ${run.id}: ${errorForLog(error)}`);
      return run;
    })
    .finally(() => running.delete(run.id));

  running.set(run.id, { promise, controller });
}
