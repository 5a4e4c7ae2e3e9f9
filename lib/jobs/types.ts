import type { Db } from "@/db";
import type { JobKindName, JobRun } from "@/db/schema";

/** Why a run's signal was aborted: a user's request, or another process took the run over. */
export type StopReason = "pause" | "cancel" | "lost";

export interface JobContext<P> {
  db: Db;
  /** The run as this process claimed it. */
  run: JobRun;
  /** True when continuing a run that was paused or whose process died. */
  resumed: boolean;
  /**
   * Aborted (with a StopReason as its reason) when the run is asked to pause or cancel. The job
   * stops taking new work, lets what is in flight settle, records it, and returns.
   */
  signal: AbortSignal;
  /** Merges a change into the run's progress document; written at most every half second unless forced. */
  progress(change: Partial<P>, options?: { force?: boolean }): void;
  /** The progress document as it stands (after every change so far). */
  current(): P;
  /** The owner string of this process (for queries that finish the run inside a transaction). */
  owner: string;
}

export type JobOutcome = { status: "succeeded" } | { status: "failed"; error: string };

/**
 * One kind of durable run. The runner (lib/jobs/runner.ts) owns the row: state, heartbeat,
 * throttled progress, pause and cancel requests, one run at a time; the kind only does its work.
 */
export interface JobKind<P extends object> {
  name: JobKindName;
  /** Plain words for messages: "snapshot refresh", "import". */
  label: string;
  /** A run whose process died continues where it was; otherwise it is marked failed. */
  resumable: boolean;
  /** Whether a user may pause (and later resume) it. Every kind can be cancelled. */
  pausable: boolean;
  initialProgress(): P;
  /** Reads a stored progress document back (tolerant: it was written by an older version maybe). */
  parseProgress(json: unknown): P;
  run(ctx: JobContext<P>): Promise<JobOutcome>;
  /** Called (after the row says succeeded) for follow-up work that must not hold the run up. */
  afterSuccess?: (args: { db: Db; run: JobRun }) => void;
}

/** A kind with more after-success work (the match board warms its cache after a refresh). */
export function withAfterSuccess<P extends object>(kind: JobKind<P>, hook: NonNullable<JobKind<P>["afterSuccess"]>): JobKind<P> {
  const previous = kind.afterSuccess;
  return {
    ...kind,
    afterSuccess: (args) => {
      previous?.(args);
      hook(args);
    },
  };
}
