/** Running the real command line as a child process in tests (against the simulators). */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { startHaloSim, type HaloSim } from "@/sim/halo/server";
import { startHuduSim, type HuduSim } from "@/sim/hudu/server";

/** Connection variables a test must not inherit from the developer's shell. */
export const CONNECTION_VARS = ["HALO_AUTH_URL", "HALO_RESOURCE_URL", "HALO_TENANT", "HALO_CLIENT_ID", "HALO_CLIENT_SECRET", "HUDU_URL", "HUDU_API_KEY"];

/** The HALO_* and HUDU_* variables that point the command line at the simulators. */
export function simConnectionEnv(halo: HaloSim, hudu: HuduSim): Record<string, string> {
  return {
    HALO_AUTH_URL: halo.authUrl,
    HALO_RESOURCE_URL: halo.resourceUrl,
    HALO_TENANT: halo.tenant,
    HALO_CLIENT_ID: halo.clientId,
    HALO_CLIENT_SECRET: halo.clientSecret,
    HUDU_URL: hudu.url,
    HUDU_API_KEY: hudu.apiKey,
  };
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface ChildOutcome extends CliRun {
  signal: NodeJS.Signals | null;
}

/**
 * Runs the TypeScript file `entry` (the CLI, the server's start-up) with `args` on `database`,
 * with fresh secrets unless `env` gives them. The child is `node --import tsx` itself (no
 * wrapper process), so a kill reaches the process doing the work. Spawned asynchronously:
 * simulators in the test's own process must keep answering meanwhile.
 */
export function spawnTsx(entry: string, args: string[], { database, env = {} }: { database: string; env?: Record<string, string> }): { child: ChildProcess; done: Promise<ChildOutcome> } {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !CONNECTION_VARS.includes(k)));
  const child = spawn(process.execPath, ["--import", "tsx", entry, ...args], {
    cwd: process.cwd(),
    env: {
      ...base,
      NODE_ENV: "test",
      DATABASE_PATH: database,
      NEXTAUTH_SECRET: randomBytes(32).toString("base64"),
      SETTINGS_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
      NO_COLOR: "1",
      ...env,
    },
  });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d) => (stdout += d));
  child.stderr!.on("data", (d) => (stderr += d));
  const done = new Promise<ChildOutcome>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

export function runCli(args: string[], options: { database: string; env?: Record<string, string> }): Promise<CliRun> {
  return spawnTsx("cli/index.ts", args, options).done;
}

/** One set of secrets for every child of a test file, so children can share a database. */
const SHARED_SECRETS = { NEXTAUTH_SECRET: randomBytes(32).toString("base64"), SETTINGS_ENCRYPTION_KEY: randomBytes(32).toString("base64") };

/**
 * `entry` in a child process on `database`, pointed at the simulators and paced far above what a
 * test needs, unless `huduRateLimit` says otherwise (e.g. "30/1s").
 */
export function spawnConnected(
  sims: { halo: HaloSim; hudu: HuduSim },
  { entry, args = [], database, huduRateLimit = "10000/1s" }: { entry: string; args?: string[]; database: string; huduRateLimit?: string },
) {
  return spawnTsx(entry, args, {
    database,
    env: { ...SHARED_SECRETS, ...simConnectionEnv(sims.halo, sims.hudu), HALO_RATE_LIMIT: "10000/1s", HUDU_RATE_LIMIT: huduRateLimit },
  });
}

export interface CliSetup {
  halo: HaloSim;
  hudu: HuduSim;
  /** The database file the command line uses (in a temporary folder, removed afterwards). */
  database: string;
  /** Runs the command line on that database, pointed at the simulators. */
  run(args: string[]): Promise<CliRun>;
}

/**
 * Starts both simulators (rate limits off) and a temporary database folder for the calling
 * test file, and stops and removes them after it. Read the fields inside tests, not at load.
 */
export function withSimulatorsAndDatabase(prefix: string): CliSetup {
  const setup = {} as CliSetup;
  let dir = "";
  beforeAll(async () => {
    [setup.halo, setup.hudu] = await Promise.all([startHaloSim({ rateLimit: false }), startHuduSim({ rateLimit: false })]);
    dir = mkdtempSync(path.join(tmpdir(), prefix));
    setup.database = path.join(dir, "app.db");
    setup.run = (args) => runCli(args, { database: setup.database, env: simConnectionEnv(setup.halo, setup.hudu) });
  });
  afterAll(async () => {
    await Promise.all([setup.halo?.close(), setup.hudu?.close()]);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return setup;
}
