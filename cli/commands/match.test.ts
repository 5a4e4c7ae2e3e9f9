import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/db";
import { listDecisions } from "@/db/queries/match-decisions";
import { startHaloSim, type HaloSim } from "@/sim/halo/server";
import { startHuduSim, type HuduSim } from "@/sim/hudu/server";
import type { SuggestionLine } from "./match";

// The real command line, as a child process, against the simulators (settings from HALO_*/HUDU_*).

const TSX = path.join(process.cwd(), "node_modules", ".bin", "tsx");
let halo: HaloSim;
let hudu: HuduSim;
let dir: string;
let database: string;

beforeAll(async () => {
  [halo, hudu] = await Promise.all([startHaloSim({ rateLimit: false }), startHuduSim({ rateLimit: false })]);
  dir = mkdtempSync(path.join(tmpdir(), "cli-match-"));
  database = path.join(dir, "app.db");
});
afterAll(async () => {
  await Promise.all([halo?.close(), hudu?.close()]);
  rmSync(dir, { recursive: true, force: true });
});

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, ["cli/index.ts", ...args], {
      cwd: process.cwd(),
      env: {
        ...process.env,
        NODE_ENV: "test",
        DATABASE_PATH: database,
        NEXTAUTH_SECRET: randomBytes(32).toString("base64"),
        SETTINGS_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
        NO_COLOR: "1",
        HALO_AUTH_URL: halo.authUrl,
        HALO_RESOURCE_URL: halo.resourceUrl,
        HALO_TENANT: halo.tenant,
        HALO_CLIENT_ID: halo.clientId,
        HALO_CLIENT_SECRET: halo.clientSecret,
        HUDU_URL: hudu.url,
        HUDU_API_KEY: hudu.apiKey,
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

function decisions() {
  const { db, sqlite } = openDatabase(database);
  try {
    return listDecisions({ db });
  } finally {
    sqlite.close();
  }
}

describe("cli match", () => {
  let suggestions: SuggestionLine[];

  it("reads both sides and prints each Halo client's best candidate as JSON", async () => {
    const r = await runCli(["match", "--json"]);
    expect(r.code, r.stderr).toBe(0);
    suggestions = (JSON.parse(r.stdout) as { suggestions: SuggestionLine[] }).suggestions;
    const state = halo.control.state() as { clients: Array<{ id: number }> };
    expect(suggestions.map((s) => s.haloId).sort((a, b) => a - b)).toEqual(state.clients.map((c) => c.id).sort((a, b) => a - b));
    for (const s of suggestions) {
      expect(Object.keys(s).sort()).toEqual(["autoAccept", "haloId", "huduId", "reasons", "score"]);
      if (s.huduId === null) expect(s).toMatchObject({ score: null, reasons: [], autoAccept: false });
      else expect(s.score).toBeGreaterThan(0);
    }
    expect(suggestions.some((s) => s.autoAccept)).toBe(true);
    expect(r.stderr).toContain("Reading Halo and Hudu");
    expect(decisions()).toEqual([]);
  });

  it("--auto records the auto-accept suggestions as decisions from the command line", async () => {
    const r = await runCli(["match", "--auto", "--no-refresh", "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const auto = suggestions.filter((s) => s.autoAccept);
    expect(JSON.parse(r.stdout).auto).toEqual({ saved: auto.length, skipped: 0 });
    const saved = decisions();
    expect(saved.map((d) => [d.haloClientId, d.huduCompanyId]).sort()).toEqual(auto.map((s) => [s.haloId, s.huduId]).sort());
    expect(saved.every((d) => d.source === "cli" && d.kind === "match")).toBe(true);
  });

  it("match set records one decision; a company another client has needs --move", async () => {
    const taken = suggestions.find((s) => s.autoAccept)!;
    const other = suggestions.find((s) => !s.autoAccept)!;

    let r = await runCli(["match", "set", String(other.haloId), "ignore"]);
    expect(r.code, r.stderr).toBe(0);
    expect(decisions().find((d) => d.haloClientId === other.haloId)?.kind).toBe("ignore");

    r = await runCli(["match", "set", String(other.haloId), String(taken.huduId), "--json"]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).error.code).toBe("company-taken");
    expect(r.stderr).toContain("--move");

    r = await runCli(["match", "set", String(other.haloId), String(taken.huduId), "--move", "--json"]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ decision: { haloId: other.haloId, kind: "match", huduId: taken.huduId, source: "cli" }, movedFrom: taken.haloId });
    expect(decisions().find((d) => d.haloClientId === taken.haloId)).toBeUndefined();

    r = await runCli(["match", "set", String(other.haloId), "clear"]);
    expect(r.code).toBe(0);
    expect(decisions().find((d) => d.haloClientId === other.haloId)).toBeUndefined();

    r = await runCli(["match", "set", "999999", "new"]);
    expect(r.code).toBe(2);
    r = await runCli(["match", "set", String(other.haloId), "banana"]);
    expect(r.code).toBe(2);
  });
});
