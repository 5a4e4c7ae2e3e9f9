"use server";

import { z } from "zod";
import { getDb } from "@/db";
import { validatedAction } from "@/lib/auth/session";
import { startPlanPreparation } from "@/lib/sync/plan-job";

/** Starts preparing a preview (reads Halo and Hudu in the background; the page polls it). */
export const preparePreviewAction = validatedAction(z.object({}), { role: "admin" }, async (_input, user) => {
  const started = startPlanPreparation({ db: getDb(), startedBy: user.email });
  if (started.status === "already-active") {
    return { status: "ok", message: `A preview started by ${started.run.startedBy} is being prepared; showing its progress.` };
  }
  return { status: "ok" };
});
