import type { Db } from "@/db";
import { getImportSchedule } from "@/db/queries/import-schedule";
import { getActiveJobRun, getLatestJobRun, insertFinishedJobRun } from "@/db/queries/job-runs";
import type { JobRun } from "@/db/schema";
import { errorForLog } from "@/lib/errors";
import type { JobKind } from "@/lib/jobs/types";
import { recordConnectionTest, runConnectionTest } from "@/lib/settings/connection-tests";
import type { ImportProgress } from "./import-progress";
import { startImport } from "./import-start";

/**
 * The import schedule: re-run every N hours (off by default). The next run is N hours after the
 * last import started (by anyone) or after the schedule was set, whichever is later. A scheduled
 * run appears in the history like any other ("schedule" started it); one that finds an import
 * running or paused records itself as skipped instead.
 */

export const SCHEDULE_STARTED_BY = "schedule";
const HOUR_MS = 3_600_000;

export interface ScheduleView {
  everyHours: number | null;
  /** ISO; null when off. */
  nextRunAt: string | null;
  updatedBy: string | null;
  updatedAt: string | null;
}

export function getScheduleView({ db }: { db: Db }): ScheduleView {
  const schedule = getImportSchedule({ db });
  const next = nextRunAt({ db });
  return {
    everyHours: schedule?.everyHours ?? null,
    nextRunAt: next?.toISOString() ?? null,
    updatedBy: schedule?.updatedBy ?? null,
    updatedAt: schedule?.updatedAt.toISOString() ?? null,
  };
}

export function nextRunAt({ db }: { db: Db }): Date | null {
  const schedule = getImportSchedule({ db });
  if (!schedule?.everyHours) return null;
  const last = getLatestJobRun({ db, kind: "import" });
  const from = Math.max(schedule.updatedAt.getTime(), last?.startedAt.getTime() ?? 0);
  return new Date(from + schedule.everyHours * HOUR_MS);
}

export type ScheduleTick =
  | { status: "off" | "not-yet" }
  | { status: "started"; run: JobRun }
  | { status: "skipped" | "failed"; run: JobRun };

/** Both services' tests, as the CLI runs them; the reason of the first failure, or null. */
export async function testConnectionsForSchedule({ db }: { db: Db }): Promise<string | null> {
  for (const service of ["halo", "hudu"] as const) {
    const outcome = await runConnectionTest({ db, service });
    if (outcome.status === "not-configured") return outcome.message;
    recordConnectionTest({ db, service, result: outcome.result, testedBy: SCHEDULE_STARTED_BY });
    if (!outcome.result.ok) {
      const failed = outcome.result.checks.find((c) => !c.ok && !c.skipped);
      return `The ${service === "halo" ? "Halo" : "Hudu"} connection test failed${failed ? `: ${failed.message}` : "."}`;
    }
  }
  return null;
}

/** One look at the schedule: start the import when it is due. */
export async function runScheduleTick({
  db,
  job,
  now = new Date(),
  testConnections = testConnectionsForSchedule,
}: {
  db: Db;
  job: JobKind<ImportProgress>;
  now?: Date;
  testConnections?: (args: { db: Db }) => Promise<string | null>;
}): Promise<ScheduleTick> {
  const next = nextRunAt({ db });
  if (!next) return { status: "off" };
  if (next.getTime() > now.getTime()) return { status: "not-yet" };
  const active = getActiveJobRun({ db, kind: "import" });
  if (active) {
    const error = `Skipped: import #${active.id} was still ${active.status === "paused" ? "paused" : "running"}.`;
    return { status: "skipped", run: insertFinishedJobRun({ db, kind: "import", startedBy: SCHEDULE_STARTED_BY, status: "cancelled", error, now }) };
  }
  const failure = await testConnections({ db });
  if (failure) return { status: "failed", run: insertFinishedJobRun({ db, kind: "import", startedBy: SCHEDULE_STARTED_BY, status: "failed", error: `Not started: ${failure}`, now }) };
  const result = startImport({ db, startedBy: SCHEDULE_STARTED_BY, job, checkConnections: false });
  if (result.status === "refused") {
    return { status: "skipped", run: insertFinishedJobRun({ db, kind: "import", startedBy: SCHEDULE_STARTED_BY, status: "cancelled", error: `Skipped: ${result.reason}`, now }) };
  }
  return { status: "started", run: result.run };
}

/** How often the server looks at the schedule (and for runs whose process died). */
const TICK_MS = 60_000;
const globalForSchedule = globalThis as unknown as { __importScheduler?: ReturnType<typeof setInterval> };

/** Started once per server process (instrumentation → lib/startup.ts). */
export function startImportScheduler({ tick }: { tick: () => Promise<void> }): void {
  if (globalForSchedule.__importScheduler) return;
  const timer = setInterval(() => {
    tick().catch((error: unknown) => console.error(`The import schedule check failed: ${errorForLog(error)}`));
  }, TICK_MS);
  timer.unref?.();
  globalForSchedule.__importScheduler = timer;
}
