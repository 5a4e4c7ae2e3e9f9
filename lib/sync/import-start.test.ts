import { describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { withMemoryDatabase } from "@/db/testing";
import { jobRuns } from "@/db/schema";
import { waitForJob } from "@/lib/jobs/runner";
import { recordConnectionTest } from "@/lib/settings/connection-tests";
import { importStartCheck, startImport } from "./import-start";
import { fakeImportJob } from "./import-testing";

let db: Db;
withMemoryDatabase((opened) => (db = opened));

const passed = { ok: true, checks: [{ id: "token", ok: true, message: "Signed in." }] };
const failed = { ok: false, checks: [{ id: "token", ok: false, message: "Halo refused the client secret." }] };

const quickImport = fakeImportJob(async () => ({ status: "succeeded" }));

describe("when an import may start", () => {
  it("needs both connections to have passed a test since their settings were saved, and says which", () => {
    expect(importStartCheck({ db })).toEqual({ ok: false, reason: expect.stringMatching(/^Test the Halo connection first/) });
    recordConnectionTest({ db, service: "halo", result: failed, testedBy: "a@b.co" });
    expect(importStartCheck({ db })).toEqual({ ok: false, reason: expect.stringContaining("The last Halo connection test failed: Halo refused the client secret.") });
    recordConnectionTest({ db, service: "halo", result: passed, testedBy: "a@b.co" });
    expect(importStartCheck({ db })).toEqual({ ok: false, reason: expect.stringMatching(/^Test the Hudu connection first/) });
    recordConnectionTest({ db, service: "hudu", result: passed, testedBy: "a@b.co" });
    expect(importStartCheck({ db })).toEqual({ ok: true });
  });

  it("refuses a second import while one is running or paused, naming it", async () => {
    recordConnectionTest({ db, service: "halo", result: passed, testedBy: "a@b.co" });
    recordConnectionTest({ db, service: "hudu", result: passed, testedBy: "a@b.co" });
    const now = new Date();
    const paused = db.insert(jobRuns).values({ kind: "import", status: "paused", startedAt: now, heartbeatAt: now, startedBy: "a@b.co" }).returning().get();
    expect(startImport({ db, startedBy: "b@b.co", job: quickImport })).toEqual({
      status: "refused",
      reason: `Import #${paused.id} (started by a@b.co) is paused. Resume or cancel it before starting another.`,
      run: expect.objectContaining({ id: paused.id }),
    });
    db.delete(jobRuns).run();
    const started = startImport({ db, startedBy: "b@b.co", job: quickImport });
    expect(started.status).toBe("started");
    if (started.status !== "started") return;
    expect(startImport({ db, startedBy: "c@b.co", job: quickImport })).toMatchObject({ status: "refused", reason: expect.stringMatching(/is still running/) });
    await waitForJob(started.run.id);
  });
});
