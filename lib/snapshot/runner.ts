import type { Db } from "@/db";
import { failSnapshotRun, startSnapshotRun } from "@/db/queries/snapshots";
import type { SnapshotRun } from "@/db/schema";
import { loadBoardData } from "@/lib/decisions/board-data";
import { errorForLog } from "@/lib/errors";
import { refreshSnapshot, type ConnectSources, type RefreshResult } from "./refresh";

/**
 * Runs snapshot refreshes in the background of the Next server: a request starts one and returns
 * at once; the page follows progress through the run row. One refresh at a time per database
 * (the run table says which is running, so a CLI refresh counts too). The promises live on
 * globalThis so dev-mode module reloads do not lose track of a running refresh.
 */
const globalForRunner = globalThis as unknown as { __snapshotRunner?: Map<number, Promise<RefreshResult>> };
const running = (globalForRunner.__snapshotRunner ??= new Map());

export function startBackgroundRefresh({
  db,
  startedBy,
  connect,
}: {
  db: Db;
  startedBy: string;
  connect?: ConnectSources;
}): { run: SnapshotRun; started: boolean } {
  const { run, started } = startSnapshotRun({ db, startedBy });
  if (!started) return { run, started };
  const promise = refreshSnapshot({ db, runId: run.id, startedBy, connect })
    .then((result) => {
      // Run the matching engine now, so the first board load after the refresh is quick.
      if (result.status === "succeeded") setTimeout(() => warmBoard(db), 0);
      return result;
    })
    .catch((error: unknown): RefreshResult => {
      // refreshSnapshot records its own failures; this is only for a bug in it.
      console.error(`Snapshot refresh ${run.id} crashed: ${errorForLog(error)}`);
      const message = "The refresh stopped unexpectedly. The details are in the server log.";
      failSnapshotRun({ db, id: run.id, error: message });
      return { status: "failed", run, error: message };
    })
    .finally(() => running.delete(run.id));
  running.set(run.id, promise);
  return { run, started };
}

function warmBoard(db: Db): void {
  try {
    loadBoardData({ db });
  } catch (error) {
    // Only a warm-up: the board computes it again on its first request.
    console.error(`Could not precompute the match suggestions: ${errorForLog(error)}`);
  }
}

/** The promise of a refresh started in this process (tests and the CLI wait on it). */
export function backgroundRefresh(runId: number): Promise<RefreshResult> | undefined {
  return running.get(runId);
}
