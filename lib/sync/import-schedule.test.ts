import { describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { withMemoryDatabase } from "@/db/testing";
import { saveImportSchedule } from "@/db/queries/import-schedule";
import { requestJob, waitForJob } from "@/lib/jobs/runner";
import { listImportRunSummaries } from "./import-report";
import { getScheduleView, runScheduleTick } from "./import-schedule";
import { fakeImportJob } from "./import-testing";

let db: Db;
withMemoryDatabase((opened) => (db = opened));

const HOUR = 3_600_000;
const passing = async () => null;

/** An import that takes `ms` and does nothing else (the schedule is what is tested here). */
function idleImport(ms: number) {
  return fakeImportJob(async (ctx) => {
    await new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      ctx.signal.addEventListener("abort", () => (clearTimeout(timer), resolve(undefined)));
    });
    return { status: "succeeded" };
  });
}

describe("the import schedule", () => {
  it("is off by default", async () => {
    expect(getScheduleView({ db })).toMatchObject({ everyHours: null, nextRunAt: null });
    expect(await runScheduleTick({ db, job: idleImport(1), testConnections: passing })).toEqual({ status: "off" });
  });

  it("runs N hours after it was set, as 'schedule', then N hours after that run started", async () => {
    const setAt = new Date();
    saveImportSchedule({ db, everyHours: 6, updatedBy: "a@b.co", now: setAt });
    expect(getScheduleView({ db }).nextRunAt).toBe(new Date(setAt.getTime() + 6 * HOUR).toISOString());
    expect((await runScheduleTick({ db, job: idleImport(1), now: new Date(setAt.getTime() + HOUR), testConnections: passing })).status).toBe("not-yet");

    const tick = await runScheduleTick({ db, job: idleImport(1), now: new Date(setAt.getTime() + 6 * HOUR), testConnections: passing });
    expect(tick.status).toBe("started");
    if (tick.status !== "started") return;
    expect(tick.run.startedBy).toBe("schedule");
    await waitForJob(tick.run.id);
    expect(getScheduleView({ db }).nextRunAt).toBe(new Date(tick.run.startedAt.getTime() + 6 * HOUR).toISOString());
    expect(listImportRunSummaries({ db })).toMatchObject([{ id: tick.run.id, startedBy: "schedule", status: "succeeded" }]);
  });

  it("skips itself while an import is running, and says so in the history", async () => {
    saveImportSchedule({ db, everyHours: 1, updatedBy: "a@b.co", now: new Date(Date.now() - 2 * HOUR) });
    const first = await runScheduleTick({ db, job: idleImport(10_000), testConnections: passing });
    expect(first.status).toBe("started");
    // Due again (as if an hour had passed) while the first is still running.
    const second = await runScheduleTick({ db, job: idleImport(1), now: new Date(Date.now() + 2 * HOUR), testConnections: passing });
    expect(second.status).toBe("skipped");
    if (first.status !== "started" || second.status !== "skipped") return;
    expect(second.run).toMatchObject({ startedBy: "schedule", status: "cancelled", error: `Skipped: import #${first.run.id} was still running.` });
    expect(listImportRunSummaries({ db }).map((r) => [r.id, r.status])).toEqual([
      [second.run.id, "cancelled"],
      [first.run.id, "running"],
    ]);
    requestJob({ db, id: first.run.id, request: "cancel" });
    await waitForJob(first.run.id);
  });

  it("records a run that could not start because a connection test failed", async () => {
    saveImportSchedule({ db, everyHours: 1, updatedBy: "a@b.co", now: new Date(Date.now() - 2 * HOUR) });
    const tick = await runScheduleTick({ db, job: idleImport(1), testConnections: async () => "Hudu refused the API key." });
    expect(tick).toMatchObject({ status: "failed", run: { status: "failed", startedBy: "schedule", error: "Not started: Hudu refused the API key." } });
  });
});
