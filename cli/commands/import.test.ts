import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importItems, jobRuns } from "@/db/schema";
import { startJob, waitForJob } from "@/lib/jobs/runner";
import { importJob } from "@/lib/sync/import-job";
import type { Db } from "@/db";
import { setUpImport, type ImportSetup } from "@/lib/sync/import-testing";
import type { HuduData } from "@/sim/data/types";
import { summariseHuduState } from "@/sim/testing";
import { spawnConnected, type ChildOutcome } from "../testing";

// `import` as cron runs it: the real command line in a child process against the simulators,
// killed with SIGKILL part-way and run again.

const SEED = 11;

let dir: string;
let baseline: { companies: string[]; assets: string[] };
let setup: ImportSetup;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "cli-import-"));
  // The same work done in one go, in this process: what Hudu must end up holding.
  const reference = await setUpImport({ size: "tiny", seed: SEED });
  try {
    const started = startJob(importJob({ connect: reference.connect }), { db: reference.db, startedBy: "test" });
    expect((await waitForJob(started.run.id))?.status).toBe("succeeded");
    baseline = summariseHuduState(reference.sims.hudu.control.state() as HuduData);
  } finally {
    await reference.close();
  }
  setup = await setUpImport({ size: "tiny", seed: SEED, databasePath: path.join(dir, "app.db") });
}, 120_000);

afterAll(async () => {
  await setup?.close();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * Hudu paced at 30 a second while a test kills the import part-way: the import keeps enough
 * requests in flight for its limit (dozens at the tests' usual pace), so unpaced the tiny data set
 * would be done before the kill lands; paced, creates are always marked and in flight or waiting.
 */
const SLOW_HUDU = "30/1s";

function startCli(args: string[], huduRateLimit?: string) {
  return spawnConnected(setup.sims, { entry: "cli/index.ts", args, database: path.join(dir, "app.db"), huduRateLimit });
}

/** Records created so far by the latest import of `db`. */
function doneItems(db: Db = setup.db): number {
  const run = latestImport(db);
  if (!run) return 0;
  return db.select().from(importItems).where(eq(importItems.runId, run.id)).all().filter((i) => i.outcome === "created").length;
}

/** Creates of the latest import marked as sent whose outcome is not recorded yet. */
function sendingItems(db: Db = setup.db): number {
  const run = latestImport(db);
  if (!run) return 0;
  return db.select().from(importItems).where(eq(importItems.runId, run.id)).all().filter((i) => i.state === "sending").length;
}

function latestImport(db: Db) {
  return db.select().from(jobRuns).where(eq(jobRuns.kind, "import")).orderBy(desc(jobRuns.id)).get();
}

/** Waits until `condition` holds, or says what the child printed. */
async function waitFor(condition: () => boolean, child: { done: Promise<ChildOutcome> }): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`the import did not get going: ${await Promise.race([child.done.then((r) => r.stderr + r.stdout), Promise.resolve("(still running)")])}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe("cli import", () => {
  it("killed with SIGKILL part-way and run again, ends with the same Hudu state as an uninterrupted run, nothing twice", async () => {
    // Slow Hudu so the kill lands while creates are in flight (some applied, never recorded).
    setup.sims.hudu.control.setLatency(40);
    const first = startCli(["import"], SLOW_HUDU);
    // Killed once creates are done and others are on their way (between two phases there are none).
    await waitFor(() => doneItems() >= 10 && sendingItems() > 0, first);
    first.child.kill("SIGKILL");
    const killed = await first.done;
    expect(killed.signal).toBe("SIGKILL");
    const run = setup.db.select().from(jobRuns).where(eq(jobRuns.kind, "import")).orderBy(desc(jobRuns.id)).get()!;
    expect(run.status).toBe("running");
    // Creates were in flight when it died: they are marked, so the next run looks them up first.
    const inFlight = setup.db.select().from(importItems).where(eq(importItems.runId, run.id)).all().filter((i) => i.state === "sending");
    expect(inFlight.length).toBeGreaterThan(0);
    setup.sims.hudu.control.setLatency(0);

    const second = await startCli(["import", "--json"]).done;
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toContain(`Continuing import #${run.id}`);
    const result = JSON.parse(second.stdout) as { run: { id: number; status: string }; totals: { failed: number; open: number; created: number }; failures: unknown[] };
    expect(result.run).toMatchObject({ id: run.id, status: "succeeded" });
    expect(result.totals).toMatchObject({ failed: 0, open: 0 });
    expect(result.failures).toEqual([]);
    expect(summariseHuduState(setup.sims.hudu.control.state() as HuduData)).toEqual(baseline);
  }, 180_000);

  it("runs lists the history as JSON; a later import changes nothing and exits 0", async () => {
    const again = await startCli(["import"]).done;
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/0 created, 0 updated, \d+ unchanged, 0 archived, \d+ skipped, 0 failed/);
    const runs = await startCli(["runs", "--json"]).done;
    expect(runs.code, runs.stderr).toBe(0);
    const list = JSON.parse(runs.stdout) as { runs: Array<{ status: string; startedBy: string; totals: { created: number } }> };
    expect(list.runs).toHaveLength(2);
    expect(list.runs.map((r) => [r.status, r.startedBy])).toEqual([
      ["succeeded", "cli"],
      ["succeeded", "cli"],
    ]);
    expect(list.runs[0].totals.created).toBe(0);
    expect(list.runs[1].totals.created).toBeGreaterThan(10);
  }, 120_000);

  it("exits 2 without importing when a connection test fails", async () => {
    setup.sims.hudu.control.failNext({ status: 401, count: 20, body: { error: "Invalid API key" } });
    try {
      const r = await startCli(["import", "--json"]).done;
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/Hudu: the connection test failed/);
      expect(JSON.parse(r.stdout)).toMatchObject({ error: { code: "connection_test_failed" } });
    } finally {
      setup.sims.hudu.control.clearFaults();
    }
  }, 60_000);
});

