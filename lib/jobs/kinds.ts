import { warmBoardData } from "@/lib/decisions/board-data";
import { snapshotRefreshJob } from "@/lib/snapshot/refresh";
import { planJob } from "@/lib/sync/plan-job";
import { importJob } from "@/lib/sync/import-job";
import { withAfterSuccess, type JobKind } from "./types";

/**
 * Every kind of run the dashboard starts, as the dashboard starts it, so start-up recovery
 * knows them all. The match board's warm-up is the snapshot refresh's after-success hook here,
 * which keeps lib/snapshot free of the board.
 */
export const snapshotJob = withAfterSuccess(snapshotRefreshJob(), ({ db }) => warmBoardData({ db }));

/** Imports as the dashboard and the schedule run them (connected through the saved settings). */
export const importRunJob = importJob();

export const jobKinds: Record<string, JobKind<object>> = {
  snapshot: snapshotJob as unknown as JobKind<object>,
  plan: planJob as unknown as JobKind<object>,
  import: importRunJob as unknown as JobKind<object>,
};
