import type { Db } from "@/db";
import { syncSettings, type SyncSettingsRow } from "@/db/schema";

/** The import's settings document: one row (id = 1); lib/sync/settings.ts validates its JSON. */

const ROW_ID = 1;

export function getSyncSettingsRow({ db }: { db: Db }): SyncSettingsRow | undefined {
  return db.select().from(syncSettings).get();
}

export function saveSyncSettingsRow({
  db,
  settingsJson,
  updatedBy,
  updatedAt = new Date(),
}: {
  db: Db;
  settingsJson: string;
  updatedBy: string | null;
  updatedAt?: Date;
}): SyncSettingsRow {
  const values = { settingsJson, updatedAt, updatedBy };
  return db
    .insert(syncSettings)
    .values({ id: ROW_ID, ...values })
    .onConflictDoUpdate({ target: syncSettings.id, set: values })
    .returning()
    .get();
}
