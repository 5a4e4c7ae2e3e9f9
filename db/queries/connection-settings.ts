import { eq } from "drizzle-orm";
import { connectionSettings, type ConnectionSettingsRow } from "@/db/schema";
import type { DbOrTx } from "@/db/transaction";

export type { DbOrTx };

/** The connection settings live in a single row; this is its id. */
const SETTINGS_ID = 1;

export type ConnectionSettingsValues = Omit<ConnectionSettingsRow, "id">;

export function getConnectionSettingsRow({ db }: { db: DbOrTx }): ConnectionSettingsRow | undefined {
  return db.select().from(connectionSettings).where(eq(connectionSettings.id, SETTINGS_ID)).get();
}

/**
 * Writes the given columns of the settings row, creating it on first save. Columns left out
 * keep their stored value (an empty secret input means "keep the saved one").
 */
export function upsertConnectionSettings({
  db,
  values,
}: {
  db: DbOrTx;
  values: Partial<ConnectionSettingsValues>;
}): ConnectionSettingsRow {
  return db
    .insert(connectionSettings)
    .values({ ...values, id: SETTINGS_ID })
    .onConflictDoUpdate({ target: connectionSettings.id, set: values })
    .returning()
    .get();
}
