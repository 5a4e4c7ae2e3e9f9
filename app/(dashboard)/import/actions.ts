"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db";
import { validatedAction } from "@/lib/auth/session";
import { connectHuduFromSettings } from "@/lib/connections/connect";
import { toSyncError } from "@/lib/errors";
import { reviewMatchers, saveMatcherOptions, writeMatcherChanges } from "@/lib/sync/matchers";
import { startPlanPreparation } from "@/lib/sync/plan-job";

/** Starts preparing a preview (reads Halo and Hudu in the background; the page polls it). */
export const preparePreviewAction = validatedAction(z.object({}), { role: "admin" }, async (_input, user) => {
  const started = startPlanPreparation({ db: getDb(), startedBy: user.email });
  if (started.status === "already-active") {
    return { status: "ok", message: `A preview started by ${started.run.startedBy} is being prepared; showing its progress.` };
  }
  return { status: "ok" };
});

/** Which of Hudu's own Halo matchers disagree with the board (reads Hudu; changes nothing). */
export const reviewMatchersAction = validatedAction(z.object({}), { role: "viewer" }, async () => {
  const db = getDb();
  try {
    const review = await reviewMatchers({ db, hudu: await connectHuduFromSettings({ db }) });
    return { status: "ok", data: review };
  } catch (error) {
    return { status: "error", message: toSyncError(error, "hudu").userMessage };
  }
});

const matcherOptionsSchema = z.object({
  write: z.boolean(),
  integrationId: z.coerce.number().int().positive().max(1_000_000_000).nullable(),
});

export const saveMatcherOptionsAction = validatedAction(matcherOptionsSchema, { role: "admin" }, async (input, user) => {
  const result = saveMatcherOptions({ db: getDb(), write: input.write, integrationId: input.integrationId, updatedBy: user.email });
  revalidatePath("/import");
  return result;
});

/** Writes the board's matches into Hudu's matchers now (the admin confirmed the count shown). */
export const writeMatchersAction = validatedAction(z.object({ expected: z.number().int().min(0) }), { role: "admin" }, async (input) => {
  const db = getDb();
  try {
    const hudu = await connectHuduFromSettings({ db });
    const review = await reviewMatchers({ db, hudu });
    if (review.status !== "ok") return { status: "error", message: review.message };
    if (review.changes.length !== input.expected) {
      return { status: "invalid", message: `Hudu's matchers or the board changed since you looked (${review.changes.length} to change now, not ${input.expected}); nothing was written. Check again.` };
    }
    const written = await writeMatcherChanges({ hudu, changes: review.changes });
    const failed = written.failed.length ? ` ${written.failed.length} refused: ${written.failed.map((f) => `${f.name}: ${f.message}`).join(" ")}` : "";
    return { status: written.failed.length ? "error" : "ok", message: `Updated ${written.updated} of Hudu's matchers.${failed}` };
  } catch (error) {
    return { status: "error", message: toSyncError(error, "hudu").userMessage };
  }
});
