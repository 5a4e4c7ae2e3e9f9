import type { Db } from "@/db";
import { getLatestSyncPlanInfo, getSyncPlan } from "@/db/queries/sync-plans";
import { sortForPreview } from "./plan-view";
import type { Plan, PlanItem } from "./types";

/**
 * The newest prepared plan, parsed once and kept in memory: a large MSP's plan is tens of
 * megabytes of JSON, and the preview asks for a page at a time. Kept on globalThis so dev-mode
 * module reloads reuse it.
 */

export interface StoredPlan {
  id: number;
  createdAt: Date;
  plan: Plan;
  /** Items in preview order (sortForPreview). */
  sorted: PlanItem[];
}

const globalForPlans = globalThis as unknown as { __latestSyncPlan?: StoredPlan };

export function loadLatestPlan({ db }: { db: Db }): StoredPlan | null {
  const info = getLatestSyncPlanInfo({ db });
  if (!info) return null;
  const cached = globalForPlans.__latestSyncPlan;
  if (cached && cached.id === info.id) return cached;
  const row = getSyncPlan({ db, id: info.id });
  if (!row) return null;
  const plan = JSON.parse(row.planJson) as Plan;
  const stored = { id: row.id, createdAt: row.createdAt, plan, sorted: sortForPreview(plan.items) };
  globalForPlans.__latestSyncPlan = stored;
  return stored;
}
