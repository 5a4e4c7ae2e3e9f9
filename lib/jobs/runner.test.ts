import { hostname } from "node:os";
import { describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { withMemoryDatabase } from "@/db/testing";
import { getJobRun, requestJobControl } from "@/db/queries/job-runs";
import { jobRuns, type JobRun } from "@/db/schema";
import { processOwner } from "./owner";
import { safeJson } from "./progress";
import { recoverJobs, requestJob, resumeJob, startJob, waitForJob } from "./runner";
import type { JobContext, JobKind } from "./types";

let db: Db;
withMemoryDatabase((opened) => (db = opened));

interface Count {
  done: number;
  resumedAt: number[];
}

/**
 * A job that counts to `to`, one step per `stepMs`, saving the count as progress: enough to see
 * progress, pausing at a step boundary and resuming from the saved count.
 */
function countingJob({
  to,
  stepMs = 5,
  resumable = true,
  fail,
  name = resumable ? "import" : "snapshot",
}: {
  to: number;
  stepMs?: number;
  resumable?: boolean;
  fail?: string;
  name?: "import" | "snapshot";
}): JobKind<Count> {
  return {
    name,
    label: "count",
    resumable,
    pausable: true,
    initialProgress: () => ({ done: 0, resumedAt: [] }),
    parseProgress: (json) => ({ done: 0, resumedAt: [], ...(json as Partial<Count>) }),
    async run(ctx: JobContext<Count>) {
      if (ctx.resumed) ctx.progress({ resumedAt: [...ctx.current().resumedAt, ctx.current().done] }, { force: true });
      while (ctx.current().done < to) {
        if (ctx.signal.aborted) return { status: "succeeded" };
        await new Promise((r) => setTimeout(r, stepMs));
        ctx.progress({ done: ctx.current().done + 1 });
      }
      return fail ? { status: "failed", error: fail } : { status: "succeeded" };
    },
  };
}

const progressOf = (run: JobRun | undefined) => safeJson(run?.progressJson) as Count;

/** A row as a process that no longer exists would have left it. */
function orphanRun(kind: "import" | "snapshot", progress: unknown, heartbeatAt = new Date()): JobRun {
  return db
    .insert(jobRuns)
    .values({ kind, status: "running", startedAt: heartbeatAt, heartbeatAt, startedBy: "a@b.co", owner: `${hostname()}/2147483646/1`, progressJson: JSON.stringify(progress) })
    .returning()
    .get();
}

describe("lib/jobs runner", () => {
  it("runs a job to the end, saving its progress, and lets one of a kind run at a time", async () => {
    const job = countingJob({ to: 20 });
    const first = startJob(job, { db, startedBy: "a@b.co" });
    expect(first.status).toBe("started");
    expect(startJob(job, { db, startedBy: "b@b.co" })).toMatchObject({ status: "already-active", run: { id: first.run.id } });
    const final = await waitForJob(first.run.id);
    expect(final).toMatchObject({ status: "succeeded", owner: null, startedBy: "a@b.co" });
    expect(final?.finishedAt).toBeInstanceOf(Date);
    expect(progressOf(getJobRun({ db, id: first.run.id })).done).toBe(20);
    expect(startJob(job, { db, startedBy: "b@b.co" }).status).toBe("started");
  });

  it("records a job's failure with its message", async () => {
    const started = startJob(countingJob({ to: 2, fail: "Hudu refused the key." }), { db, startedBy: "a@b.co" });
    const final = await waitForJob(started.run.id);
    expect(final).toMatchObject({ status: "failed", error: "Hudu refused the key." });
  });

  it("pauses on request, keeps the progress, and resumes from there", async () => {
    const job = countingJob({ to: 400, stepMs: 2 });
    const started = startJob(job, { db, startedBy: "a@b.co" });
    await new Promise((r) => setTimeout(r, 60));
    expect(requestJob({ db, id: started.run.id, request: "pause" }).status).toBe("requested");
    const paused = await waitForJob(started.run.id);
    expect(paused).toMatchObject({ status: "paused", owner: null, finishedAt: null });
    const doneAtPause = progressOf(paused).done;
    expect(doneAtPause).toBeGreaterThan(0);
    expect(doneAtPause).toBeLessThan(400);
    // A paused run still blocks a new one of its kind.
    expect(startJob(job, { db, startedBy: "b@b.co" }).status).toBe("already-active");

    expect(resumeJob(job, { db, id: started.run.id }).status).toBe("resumed");
    const final = await waitForJob(started.run.id);
    expect(final?.status).toBe("succeeded");
    expect(progressOf(final)).toEqual({ done: 400, resumedAt: [doneAtPause] });
  });

  it("acts on a pause or cancel written by another process within about a second", async () => {
    const started = startJob(countingJob({ to: 100_000, stepMs: 1 }), { db, startedBy: "a@b.co" });
    // The CLI and the server share the database: a request is a row change, not a call.
    requestJobControl({ db, id: started.run.id, request: "cancel" });
    const t0 = Date.now();
    const final = await waitForJob(started.run.id);
    expect(final?.status).toBe("cancelled");
    expect(Date.now() - t0).toBeLessThan(2_500);
  });

  it("cancels a paused run at once, and refuses to resume it afterwards", async () => {
    const job = countingJob({ to: 1000, stepMs: 2 });
    const started = startJob(job, { db, startedBy: "a@b.co" });
    requestJob({ db, id: started.run.id, request: "pause" });
    await waitForJob(started.run.id);
    expect(requestJob({ db, id: started.run.id, request: "cancel" })).toMatchObject({ status: "cancelled", run: { status: "cancelled" } });
    expect(resumeJob(job, { db, id: started.run.id }).status).toBe("not-paused");
  });

  it("at start-up, resumes a run whose process died when its kind can resume", async () => {
    const orphan = orphanRun("import", { done: 7, resumedAt: [] });
    const job = countingJob({ to: 10 });
    const { resumed, failed } = recoverJobs({ db, kinds: { import: job as unknown as JobKind<object> } });
    expect(resumed.map((r) => r.id)).toEqual([orphan.id]);
    expect(failed).toEqual([]);
    expect(resumed[0].owner).toBe(processOwner());
    const final = await waitForJob(orphan.id);
    expect(final?.status).toBe("succeeded");
    expect(progressOf(final)).toEqual({ done: 10, resumedAt: [7] });
  });

  it("at start-up, marks failed a run whose process died when its kind cannot resume", () => {
    const orphan = orphanRun("snapshot", {});
    const { failed } = recoverJobs({ db, kinds: { snapshot: countingJob({ to: 1, resumable: false }) as unknown as JobKind<object> } });
    expect(failed.map((r) => r.id)).toEqual([orphan.id]);
    expect(getJobRun({ db, id: orphan.id })).toMatchObject({ status: "failed", owner: null });
    expect(getJobRun({ db, id: orphan.id })?.error).toMatch(/stopped without finishing/);
  });

  it("knows a run of an earlier process with this same pid (a container restarted) is dead", () => {
    const now = new Date();
    const earlier = db
      .insert(jobRuns)
      .values({ kind: "snapshot", status: "running", startedAt: now, heartbeatAt: now, startedBy: "a@b.co", owner: `${hostname()}/${process.pid}/1` })
      .returning()
      .get();
    const { failed } = recoverJobs({ db, kinds: {} });
    expect(failed.map((r) => r.id)).toEqual([earlier.id]);
  });

  it("leaves alone a run another live process is working on", () => {
    // The parent process (alive, another pid) with a fresh heartbeat.
    const live = db
      .insert(jobRuns)
      .values({ kind: "import", status: "running", startedAt: new Date(), heartbeatAt: new Date(), startedBy: "cli", owner: `${hostname()}/${process.ppid}/1` })
      .returning()
      .get();
    const { resumed, failed } = recoverJobs({ db, kinds: { import: countingJob({ to: 1 }) as unknown as JobKind<object> } });
    expect([...resumed, ...failed]).toEqual([]);
    expect(getJobRun({ db, id: live.id })?.status).toBe("running");
  });

  it("treats a run whose heartbeat stopped a minute ago as dead even if its pid exists", () => {
    const old = new Date(Date.now() - 5 * 60_000);
    const run = db
      .insert(jobRuns)
      .values({ kind: "snapshot", status: "running", startedAt: old, heartbeatAt: old, startedBy: "cli", owner: `${hostname()}/${process.ppid}/1` })
      .returning()
      .get();
    // Starting another run of the kind ends the dead one first.
    const started = startJob(countingJob({ to: 1, resumable: false }), { db, startedBy: "a@b.co" });
    expect(getJobRun({ db, id: run.id })?.status).toBe("failed");
    expect(started.status).toBe("started");
    return waitForJob(started.run.id);
  });

  it("a new start takes over an orphaned resumable run instead of starting another", async () => {
    const orphan = orphanRun("import", { done: 3, resumedAt: [] });
    const result = startJob(countingJob({ to: 5 }), { db, startedBy: "cli" });
    expect(result).toMatchObject({ status: "resumed", run: { id: orphan.id } });
    expect(progressOf(await waitForJob(orphan.id))).toEqual({ done: 5, resumedAt: [3] });
  });
});
