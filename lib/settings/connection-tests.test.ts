import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "@/db";
import { startHaloSim, type HaloSim } from "@/sim/halo/server";
import { startHuduSim, type HuduSim } from "@/sim/hudu/server";
import { saveConnectionSettings } from "./connection-settings";
import { loadLastConnectionTests, recordConnectionTest, runConnectionTest } from "./connection-tests";

const KEY = Buffer.alloc(32, 5);
let halo: HaloSim;
let hudu: HuduSim;
let dir: string;
let db: Db;
let close: () => void;

beforeAll(async () => {
  [halo, hudu] = await Promise.all([startHaloSim({ port: 0 }), startHuduSim({ port: 0 })]);
  dir = mkdtempSync(path.join(tmpdir(), "connection-tests-"));
  const opened = openDatabase(path.join(dir, "app.db"));
  db = opened.db;
  close = () => opened.sqlite.close();
});

afterAll(async () => {
  close?.();
  await Promise.all([halo?.close(), hudu?.close()]);
  rmSync(dir, { recursive: true, force: true });
});

describe("runConnectionTest", () => {
  it("says what is missing before anything is saved", async () => {
    const outcome = await runConnectionTest({ db, service: "hudu", environment: {}, key: KEY });
    expect(outcome).toEqual({
      status: "not-configured",
      service: "hudu",
      message: "Hudu is not configured: set HUDU_URL and HUDU_API_KEY or save them on the Connections page.",
    });
  });

  it("tests the saved settings, and the stored verdict reads back without secrets", async () => {
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
        huduUrl: hudu.url,
        huduApiKey: hudu.apiKey,
      },
    });
    expect(saved.ok).toBe(true);

    for (const service of ["halo", "hudu"] as const) {
      const outcome = await runConnectionTest({ db, service, environment: {}, key: KEY });
      if (outcome.status !== "tested") throw new Error(outcome.message);
      expect(outcome.result.ok).toBe(true);
      recordConnectionTest({ db, service, result: outcome.result, testedBy: "admin@example.com" });
    }
    const last = loadLastConnectionTests({ db });
    expect(last.halo?.ok).toBe(true);
    expect(last.halo?.checks.map((c) => c.id)).toEqual(["token", "clients", "sites", "users", "contracts"]);
    expect(last.hudu?.ok).toBe(true);
    expect(last.hudu?.testedBy).toBe("admin@example.com");
    const text = JSON.stringify(last);
    expect(text).not.toContain(halo.clientSecret);
    expect(text).not.toContain(hudu.apiKey);
  });

  it("gives a precise red verdict for a wrong API key", async () => {
    const outcome = await runConnectionTest({ db, service: "hudu", environment: { HUDU_API_KEY: "wrong-key-1234" }, key: KEY });
    if (outcome.status !== "tested") throw new Error(outcome.message);
    expect(outcome.result.ok).toBe(false);
    const key = outcome.result.checks.find((c) => c.id === "key");
    expect(key?.ok).toBe(false);
    expect(key?.message).toMatch(/API key/);
  });
});
