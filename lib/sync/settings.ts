import type { Db } from "@/db";
import { getSyncSettingsRow, saveSyncSettingsRow } from "@/db/queries/sync-settings";
import { SyncError } from "@/lib/errors";
import { defaultSyncSettings, describeSettingsIssues, syncSettingsSchema, type SyncSettings } from "./settings-schema";

export * from "./settings-schema";

/**
 * Reads the saved import settings (defaults when none were saved). A stored document that no
 * longer validates (edited by hand, or written by an older version) is refused with a message
 * that names what is wrong, rather than being silently replaced: saving the Layouts page again
 * fixes it.
 */
export function loadSyncSettings({ db }: { db: Db }): SyncSettings {
  const row = getSyncSettingsRow({ db });
  if (!row) return defaultSyncSettings();
  let json: unknown;
  try {
    json = JSON.parse(row.settingsJson);
  } catch {
    throw malformed("it is not valid JSON");
  }
  const parsed = syncSettingsSchema.safeParse(json);
  if (!parsed.success) throw malformed(describeSettingsIssues(parsed.error));
  return parsed.data;
}

function malformed(why: string): SyncError {
  return new SyncError({
    code: "invalid_config",
    userMessage: `The saved layout and mapping settings cannot be used: ${why}. Open Layouts, correct them and save.`,
    detail: why,
  });
}

export type SaveSyncSettingsResult = { status: "saved"; settings: SyncSettings } | { status: "invalid"; message: string };

/** Validates and saves the whole settings document. */
export function saveSyncSettings({ db, settings, updatedBy }: { db: Db; settings: unknown; updatedBy: string | null }): SaveSyncSettingsResult {
  const parsed = syncSettingsSchema.safeParse(settings);
  if (!parsed.success) return { status: "invalid", message: describeSettingsIssues(parsed.error) };
  saveSyncSettingsRow({ db, settingsJson: JSON.stringify(parsed.data), updatedBy });
  return { status: "saved", settings: parsed.data };
}
