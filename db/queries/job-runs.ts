import { and, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db";
import { jobRuns, type JobKindName, type JobRun, type JobStatus } from "@/db/schema";
import { writeTransaction, type DbOrTx, type Tx } from "@/db/transaction";

export type { Tx };

/**
 * Durable runs (lib/jobs). Every read-then-write here is one writeTransaction (BEGIN IMMEDIATE):
 * the CLI and the server write to the same file.
 */


export const ACTIVE_STATUSES = ["running", "paused"] as const satisfies readonly JobStatus[];

export function getJobRun({ db, id }: { db: Db; id: number }): JobRun | undefined {
  return db.select().from(jobRuns).where(eq(jobRuns.id, id)).get();
}

/** The run of a kind that is running or paused, if any (there is at most one). */
export function getActiveJobRun({ db, kind }: { db: Db; kind: JobKindName }): JobRun | undefined {
  return db
    .select()
    .from(jobRuns)
    .where(and(eq(jobRuns.kind, kind), inArray(jobRuns.status, ACTIVE_STATUSES)))
    .get();
}

export function getLatestJobRun({ db, kind, status }: { db: Db; kind: JobKindName; status?: JobStatus }): JobRun | undefined {
  return db
    .select()
    .from(jobRuns)
    .where(status ? and(eq(jobRuns.kind, kind), eq(jobRuns.status, status)) : eq(jobRuns.kind, kind))
    .orderBy(desc(jobRuns.id))
    .limit(1)
    .get();
}

export function listJobRuns({ db, kind, limit = 200 }: { db: Db; kind?: JobKindName; limit?: number }): JobRun[] {
  return db
    .select()
    .from(jobRuns)
    .where(kind ? eq(jobRuns.kind, kind) : undefined)
    .orderBy(desc(jobRuns.id))
    .limit(limit)
    .all();
}

/** Every run left in `running` (start-up looks for those whose process died). */
export function listRunningJobRuns({ db }: { db: Db }): JobRun[] {
  return db.select().from(jobRuns).where(eq(jobRuns.status, "running")).orderBy(jobRuns.id).all();
}

export type StartJobRunResult =
  | { started: true; run: JobRun }
  /** A run of this kind is running or paused; `run` is that one. */
  | { started: false; run: JobRun };

/**
 * Starts a run unless one of its kind is active. `isDead` says whether an active run's process
 * has died; such a run is first passed to `onDead` (inside the transaction), which either ends it
 * (returns the row, now finished: the new run starts) or keeps it for resuming (returns it still
 * running: nothing starts and the caller gets it back).
 */
export function startJobRun({
  db,
  kind,
  startedBy,
  owner,
  progress = {},
  isDead,
  onDead,
  now = new Date(),
}: {
  db: Db;
  kind: JobKindName;
  startedBy: string;
  owner: string;
  progress?: unknown;
  isDead: (run: JobRun) => boolean;
  onDead: (tx: Tx, run: JobRun) => JobRun;
  now?: Date;
}): StartJobRunResult {
  return writeTransaction(db, (tx) => {
    let active = tx
      .select()
      .from(jobRuns)
      .where(and(eq(jobRuns.kind, kind), inArray(jobRuns.status, ACTIVE_STATUSES)))
      .get();
    if (active && active.status === "running" && isDead(active)) active = onDead(tx, active);
    if (active && (active.status === "running" || active.status === "paused")) return { started: false, run: active };
    const run = tx
      .insert(jobRuns)
      .values({ kind, status: "running", startedAt: now, heartbeatAt: now, startedBy, owner, progressJson: JSON.stringify(progress) })
      .returning()
      .get();
    return { started: true, run };
  });
}

/**
 * A finished run recorded in one go (a scheduled import that skipped itself because another was
 * running): it shows in the history like any other run.
 */
export function insertFinishedJobRun({
  db,
  kind,
  startedBy,
  status,
  error,
  progress = {},
  now = new Date(),
}: {
  db: Db;
  kind: JobKindName;
  startedBy: string;
  status: Exclude<JobStatus, "running" | "paused">;
  error: string | null;
  progress?: unknown;
  now?: Date;
}): JobRun {
  return db
    .insert(jobRuns)
    .values({ kind, status, startedAt: now, finishedAt: now, heartbeatAt: now, startedBy, error, progressJson: JSON.stringify(progress) })
    .returning()
    .get();
}

/**
 * Takes over a run for this process: a paused run being resumed, or a running one whose process
 * died. `expect` is what the caller saw; if the row changed meanwhile (someone else took it),
 * nothing happens and undefined comes back.
 */
export function claimJobRun({
  db,
  id,
  owner,
  expect,
  now = new Date(),
}: {
  db: Db;
  id: number;
  owner: string;
  expect: { status: "running" | "paused"; owner: string | null };
  now?: Date;
}): JobRun | undefined {
  return writeTransaction(db, (tx) => {
    const run = tx.select().from(jobRuns).where(eq(jobRuns.id, id)).get();
    if (!run || run.status !== expect.status || run.owner !== expect.owner) return undefined;
    return tx
      .update(jobRuns)
      .set({ status: "running", owner, heartbeatAt: now, request: null, error: null })
      .where(eq(jobRuns.id, id))
      .returning()
      .get();
  });
}

/** The heartbeat of a run this process owns; returns the row (to see a pause or cancel request). */
export function beatJobRun({
  db,
  id,
  owner,
  progressJson,
  now = new Date(),
}: {
  db: Db;
  id: number;
  owner: string;
  progressJson?: string;
  now?: Date;
}): JobRun | undefined {
  return db
    .update(jobRuns)
    .set(progressJson === undefined ? { heartbeatAt: now } : { heartbeatAt: now, progressJson })
    .where(and(eq(jobRuns.id, id), eq(jobRuns.owner, owner), eq(jobRuns.status, "running")))
    .returning()
    .get();
}

/**
 * Ends a run this process owns (or, with `owner` null, any active run: a dead one). Only a run
 * still active is changed, so a run another process reclaimed is never overwritten.
 */
export function finishJobRun({
  db,
  id,
  owner,
  status,
  error = null,
  progressJson,
  now = new Date(),
}: {
  db: DbOrTx;
  id: number;
  owner: string | null;
  status: Exclude<JobStatus, "running">;
  error?: string | null;
  progressJson?: string;
  now?: Date;
}): JobRun | undefined {
  const where = owner === null ? and(eq(jobRuns.id, id), inArray(jobRuns.status, ACTIVE_STATUSES)) : and(eq(jobRuns.id, id), eq(jobRuns.owner, owner), eq(jobRuns.status, "running"));
  const paused = status === "paused";
  return db
    .update(jobRuns)
    .set({
      status,
      error,
      owner: null,
      request: null,
      heartbeatAt: now,
      finishedAt: paused ? null : now,
      ...(progressJson === undefined ? {} : { progressJson }),
    })
    .where(where)
    .returning()
    .get();
}

export type RequestJobResult =
  | { status: "requested"; run: JobRun }
  /** A paused run asked to cancel is cancelled at once (no process is working on it). */
  | { status: "cancelled"; run: JobRun }
  | { status: "not-active"; run: JobRun | undefined };

/** Asks the process running a run to pause or cancel it (it checks every second or so). */
export function requestJobControl({
  db,
  id,
  request,
  now = new Date(),
}: {
  db: Db;
  id: number;
  request: "pause" | "cancel";
  now?: Date;
}): RequestJobResult {
  return writeTransaction(db, (tx): RequestJobResult => {
    const run = tx.select().from(jobRuns).where(eq(jobRuns.id, id)).get();
    if (!run || (run.status !== "running" && run.status !== "paused")) return { status: "not-active", run };
    if (run.status === "paused") {
      if (request === "pause") return { status: "requested", run };
      const cancelled = finishJobRun({ db: tx, id, owner: null, status: "cancelled", now })!;
      return { status: "cancelled", run: cancelled };
    }
    const updated = tx.update(jobRuns).set({ request }).where(eq(jobRuns.id, id)).returning().get();
    return { status: "requested", run: updated };
  });
}
