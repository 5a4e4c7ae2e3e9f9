import type { Db } from "@/db";
import { importSchedule, type ImportScheduleRow } from "@/db/schema";

/** The import schedule: one row (id = 1); none means off. */

export function getImportSchedule({ db }: { db: Db }): ImportScheduleRow | undefined {
  return db.select().from(importSchedule).get();
}

export function saveImportSchedule({
  db,
  everyHours,
  updatedBy,
  now = new Date(),
}: {
  db: Db;
  everyHours: number | null;
  updatedBy: string;
  now?: Date;
}): ImportScheduleRow {
  const values = { everyHours, updatedBy, updatedAt: now };
  return db
    .insert(importSchedule)
    .values({ id: 1, ...values })
    .onConflictDoUpdate({ target: importSchedule.id, set: values })
    .returning()
    .get();
}
