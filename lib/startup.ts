import { getDb } from "@/db";
import { countUsers, createFirstAdmin } from "@/db/queries/users";
import { hashPassword } from "@/lib/auth/password";
import { MAX_PASSWORD_BYTES } from "@/lib/auth/password-policy";
import { env } from "@/lib/env";
import { heapCeilingWarning } from "@/lib/jobs/heap-ceiling";
import { importRunJob, jobKinds } from "@/lib/jobs/kinds";
import { recoverJobs } from "@/lib/jobs/runner";
import { runScheduleTick, startImportScheduler } from "@/lib/sync/import-schedule";

export async function startServer(): Promise<void> {
  const e = env();
  const db = getDb();
  if (e.ADMIN_PASSWORD && Buffer.byteLength(e.ADMIN_PASSWORD, "utf8") > MAX_PASSWORD_BYTES) {
    // bcrypt would ignore the rest, so the admin would sign in with only its beginning.
    throw new Error(`ADMIN_PASSWORD must be at most ${MAX_PASSWORD_BYTES} bytes (bcrypt ignores the rest).`);
  }
  if (e.ADMIN_EMAIL && e.ADMIN_PASSWORD && countUsers({ db }) === 0) {
    const user = createFirstAdmin({ db, email: e.ADMIN_EMAIL, passwordHash: await hashPassword(e.ADMIN_PASSWORD) });
    if (user) console.log(`Created the first admin ${user.email} from ADMIN_EMAIL.`);
  }
  const heapWarning = heapCeilingWarning();
  if (heapWarning) console.warn(heapWarning);
  // Runs left "running" by a crash or kill -9 continue here (an import) or are marked failed.
  const { resumed, failed } = recoverJobs({ db, kinds: jobKinds });
  for (const run of resumed) console.log(`Resuming the ${run.kind} run ${run.id} that was interrupted.`);
  for (const run of failed) console.log(`Marked the ${run.kind} run ${run.id} failed: its process had stopped.`);

  // Every minute: the import schedule, and runs whose process died since (a CLI import killed).
  startImportScheduler({
    tick: async () => {
      recoverJobs({ db, kinds: jobKinds });
      const tick = await runScheduleTick({ db, job: importRunJob });
      if (tick.status === "started") console.log(`Scheduled import #${tick.run.id} started.`);
      else if (tick.status === "skipped" || tick.status === "failed") console.log(`Scheduled import: ${tick.run.error}`);
    },
  });
}

/** A server that cannot read its settings or open its database must not start half-working. */
export async function startServerOrExit(): Promise<void> {
  try {
    await startServer();
  } catch (error) {
    console.error(`Halo → Hudu Sync cannot start.\n${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
