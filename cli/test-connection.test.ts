import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/db";
import { saveConnectionSettings } from "@/lib/settings/connection-settings";
import { startHaloSim, type HaloSim } from "@/sim/halo/server";
import { startHuduSim, type HuduSim } from "@/sim/hudu/server";
import { runCli, simConnectionEnv } from "./testing";

// Runs the real command line as a child process against the simulators. The child is spawned
// asynchronously: the simulators live in this process and must keep answering meanwhile.

const KEY = randomBytes(32);

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

const simEnv = () => simConnectionEnv(halo, hudu);

function runCliOn(args: string[], extraEnv: Record<string, string>, database: string) {
  return runCli(args, { database, env: { SETTINGS_ENCRYPTION_KEY: KEY.toString("base64"), ...extraEnv } });
}

describe("cli test-connection", () => {
  it("exits 0 with JSON only on stdout when both connections work (settings from the environment)", async () => {
    const r = await runCliOn(["test-connection", "--json"], simEnv(), path.join(dir, "env-only.db"));
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
    const good = await runCliOn(["test-connection"], {}, database);
    expect(good.code, good.stderr).toBe(0);
    expect(good.stdout).toContain("Halo: working");
    expect(good.stdout).toContain("Hudu: working");

    const wrongSecret = "definitely-not-the-secret";
    const r = await runCliOn(["test-connection", "--json"], { HALO_CLIENT_SECRET: wrongSecret }, database);
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
    const r = await runCliOn(["--json", "test-connection"], env, path.join(dir, "missing.db"));
    expect(r.code).toBe(2);
    const json = JSON.parse(r.stdout);
    expect(json.halo.error).toBe("Halo is not configured: set HALO_CLIENT_ID or save it on the Connections page.");
    expect(json.hudu.ok).toBe(true);
    expect(r.stderr).toContain("Halo is not configured");
  });

  it("exits 2 on usage errors", async () => {
    const r = await runCliOn(["test-connection", "--only", "nowhere"], simEnv(), path.join(dir, "usage.db"));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Allowed choices are halo, hudu/);
    const unknown = await runCliOn(["no-such-command"], {}, path.join(dir, "usage.db"));
    expect(unknown.code).toBe(2);
  });
});
