import type { Db } from "@/db";
import { getActiveJobRun } from "@/db/queries/job-runs";
import type { JobRun } from "@/db/schema";
import { startJob, type StartJobResult } from "@/lib/jobs/runner";
import type { JobKind } from "@/lib/jobs/types";
import { loadLastConnectionTests } from "@/lib/settings/connection-tests";
import type { ImportProgress } from "./import-progress";

/**
 * When an import may start. Hudu's own guide insists on a successful connection test before an
 * import, so both services must have passed their test since their settings were last saved
 * (saving changed settings forgets that service's verdict), and no other import may be running
 * or paused.
 */

export type ImportStartCheck = { ok: true } | { ok: false; reason: string; activeRun?: JobRun };

const LABEL = { halo: "Halo", hudu: "Hudu" } as const;

export function connectionsReady({ db }: { db: Db }): ImportStartCheck {
  const tests = loadLastConnectionTests({ db });
  for (const service of ["halo", "hudu"] as const) {
    const test = tests[service];
    if (!test) return { ok: false, reason: `Test the ${LABEL[service]} connection first (Connections page): it has not passed a test since its settings were saved.` };
    if (!test.ok) {
      const failed = test.checks.find((c) => !c.ok && !c.skipped);
      return { ok: false, reason: `The last ${LABEL[service]} connection test failed${failed ? `: ${failed.message}` : "."} Fix it and test again on the Connections page.` };
    }
  }
  return { ok: true };
}

export function activeImportBlocker({ db }: { db: Db }): ImportStartCheck {
  const active = getActiveJobRun({ db, kind: "import" });
  if (!active) return { ok: true };
  const by = active.startedBy === "schedule" ? "the schedule" : active.startedBy;
  const reason =
    active.status === "paused"
      ? `Import #${active.id} (started by ${by}) is paused. Resume or cancel it before starting another.`
      : `Import #${active.id} (started by ${by}) is still running. One import runs at a time.`;
  return { ok: false, reason, activeRun: active };
}

/** Everything that stops a start from the dashboard, first reason first. */
export function importStartCheck({ db }: { db: Db }): ImportStartCheck {
  const active = activeImportBlocker({ db });
  return active.ok ? connectionsReady({ db }) : active;
}

export type StartImportResult = StartJobResult | { status: "refused"; reason: string; run?: JobRun };

/** Starts an import if the checks allow it (the run-start itself refuses a second one atomically too). */
export function startImport({ db, startedBy, job, checkConnections = true }: { db: Db; startedBy: string; job: JobKind<ImportProgress>; checkConnections?: boolean }): StartImportResult {
  const check = checkConnections ? importStartCheck({ db }) : activeImportBlocker({ db });
  if (!check.ok) return { status: "refused", reason: check.reason, run: check.activeRun };
  const result = startJob(job, { db, startedBy });
  if (result.status === "already-active") {
    const again = activeImportBlocker({ db });
    return { status: "refused", reason: again.ok ? "Another import started at the same moment." : again.reason, run: result.run };
  }
  return result;
}
