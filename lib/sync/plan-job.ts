import { z } from "zod";
import type { Db } from "@/db";
import { getLatestJobRun } from "@/db/queries/job-runs";
import { saveSyncPlan } from "@/db/queries/sync-plans";
import type { JobRun } from "@/db/schema";
import { connectFromSettings, type ConnectSources } from "@/lib/connections/connect";
import type { HttpEvent } from "@/lib/http/events";
import { safeJson } from "@/lib/jobs/progress";
import { startJob, waitForJob, type StartJobResult } from "@/lib/jobs/runner";
import type { JobKind } from "@/lib/jobs/types";
import { preparePlan } from "./load";

/**
 * Preparing the preview is a background job (kind "plan"): reading both sides takes minutes on a
 * large MSP, under both services' rate limits. Its progress says what is being read; when it
 * succeeds the plan is saved (sync_plans) and the preview shows it.
 */

export const planProgressSchema = z.object({
  /** Plain words: "reading Halo users, page 12 of 40", "waiting 40 s for Hudu's rate limit". */
  message: z.string().nullable().catch(null),
  /** The saved plan, once the run succeeded. */
  planId: z.number().nullable().catch(null),
});
export type PlanProgress = z.infer<typeof planProgressSchema>;

const initialPlanProgress = (): PlanProgress => ({ message: "starting", planId: null });

export function parsePlanProgress(json: unknown): PlanProgress {
  const parsed = planProgressSchema.safeParse(json ?? {});
  return parsed.success ? parsed.data : initialPlanProgress();
}

export function planPreparationJob({ connect = connectFromSettings }: { connect?: ConnectSources } = {}): JobKind<PlanProgress> {
  return {
    name: "plan",
    label: "preview",
    resumable: false,
    pausable: false,
    initialProgress: initialPlanProgress,
    parseProgress: parsePlanProgress,
    async run(ctx) {
      const onEvent = (event: HttpEvent) => {
        // Waits and retries are what make a read slow; say so while it happens.
        if ((event.type === "wait" && event.waitMs >= 1000) || event.type === "retry") ctx.progress({ message: event.message }, { force: true });
      };
      const plan = await preparePlan({ db: ctx.db, connect, onEvent, signal: ctx.signal, onProgress: (p) => ctx.progress({ message: p.message }) });
      ctx.progress({ message: "saving the plan" }, { force: true });
      const saved = saveSyncPlan({ db: ctx.db, runId: ctx.run.id, planJson: JSON.stringify(plan) });
      ctx.progress({ message: null, planId: saved.id }, { force: true });
      return { status: "succeeded" };
    },
  };
}

export const planJob = planPreparationJob();

/** Starts preparing a preview in the background (or returns the one already being prepared). */
export function startPlanPreparation({ db, startedBy, connect }: { db: Db; startedBy: string; connect?: ConnectSources }): StartJobResult {
  return startJob(connect ? planPreparationJob({ connect }) : planJob, { db, startedBy });
}

/** Prepares a preview and waits for it (tests, scripts). */
export async function preparePlanRun({ db, startedBy, connect }: { db: Db; startedBy: string; connect?: ConnectSources }): Promise<JobRun> {
  const started = startPlanPreparation({ db, startedBy, connect });
  return (await waitForJob(started.run.id)) ?? started.run;
}

export interface PlanRunView {
  id: number;
  status: JobRun["status"];
  startedAt: string;
  finishedAt: string | null;
  startedBy: string;
  message: string | null;
  planId: number | null;
  error: string | null;
}

/** The newest preview preparation, as the page shows it. */
export function latestPlanRun({ db }: { db: Db }): PlanRunView | null {
  const run = getLatestJobRun({ db, kind: "plan" });
  if (!run) return null;
  const progress = parsePlanProgress(safeJson(run.progressJson));
  return {
    id: run.id,
    status: run.status,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt ? run.finishedAt.toISOString() : null,
    startedBy: run.startedBy,
    message: progress.message,
    planId: progress.planId,
    error: run.error,
  };
}
