import type { Command } from "commander";
import type { Db } from "@/db";
import type { JobRun } from "@/db/schema";
import { requestJob, resumeJob, startJob, waitForJob } from "@/lib/jobs/runner";
import { runConnectionTest } from "@/lib/settings/connection-tests";
import { serviceName } from "@/lib/settings/fields";
import { importJob } from "@/lib/sync/import-job";
import { PHASE_TEXT, type ImportProgress } from "@/lib/sync/import-progress";
import { getImportRunView, listFailedRecords } from "@/lib/sync/import-report";
import { formatDuration, type ImportTotals } from "@/lib/sync/import-view";
import { cliContext, type CliContext } from "../context";
import { EXIT } from "../errors";
import { totalsLine } from "./runs";

/**
 * `import [--json]`: runs the current plan to the end, as the dashboard's Start import does:
 * reads Halo and Hudu, plans, and executes, with progress on stderr and the totals at the end.
 * Tests both connections itself first. An import that is paused, or whose process died, is
 * continued instead of starting another. Ctrl-C pauses the run (run `import` again to continue).
 *
 * Exit codes: 0 every record succeeded, 1 some failed (or the run was paused or cancelled),
 * 2 a fatal error (a connection test failed, the run stopped, or another import is running).
 * A cron line for a nightly import: see the README.
 */

export function register(program: Command): void {
  program
    .command("import")
    .description("run the import to the end: read Halo and Hudu, plan, write to Hudu (exit 0 all succeeded, 1 some failed, 2 fatal)")
    .action(async (_options: unknown, command: Command) => {
      process.exitCode = await runImportCommand(cliContext(command));
    });
}

/** Progress lines on stderr at most this often (phase changes and waits are always shown). */
const PROGRESS_EVERY_MS = 2_000;

async function runImportCommand(ctx: CliContext): Promise<number> {
  const db = ctx.db();
  const tested = await testBoth(ctx, db);
  if (!tested) return EXIT.usage;

  let lastPhase = "";
  let lastLine = 0;
  let lastWait = "";
  const job = importJob({
    onProgress: (p: ImportProgress) => {
      const now = Date.now();
      if (p.phase !== lastPhase) {
        lastPhase = p.phase;
        ctx.out.log(`${PHASE_TEXT[p.phase]}…`);
      }
      if (p.wait && p.wait.until !== lastWait) {
        lastWait = p.wait.until;
        ctx.out.log(`  waiting for ${serviceName(p.wait.service)}'s rate limit until ${new Date(p.wait.until).toLocaleTimeString()}`);
      }
      if (p.activity && now - lastLine >= PROGRESS_EVERY_MS) {
        lastLine = now;
        ctx.out.log(`  ${p.activity}`);
      }
    },
  });

  const run = begin(ctx, db, job);
  if (!run) return EXIT.usage;

  // Ctrl-C pauses (the run can be continued); a second Ctrl-C leaves at once.
  let interrupted = false;
  const onSigint = () => {
    if (interrupted) process.exit(EXIT.failed);
    interrupted = true;
    ctx.out.log("Pausing after the requests in flight… (Ctrl-C again to quit at once)");
    requestJob({ db, id: run.id, request: "pause" });
  };
  process.on("SIGINT", onSigint);
  const final = (await waitForJob(run.id)) ?? run;
  process.off("SIGINT", onSigint);
  return report(ctx, db, final);
}

/** Both connection tests, printed; false when either fails or is not configured. */
async function testBoth(ctx: CliContext, db: Db): Promise<boolean> {
  ctx.out.log("Testing the Halo and Hudu connections…");
  const outcomes = await Promise.all((["halo", "hudu"] as const).map((service) => runConnectionTest({ db, service })));
  let ok = true;
  for (const outcome of outcomes) {
    const name = serviceName(outcome.service);
    if (outcome.status === "not-configured") {
      ctx.out.log(`${name}: not configured. ${outcome.message}`);
      ok = false;
    } else if (!outcome.result.ok) {
      const failed = outcome.result.checks.find((c) => !c.ok && !c.skipped);
      ctx.out.log(`${name}: the connection test failed${failed ? `: ${failed.message}` : "."}`);
      ok = false;
    }
  }
  if (!ok) ctx.out.result({ error: { code: "connection_test_failed", message: "A connection test failed; nothing was imported." } });
  return ok;
}

/** Starts the import, or continues a paused or interrupted one; undefined when another process has one running. */
function begin(ctx: CliContext, db: Db, job: ReturnType<typeof importJob>): JobRun | undefined {
  const started = startJob(job, { db, startedBy: "cli" });
  if (started.status === "started") {
    ctx.out.log(`Import #${started.run.id} started.`);
    return started.run;
  }
  if (started.status === "resumed") {
    ctx.out.log(`Continuing import #${started.run.id}, which stopped without finishing (its process ended).`);
    return started.run;
  }
  if (started.run.status === "paused") {
    const resumed = resumeJob(job, { db, id: started.run.id });
    if (resumed.status === "resumed") {
      ctx.out.log(`Continuing paused import #${started.run.id}.`);
      return resumed.run;
    }
  }
  const message = `Import #${started.run.id} (started by ${started.run.startedBy}) is still running in another process. One import runs at a time.`;
  ctx.out.log(message);
  ctx.out.result({ error: { code: "already_running", message, runId: started.run.id } });
  return undefined;
}

function report(ctx: CliContext, db: Db, run: JobRun): number {
  const view = getImportRunView({ db, id: run.id });
  const totals: ImportTotals | undefined = view?.totals;
  const failures = listFailedRecords({ db, runId: run.id });
  ctx.out.result({
    run: { id: run.id, status: run.status, startedAt: run.startedAt.toISOString(), finishedAt: run.finishedAt?.toISOString() ?? null, error: run.error },
    totals,
    byType: view?.byType,
    failures,
  });
  const duration = view ? ` in ${formatDuration(view.durationMs)}` : "";
  if (!ctx.json) {
    ctx.out.print(`Import #${run.id} ${run.status}${duration}.`);
    if (totals) ctx.out.print(totalsLine(totals));
    for (const f of failures.slice(0, 50)) ctx.out.print(`  ${ctx.out.red("✗")} ${f.type} "${f.name}" (${f.companyName}): ${f.message}`);
    if (failures.length > 50) ctx.out.print(`  … and ${failures.length - 50} more (see the run's report in the dashboard, or --json).`);
  }
  if (run.status === "failed") {
    ctx.out.log(`The import stopped: ${run.error ?? "unknown reason"} Run \`import\` again to continue; nothing is created twice.`);
    return EXIT.usage;
  }
  if (run.status === "paused") ctx.out.log("Paused. Run `import` again (or resume it in the dashboard) to continue.");
  if (run.status === "cancelled") ctx.out.log("Cancelled.");
  if (run.status !== "succeeded" || (totals?.failed ?? 0) > 0) return EXIT.failed;
  return EXIT.ok;
}
