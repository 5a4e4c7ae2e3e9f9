import type { Db } from "@/db";
import { startJobRun } from "@/db/queries/job-runs";
import { getCurrentSnapshotRun, replaceSnapshot, type NewSnapshotHaloClient, type NewSnapshotHuduCompany } from "@/db/queries/snapshots";
import type { JobRun } from "@/db/schema";
import { connectFromSettings, type ConnectSources } from "@/lib/connections/connect";
import type { HttpEvent, HttpEventHandler } from "@/lib/http/events";
import { processOwner } from "@/lib/jobs/owner";
import { startJob, waitForJob } from "@/lib/jobs/runner";
import type { JobKind } from "@/lib/jobs/types";
import { initialSnapshotProgress, parseSnapshotProgress, type SnapshotProgress } from "./progress";
import { readSnapshotData } from "./read";

export type { ConnectSources };

/** Most unreadable records listed on the run (the count of the rest is in the list's last line). */
const MAX_WARNINGS = 200;

/**
 * The snapshot refresh as a lib/jobs kind: reads Halo and Hudu and replaces the saved snapshot
 * at the end, in one transaction that also marks the run succeeded; a refresh that fails
 * part-way leaves the previous snapshot untouched. Not resumable: a refresh whose process died
 * is simply marked failed (reading again is the way to continue). `onProgress` also gets every
 * change (the CLI prints them).
 */
export function snapshotRefreshJob({
  connect = connectFromSettings,
  onProgress,
}: {
  connect?: ConnectSources;
  onProgress?: (change: Partial<SnapshotProgress>) => void;
} = {}): JobKind<SnapshotProgress> {
  return {
    name: "snapshot",
    label: "snapshot refresh",
    resumable: false,
    pausable: false,
    initialProgress: initialSnapshotProgress,
    parseProgress: parseSnapshotProgress,
    async run(ctx) {
      let lastPhase: string | null = ctx.current().phase;
      const progress = (change: Partial<SnapshotProgress>, force = false) => {
        onProgress?.(change);
        const phaseChanged = change.phase !== undefined && change.phase !== lastPhase;
        if (change.phase !== undefined) lastPhase = change.phase;
        ctx.progress(change, { force: force || phaseChanged });
      };
      const onEvent: HttpEventHandler = (event: HttpEvent) => {
        // Waits and retries are what make a refresh slow; say so while it happens.
        if (event.type === "wait" && event.waitMs >= 1000) progress({ message: event.message }, true);
        else if (event.type === "retry") progress({ message: event.message }, true);
      };

      const sources = await connect({ db: ctx.db, onEvent });
      const data = await readSnapshotData({
        ...sources,
        signal: ctx.signal,
        onProgress: (p) => progress({ ...p, message: p.phase !== undefined && p.phase !== lastPhase ? null : undefined }),
      });
      progress({ phase: "saving", message: null }, true);
      const warnings = data.warnings.length > MAX_WARNINGS ? [...data.warnings.slice(0, MAX_WARNINGS), `… and ${data.warnings.length - MAX_WARNINGS} more.`] : data.warnings;
      const final: SnapshotProgress = {
        ...ctx.current(),
        ...data.progress,
        phase: null,
        message: null,
        warnings,
        haloClients: data.haloClients.length,
        huduCompanies: data.huduCompanies.length,
      };
      replaceSnapshot({ db: ctx.db, runId: ctx.run.id, owner: ctx.owner, haloClients: data.haloClients, huduCompanies: data.huduCompanies, progressJson: JSON.stringify(final) });
      ctx.progress(final);
      return { status: "succeeded" };
    },
  };
}

export type RefreshResult =
  | { status: "succeeded"; run: JobRun }
  | { status: "failed"; run: JobRun; error: string }
  /** Another refresh was running; this call did nothing and returns that run. */
  | { status: "already-running"; run: JobRun };

/**
 * Refreshes the snapshot and waits for the end (the CLI and tests). The dashboard starts the
 * same job without waiting (lib/jobs/kinds.ts adds the board's warm-up to it). A refresh that
 * fails (an error, or a read that ended short of the count the service reported) leaves the
 * previous snapshot untouched and says so.
 */
export async function refreshSnapshot({
  db,
  startedBy = "system",
  connect,
  onProgress,
}: {
  db: Db;
  startedBy?: string;
  connect?: ConnectSources;
  onProgress?: (change: Partial<SnapshotProgress>) => void;
}): Promise<RefreshResult> {
  const started = startJob(snapshotRefreshJob({ connect, onProgress }), { db, startedBy });
  if (started.status === "already-active") return { status: "already-running", run: started.run };
  const run = (await waitForJob(started.run.id)) ?? started.run;
  if (run.status === "succeeded") return { status: "succeeded", run };
  return { status: "failed", run, error: withWhatWasKept(run.error ?? "The refresh did not finish.", getCurrentSnapshotRun({ db }) !== undefined) };
}

/**
 * "Halo reported 1,204 users but sent 1,100; the previous snapshot is kept." The run row keeps
 * the cause alone: the match page words what it still shows itself.
 */
function withWhatWasKept(cause: string, hadSnapshot: boolean): string {
  return `${cause.replace(/\.$/, "")}; ${hadSnapshot ? "the previous snapshot is kept" : "no snapshot was saved"}.`;
}

/**
 * Saves a snapshot read elsewhere as one finished refresh (tests and benchmarks seed the board
 * this way; the dashboard always reads through the job above).
 */
export function saveSnapshot({
  db,
  startedBy,
  haloClients,
  huduCompanies,
}: {
  db: Db;
  startedBy: string;
  haloClients: NewSnapshotHaloClient[];
  huduCompanies: NewSnapshotHuduCompany[];
}): JobRun {
  const owner = processOwner();
  const started = startJobRun({ db, kind: "snapshot", startedBy, owner, isDead: () => false, onDead: (_tx, run) => run });
  if (!started.started) throw new Error(`A snapshot refresh (run ${started.run.id}) is active; the snapshot was not saved.`);
  const progress: SnapshotProgress = { ...initialSnapshotProgress(), phase: null, haloClients: haloClients.length, huduCompanies: huduCompanies.length };
  return replaceSnapshot({ db, runId: started.run.id, owner, haloClients, huduCompanies, progressJson: JSON.stringify(progress) });
}
