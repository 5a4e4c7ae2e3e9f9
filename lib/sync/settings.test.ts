import { describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { withMemoryDatabase } from "@/db/testing";
import { saveSyncSettingsRow } from "@/db/queries/sync-settings";
import { SyncError } from "@/lib/errors";
import { defaultSyncSettings } from "./settings-schema";
import { loadSyncSettings, saveSyncSettings } from "./settings";

let db: Db;
withMemoryDatabase((opened) => (db = opened));

describe("sync settings", () => {
  it("are the defaults until saved: no layouts, the recommended mapping, archive what is gone, active contracts only", () => {
    const settings = loadSyncSettings({ db });
    expect(settings.layouts).toEqual({ site: null, contact: null, contract: null });
    expect(settings.mapping.contact.map((m) => m.label)).toContain("Halo ID");
    expect(settings.options).toEqual({ includeInactive: false, contractsActiveOnly: true, whenGone: "archive" });
    expect(settings.company.matched).toBe("fill-empty");
  });

  it("refuses a mapping without the Halo id, an unknown Halo field or a layout field mapped twice, saying which", () => {
    const s = defaultSyncSettings();
    s.mapping.site = [
      { source: "phone", label: "Phone" },
      { source: "fax", label: "Phone" },
    ];
    const result = saveSyncSettings({ db, settings: s, updatedBy: "t" });
    expect(result.status).toBe("invalid");
    const message = result.status === "invalid" ? result.message : "";
    expect(message).toContain('"fax" is not a Halo site field');
    expect(message).toContain('"Phone" is mapped twice');
    expect(message).toContain("the Halo id must go into a layout field");
    // Nothing was saved.
    expect(loadSyncSettings({ db })).toEqual(defaultSyncSettings());
  });

  it("saves and reads back a valid document", () => {
    const s = defaultSyncSettings();
    s.layouts.site = { id: 7, name: "Sites" };
    s.options.whenGone = "leave";
    expect(saveSyncSettings({ db, settings: s, updatedBy: "t" }).status).toBe("saved");
    expect(loadSyncSettings({ db })).toEqual(s);
  });

  it("says clearly what is wrong with a malformed stored document instead of using it", () => {
    saveSyncSettingsRow({ db, settingsJson: "{not json", updatedBy: "t" });
    expect(() => loadSyncSettings({ db })).toThrow(/not valid JSON.*Open Layouts/);
    saveSyncSettingsRow({ db, settingsJson: JSON.stringify({ ...defaultSyncSettings(), options: { whenGone: "delete" } }), updatedBy: "t" });
    let error: unknown;
    try {
      loadSyncSettings({ db });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SyncError);
    expect((error as SyncError).userMessage).toMatch(/options › whenGone/);
  });
});
