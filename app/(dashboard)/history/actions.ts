"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db";
import { saveImportSchedule } from "@/db/queries/import-schedule";
import { validatedAction } from "@/lib/auth/session";
import { getScheduleView } from "@/lib/sync/import-schedule";

/** The longest interval offered: a month. */
const MAX_HOURS = 24 * 31;

const scheduleSchema = z.object({
  // An empty field means off, like 0.
  everyHours: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? 0 : v),
    z.coerce.number({ error: "Enter a whole number of hours." }).int("Enter a whole number of hours.").min(0, "Enter 0 (off) or more.").max(MAX_HOURS, `At most ${MAX_HOURS} hours (a month).`),
  ),
});

export const saveScheduleAction = validatedAction(scheduleSchema, { role: "admin" }, async ({ everyHours }, user) => {
  const db = getDb();
  saveImportSchedule({ db, everyHours: everyHours === 0 ? null : everyHours, updatedBy: user.email });
  revalidatePath("/history");
  const view = getScheduleView({ db });
  return {
    status: "ok",
    message: view.everyHours ? `The import runs every ${view.everyHours} hour${view.everyHours === 1 ? "" : "s"}.` : "The schedule is off.",
    data: view,
  };
});
