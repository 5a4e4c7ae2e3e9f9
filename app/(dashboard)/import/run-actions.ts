"use server";

import { z } from "zod";
import { getDb } from "@/db";
import { validatedAction } from "@/lib/auth/session";
import { importRunJob } from "@/lib/jobs/kinds";
import { requestJob, resumeJob } from "@/lib/jobs/runner";
import { startImport } from "@/lib/sync/import-start";
import { runIdSchema } from "@/lib/sync/run-id";

/**
 * Starting, pausing, resuming and cancelling import runs (admins only). The preview's Start
 * import control and the run page call these; the run itself goes on in the background.
 */

export const startImportAction = validatedAction(z.object({}), { role: "admin" }, async (_input, user) => {
  const result = startImport({ db: getDb(), startedBy: user.email, job: importRunJob });
  if (result.status === "refused") return { status: "invalid", message: result.reason };
  return { status: "ok", message: `Import #${result.run.id} started.`, data: { runId: result.run.id } };
});

const runSchema = z.object({ runId: runIdSchema });

export const pauseImportAction = validatedAction(runSchema, { role: "admin" }, async ({ runId }) => {
  const result = requestJob({ db: getDb(), id: runId, request: "pause" });
  if (result.status === "not-active") return { status: "invalid", message: "This import is not running any more." };
  return { status: "ok", message: "Pausing after the requests in flight…" };
});

export const resumeImportAction = validatedAction(runSchema, { role: "admin" }, async ({ runId }) => {
  const result = resumeJob(importRunJob, { db: getDb(), id: runId });
  if (result.status !== "resumed") return { status: "invalid", message: "This import is not paused." };
  return { status: "ok", message: "Resumed." };
});

export const cancelImportAction = validatedAction(runSchema, { role: "admin" }, async ({ runId }) => {
  const result = requestJob({ db: getDb(), id: runId, request: "cancel" });
  if (result.status === "not-active") return { status: "invalid", message: "This import has already ended." };
  return { status: "ok", message: result.status === "cancelled" ? "Cancelled." : "Cancelling after the requests in flight…" };
});
