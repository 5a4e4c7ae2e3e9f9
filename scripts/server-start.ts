/**
 * The server's start-up without the web pages, for tests that kill the server: runs what
 * instrumentation.ts runs when `next start` boots (lib/startup.ts: recovery of runs a killed
 * process left behind, the schedule) and, with --start-import, starts an import as the
 * dashboard's Start import button does. Stays up while an import runs in it, then exits.
 *
 *   DATABASE_PATH=… HALO_…=… HUDU_…=… npx tsx scripts/server-start.ts [--start-import]
 */
import { getDb } from "@/db";
import { getActiveJobRun } from "@/db/queries/job-runs";
import { importRunJob } from "@/lib/jobs/kinds";
import { waitForJob } from "@/lib/jobs/runner";
import { startServer } from "@/lib/startup";
import { startImport } from "@/lib/sync/import-start";

async function main(): Promise<void> {
  await startServer();
  const db = getDb();
  if (process.argv.includes("--start-import")) {
    const started = startImport({ db, startedBy: "admin@example.com", job: importRunJob, checkConnections: false });
    console.log(started.status === "refused" ? `Not started: ${started.reason}` : `Import #${started.run.id} ${started.status}.`);
  }
  const active = getActiveJobRun({ db, kind: "import" });
  if (active) {
    const run = await waitForJob(active.id);
    console.log(`Import #${active.id} ${run?.status ?? "gone"}.`);
  }
  process.exit(0);
}

void main();
