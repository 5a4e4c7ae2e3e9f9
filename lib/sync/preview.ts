import type { Db } from "@/db";
import { latestPlanRun, type PlanRunView } from "./plan-job";
import { loadLatestPlan } from "./plan-store";
import { planPage, planSummary, type PlanPageView, type PlanQuery, type PlanSummaryView } from "./plan-view";

/** What the preview page polls: the newest preparation and the plan it shows. */
export interface PreviewStatus {
  run: PlanRunView | null;
  summary: PlanSummaryView | null;
}

export function previewStatus({ db }: { db: Db }): PreviewStatus {
  const stored = loadLatestPlan({ db });
  return { run: latestPlanRun({ db }), summary: stored ? planSummary(stored.id, stored.plan) : null };
}

/** One page of the newest plan's items (null when no plan was prepared yet). */
export function previewPage({ db, query }: { db: Db; query: PlanQuery }): (PlanPageView & { planId: number }) | null {
  const stored = loadLatestPlan({ db });
  return stored ? { planId: stored.id, ...planPage(stored.sorted, query) } : null;
}