describe("the server", () => {
  it("killed with SIGKILL mid-import, twice, resumes the run at each start-up and ends as an uninterrupted run, nothing twice", async () => {
    const databasePath = path.join(dir, "server.db");
    const server = await setUpImport({ size: "tiny", seed: SEED, databasePath });
    const startServer = (args: string[] = [], huduRateLimit = SLOW_HUDU) => spawnConnected(server.sims, { entry: "scripts/server-start.ts", args, database: databasePath, huduRateLimit });
    try {
      // Started from the dashboard, killed while creates are in flight.
      server.sims.hudu.control.setLatency(40);
      const first = startServer(["--start-import"]);
      await waitFor(() => doneItems(server.db) >= 10, first);
      first.child.kill("SIGKILL");
      expect((await first.done).signal).toBe("SIGKILL");
      const run = latestImport(server.db)!;
      expect(run.status).toBe("running");

      // Restarted: start-up takes the run over and goes on; killed again part-way.
      const progress = doneItems(server.db);
      const second = startServer();
      await waitFor(() => doneItems(server.db) >= progress + 5, second);
      second.child.kill("SIGKILL");
      const killedAgain = await second.done;
      expect(killedAgain.signal).toBe("SIGKILL");
      expect(killedAgain.stdout).toContain(`Resuming the import run ${run.id} that was interrupted.`);
      expect(latestImport(server.db)).toMatchObject({ id: run.id, status: "running" });

      // Restarted again, at full speed: the same run finishes.
      server.sims.hudu.control.setLatency(0);
      const third = await startServer([], "10000/1s").done;
      expect(third.code, third.stderr).toBe(0);
      expect(third.stdout).toContain(`Resuming the import run ${run.id} that was interrupted.`);
      expect(third.stdout).toContain(`Import #${run.id} succeeded.`);
      expect(server.db.select().from(jobRuns).where(eq(jobRuns.kind, "import")).all().map((r) => r.id)).toEqual([run.id]);
      const outcomes = server.db.select().from(importItems).where(eq(importItems.runId, run.id)).all();
      expect(outcomes.filter((i) => i.outcome === "failed" || i.outcome === null)).toEqual([]);
      expect(summariseHuduState(server.sims.hudu.control.state() as HuduData)).toEqual(baseline);
    } finally {
      await server.close();
    }
  }, 240_000);
});
