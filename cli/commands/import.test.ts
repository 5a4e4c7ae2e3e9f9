import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importItems, jobRuns } from "@/db/schema";
import { startJob, waitForJob } from "@/lib/jobs/runner";
import { importJob } from "@/lib/sync/import-job";
import { setUpImport, type ImportSetup } from "@/lib/sync/import-testing";
import type { HuduData } from "@/sim/data/types";
import { summariseHuduState } from "@/sim/testing";

// `import` as cron runs it: the real command line in a child process against the simulators,
// killed with SIGKILL part-way and run again. The simulators live in this process, so children
// are spawned asynchronously. The child is `node --import tsx` itself (no wrapper process), so
// the kill reaches the process doing the work.

// Random secrets: start-up refuses example and repeated-pattern ones.
const KEY = randomBytes(32);
const SESSION_SECRET = randomBytes(32).toString("base64");
const SEED = 11;
const CONNECTION_VARS = ["HALO_AUTH_URL", "HALO_RESOURCE_URL", "HALO_TENANT", "HALO_CLIENT_ID", "HALO_CLIENT_SECRET", "HUDU_URL", "HUDU_API_KEY"];

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

function startCli(args: string[]): { child: ChildProcess; done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> } {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !CONNECTION_VARS.includes(k)));
  const child = spawn(process.execPath, ["--import", "tsx", "cli/index.ts", ...args], {
    cwd: process.cwd(),
    env: {
      ...base,
      NODE_ENV: "test",
      DATABASE_PATH: path.join(dir, "app.db"),
      NEXTAUTH_SECRET: SESSION_SECRET,
      SETTINGS_ENCRYPTION_KEY: KEY.toString("base64"),
      NO_COLOR: "1",
      HALO_AUTH_URL: setup.sims.halo.authUrl,
      HALO_RESOURCE_URL: setup.sims.halo.resourceUrl,
      HALO_TENANT: setup.sims.halo.tenant,
      HALO_CLIENT_ID: setup.sims.halo.clientId,
      HALO_CLIENT_SECRET: setup.sims.halo.clientSecret,
      HUDU_URL: setup.sims.hudu.url,
      HUDU_API_KEY: setup.sims.hudu.apiKey,
      HALO_RATE_LIMIT: "10000/1s",
      HUDU_RATE_LIMIT: "10000/1s",
    },
  });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d) => (stdout += d));
  child.stderr!.on("data", (d) => (stderr += d));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

function doneItems(): number {
  const run = setup.db.select().from(jobRuns).where(eq(jobRuns.kind, "import")).orderBy(desc(jobRuns.id)).get();
  if (!run) return 0;
  return setup.db.select().from(importItems).where(eq(importItems.runId, run.id)).all().filter((i) => i.outcome === "created").length;
}

describe("cli import", () => {
  it("killed with SIGKILL part-way and run again, ends with the same Hudu state as an uninterrupted run, nothing twice", async () => {
    // Slow Hudu so the kill lands while creates are in flight (some applied, never recorded).
    setup.sims.hudu.control.setLatency(40);
    const first = startCli(["import"]);
    const deadline = Date.now() + 90_000;
    while (doneItems() < 10) {
      if (Date.now() > deadline) throw new Error(`the import did not get going: ${await Promise.race([first.done.then((r) => r.stderr), Promise.resolve("(still running)")])}`);
      await new Promise((r) => setTimeout(r, 25));
    }
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
