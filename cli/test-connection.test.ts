import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/db";
import { saveConnectionSettings } from "@/lib/settings/connection-settings";
import { startHaloSim, type HaloSim } from "@/sim/halo/server";
import { startHuduSim, type HuduSim } from "@/sim/hudu/server";

// Runs the real command line as a child process against the simulators. The child is spawned
// asynchronously: the simulators live in this process and must keep answering meanwhile.

const KEY = randomBytes(32);
const TSX = path.join(process.cwd(), "node_modules", ".bin", "tsx");
const CONNECTION_VARS = ["HALO_AUTH_URL", "HALO_RESOURCE_URL", "HALO_TENANT", "HALO_CLIENT_ID", "HALO_CLIENT_SECRET", "HUDU_URL", "HUDU_API_KEY"];

let halo: HaloSim;
let hudu: HuduSim;
let dir: string;

beforeAll(async () => {
  [halo, hudu] = await Promise.all([startHaloSim({ port: 0 }), startHuduSim({ port: 0 })]);
  dir = mkdtempSync(path.join(tmpdir(), "cli-test-"));
});

afterAll(async () => {
  await Promise.all([halo?.close(), hudu?.close()]);
  rmSync(dir, { recursive: true, force: true });
});

function simEnv(): Record<string, string> {
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

function runCli(args: string[], extraEnv: Record<string, string>, database: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !CONNECTION_VARS.includes(k)));
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, ["cli/index.ts", ...args], {
      cwd: process.cwd(),
      env: {
        ...base,
        NODE_ENV: "test",
        DATABASE_PATH: database,
        NEXTAUTH_SECRET: randomBytes(32).toString("base64"),
        SETTINGS_ENCRYPTION_KEY: KEY.toString("base64"),
        NO_COLOR: "1",
        ...extraEnv,
      },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("cli test-connection", () => {
  it("exits 0 with JSON only on stdout when both connections work (settings from the environment)", async () => {
    const r = await runCli(["test-connection", "--json"], simEnv(), path.join(dir, "env-only.db"));
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.halo.ok).toBe(true);
    expect(json.hudu.ok).toBe(true);
    expect(json.halo.checks.map((c: { id: string }) => c.id)).toEqual(["token", "clients", "sites", "users", "contracts"]);
    expect(json.hudu.checks.every((c: { ok: boolean }) => c.ok)).toBe(true);
    expect(r.stdout).not.toContain(halo.clientSecret);
    expect(r.stdout).not.toContain(hudu.apiKey);
  });

  it("exits 1 with a precise verdict when the Halo secret is wrong; the environment overrides the saved value", async () => {
    const database = path.join(dir, "saved.db");
    const { db, sqlite } = openDatabase(database);
    const saved = saveConnectionSettings({
      db,
      key: KEY,
      environment: {},
      user: { email: "admin@example.com" },
      input: {
        haloAuthUrl: halo.authUrl,
        haloResourceUrl: halo.resourceUrl,
        haloTenant: halo.tenant,
        haloClientId: halo.clientId,
        haloClientSecret: halo.clientSecret,
        huduUrl: `${hudu.url}/api/v1/`,
        huduApiKey: hudu.apiKey,
      },
    });
    sqlite.close();
    expect(saved.ok).toBe(true);

    // The saved (encrypted) settings alone work, and the readable output says so.
    const good = await runCli(["test-connection"], {}, database);
    expect(good.code, good.stderr).toBe(0);
    expect(good.stdout).toContain("Halo: working");
    expect(good.stdout).toContain("Hudu: working");

    const wrongSecret = "definitely-not-the-secret";
    const r = await runCli(["test-connection", "--json"], { HALO_CLIENT_SECRET: wrongSecret }, database);
    expect(r.code, r.stderr).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(json.halo.ok).toBe(false);
    expect(json.halo.checks[0]).toMatchObject({ id: "token", ok: false });
    expect(json.halo.checks[0].message).toMatch(/client ID or client secret/);
    expect(json.halo.checks.slice(1).every((c: { skipped?: boolean }) => c.skipped)).toBe(true);
    expect(json.hudu.ok).toBe(true);
    expect(r.stdout + r.stderr).not.toContain(wrongSecret);
  });

  it("exits 2 and names what to set when a service is not configured", async () => {
    const env = simEnv();
    delete env.HALO_CLIENT_ID;
    const r = await runCli(["--json", "test-connection"], env, path.join(dir, "missing.db"));
    expect(r.code).toBe(2);
    const json = JSON.parse(r.stdout);
    expect(json.halo.error).toBe("Halo is not configured: set HALO_CLIENT_ID or save it on the Connections page.");
    expect(json.hudu.ok).toBe(true);
    expect(r.stderr).toContain("Halo is not configured");
  });

  it("exits 2 on usage errors", async () => {
    const r = await runCli(["test-connection", "--only", "nowhere"], simEnv(), path.join(dir, "usage.db"));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Allowed choices are halo, hudu/);
    const unknown = await runCli(["no-such-command"], {}, path.join(dir, "usage.db"));
    expect(unknown.code).toBe(2);
  });
});
