import { describe, expect, it } from "vitest";
import { insertFinishedJobRun } from "@/db/queries/job-runs";
import { saveSyncSettingsRow } from "@/db/queries/sync-settings";
import { memoryDbPerTest } from "@/db/testing";
import { getOverview, type OverviewStep } from "./overview";
import { defaultSyncSettings, saveSyncSettings } from "./sync/settings";

const memory = memoryDbPerTest();
const step = (id: OverviewStep["id"]) => getOverview({ db: memory.db }).find((s) => s.id === id)!;

describe("overview", () => {
  it("layouts: to do until all three types have a layout, done after", () => {
    expect(step("layouts")).toMatchObject({ state: "todo" });
    expect(step("layouts").summary).toContain("3 of sites, contacts and contracts have no Hudu layout");
    const settings = defaultSyncSettings();
    settings.layouts = { site: { id: 1, name: "Sites" }, contact: { id: 2, name: "Contacts" }, contract: null };
    expect(saveSyncSettings({ db: memory.db, settings, updatedBy: "a@example.com" }).status).toBe("saved");
    expect(step("layouts").summary).toContain("1 of sites, contacts and contracts has no Hudu layout");
    settings.layouts.contract = { id: 3, name: "Contracts" };
    saveSyncSettings({ db: memory.db, settings, updatedBy: "a@example.com" });
    expect(step("layouts")).toMatchObject({ state: "done" });
  });

  it("layouts: a malformed saved setting needs attention and says why", () => {
    saveSyncSettingsRow({ db: memory.db, settingsJson: "{not json", updatedBy: null });
    expect(step("layouts")).toMatchObject({ state: "attention" });
    expect(step("layouts").summary).toContain("not valid JSON");
  });

  it("import: to do before any run; a failed run needs attention and links to its report", () => {
    expect(step("import")).toMatchObject({ state: "todo", href: "/import" });
    const run = insertFinishedJobRun({ db: memory.db, kind: "import", startedBy: "a@example.com", status: "failed", error: "Hudu refused the API key." });
    expect(step("import")).toMatchObject({ state: "attention", href: `/import/${run.id}` });
    expect(step("import").summary).toContain("Hudu refused the API key.");
  });

  it("import: a finished run with nothing failed is done", () => {
    insertFinishedJobRun({ db: memory.db, kind: "import", startedBy: "schedule", status: "succeeded", error: null });
    expect(step("import")).toMatchObject({ state: "done" });
    expect(step("import").summary).toMatch(/finished: 0 created, 0 updated, 0 unchanged, 0 archived, 0 failed/);
  });
});
