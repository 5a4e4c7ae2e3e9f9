import type { Db } from "@/db";
import {
  failSnapshotRun,
  getCurrentSnapshotRun,
  getSnapshotRun,
  replaceSnapshot,
  startSnapshotRun,
  updateSnapshotRunProgress,
  type SnapshotProgress,
} from "@/db/queries/snapshots";
import type { SnapshotRun } from "@/db/schema";
import { errorForLog, toSyncError } from "@/lib/errors";
import type { HttpEvent, HttpEventHandler } from "@/lib/http/events";
import { connectFromSettings, type ConnectSources } from "@/lib/connections/connect";
import { readSnapshotData } from "./read";

export type { ConnectSources };

export type RefreshResult =
  | { status: "succeeded"; run: SnapshotRun }
  | { status: "failed"; run: SnapshotRun; error: string }
  /** Another refresh was running; this call did nothing and returns that run. */
  | { status: "already-running"; run: SnapshotRun };

/** Progress rows are written at most this often (a sweep yields thousands of records). */
const PROGRESS_WRITE_MS = 500;

/**
 * Reads Halo and Hudu and replaces the saved snapshot at the end, in one transaction; a refresh
 * that fails part-way (an error, or a read that ended short of the count the service reported)
 * records the error on its run, leaves the previous snapshot untouched and says so.
 * Progress goes to the run row (the board polls it) and to `onProgress`.
 *
 * `runId` continues a run the caller already created (the background runner does, so it can
 * answer the request at once); otherwise a run is started here, unless one is already running.
 */
export async function refreshSnapshot({
  db,
  startedBy = "system",
  runId,
  onProgress,
  connect = connectFromSettings,
  signal,
}: {
  db: Db;
  startedBy?: string;
  runId?: number;
  onProgress?: (progress: SnapshotProgress & { runId: number }) => void;
  connect?: ConnectSources;
  signal?: AbortSignal;
}): Promise<RefreshResult> {
  let run: SnapshotRun;
  if (runId === undefined) {
    const started = startSnapshotRun({ db, startedBy });
    if (!started.started) return { status: "already-running", run: started.run };
    run = started.run;
  } else {
    const existing = getSnapshotRun({ db, id: runId });
    if (!existing) throw new Error(`Snapshot run ${runId} does not exist.`);
    run = existing;
  }
  const id = run.id;

  let lastWrite = 0;
  let lastPhase: string | null | undefined;
  const progress = (change: SnapshotProgress, force = false) => {
    onProgress?.({ ...change, runId: id });
    const now = Date.now();
    const phaseChanged = change.phase !== undefined && change.phase !== lastPhase;
    if (!force && !phaseChanged && now - lastWrite < PROGRESS_WRITE_MS) return;
    lastWrite = now;
    if (change.phase !== undefined) lastPhase = change.phase;
    updateSnapshotRunProgress({ db, id, progress: change });
  };
  const onEvent: HttpEventHandler = (event: HttpEvent) => {
    // Waits and retries are what make a refresh slow; say so while it happens.
    if (event.type === "wait" && event.waitMs >= 1000) progress({ message: event.message }, true);
    else if (event.type === "retry") progress({ message: event.message }, true);
  };

  try {
    const sources = await connect({ db, onEvent });
    const data = await readSnapshotData({
      ...sources,
      signal,
      onProgress: (p) => progress({ ...p, message: p.phase !== lastPhase ? null : undefined }),
    });
    progress({ phase: "saving", message: null }, true);
    const saved = replaceSnapshot({
      db,
      runId: id,
      haloClients: data.haloClients,
      huduCompanies: data.huduCompanies,
      warnings: data.warnings,
      progress: data.progress,
    });
    return { status: "succeeded", run: saved };
  } catch (error) {
    const syncError = toSyncError(error);
    console.error(`Snapshot refresh ${id} failed: ${errorForLog(syncError)}`);
    failSnapshotRun({ db, id, error: syncError.userMessage });
    const message = withWhatWasKept(syncError.userMessage, getCurrentSnapshotRun({ db }) !== undefined);
    return { status: "failed", run: getSnapshotRun({ db, id }) ?? run, error: message };
  }
}

/**
 * "Halo reported 1,204 users but sent 1,100; the previous snapshot is kept." The run row keeps
 * the cause alone: the match page words what it still shows itself.
 */
function withWhatWasKept(cause: string, hadSnapshot: boolean): string {
  return `${cause.replace(/\.$/, "")}; ${hadSnapshot ? "the previous snapshot is kept" : "no snapshot was saved"}.`;
}
