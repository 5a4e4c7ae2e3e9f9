import { desc, eq, lt } from "drizzle-orm";
import type { Db } from "@/db";
import { syncPlans, type SyncPlanRow } from "@/db/schema";
import { writeTransaction } from "@/db/transaction";

/** Plans prepared for the preview; only the newest is kept. */

export function saveSyncPlan({ db, runId, planJson, createdAt = new Date() }: { db: Db; runId: number; planJson: string; createdAt?: Date }): SyncPlanRow {
  return writeTransaction(db, (tx) => {
    const row = tx.insert(syncPlans).values({ runId, planJson, createdAt }).returning().get();
    tx.delete(syncPlans).where(lt(syncPlans.id, row.id)).run();
    return row;
  });
}

/** The newest plan's id and time, without its (large) JSON. */
export function getLatestSyncPlanInfo({ db }: { db: Db }): Omit<SyncPlanRow, "planJson"> | undefined {
  return db
    .select({ id: syncPlans.id, runId: syncPlans.runId, createdAt: syncPlans.createdAt })
    .from(syncPlans)
    .orderBy(desc(syncPlans.id))
    .limit(1)
    .get();
}

export function getSyncPlan({ db, id }: { db: Db; id: number }): SyncPlanRow | undefined {
  return db.select().from(syncPlans).where(eq(syncPlans.id, id)).get();
}
