import { warmBoardData } from "@/lib/decisions/board-data";
import { snapshotRefreshJob } from "@/lib/snapshot/refresh";
import { withAfterSuccess, type JobKind } from "./types";

/**
 * Every kind of run the dashboard starts, as the dashboard starts it, so start-up recovery
 * knows them all. The match board's warm-up is the snapshot refresh's after-success hook here,
 * which keeps lib/snapshot free of the board.
 */
export const snapshotJob = withAfterSuccess(snapshotRefreshJob(), ({ db }) => warmBoardData({ db }));

export const jobKinds: Record<string, JobKind<object>> = {
  snapshot: snapshotJob as unknown as JobKind<object>,
};
