import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "@/db";
import { listDecisions, saveDecision } from "@/db/queries/match-decisions";
import {
  getCurrentSnapshotRun,
  getLatestSnapshotRun,
  listSnapshotHaloClients,
  listSnapshotHuduCompanies,
  parseJsonArray,
  startSnapshotRun,
} from "@/db/queries/snapshots";
import { buildBoardView } from "@/lib/decisions/board-view";
import { listBoardDecisions, loadBoardData } from "@/lib/decisions/board-data";
import { getMatchSummary } from "@/lib/decisions/summary";
import { HaloClient } from "@/lib/halo";
import { HuduClient } from "@/lib/hudu";
import { generateMsp } from "@/sim/data/generate";
import type { GeneratedMsp } from "@/sim/data/types";
import { startHaloSim, type HaloSim } from "@/sim/halo/server";
import { startHuduSim, type HuduSim } from "@/sim/hudu/server";
import { huduFetch } from "@/sim/testing";
import { refreshSnapshot, type ConnectSources } from "./refresh";
import { backgroundRefresh, startBackgroundRefresh } from "./runner";

let msp: GeneratedMsp;
let halo: HaloSim;
let hudu: HuduSim;
let db: Db;
let closeDb: () => void;

// Fast retries: a test of a failing server should not wait for real back-off.
const retry = { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5 };

const connect =
  (overrides: { huduApiKey?: string } = {}): ConnectSources =>
  async ({ onEvent }) => ({
    halo: new HaloClient(
      {
        authUrl: halo.authUrl,
        resourceUrl: halo.resourceUrl,
        tenant: halo.tenant,
        clientId: halo.clientId,
        clientSecret: halo.clientSecret,
        rateLimit: { limit: 10_000, windowMs: 1000 },
      },
      { onEvent, retry },
    ),
    hudu: new HuduClient(
      { baseUrl: hudu.url, apiKey: overrides.huduApiKey ?? hudu.apiKey, rateLimit: { limit: 10_000, windowMs: 1000 } },
      { onEvent, retry },
    ),
  });

beforeAll(async () => {
  msp = generateMsp({ seed: 7, size: "tiny" });
  halo = await startHaloSim({ data: msp.halo, rateLimit: false });
  hudu = await startHuduSim({ data: msp.hudu, rateLimit: false });
});
afterAll(async () => {
  await halo?.close();
  await hudu?.close();
});
beforeEach(() => {
  const opened = openDatabase(":memory:");
  db = opened.db;
  closeDb = () => opened.sqlite.close();
  halo.control.resetData();
  hudu.control.resetData();
});
afterEach(() => closeDb());

describe("refreshSnapshot against the simulators", () => {
  it("saves both sides: every Halo client (inactive too) with counts, phone and domains; every Hudu company (archived too)", async () => {
    const progress: string[] = [];
    const result = await refreshSnapshot({ db, startedBy: "test", connect: connect(), onProgress: (p) => p.phase && progress.push(p.phase) });
    expect(result.status).toBe("succeeded");

    const clients = listSnapshotHaloClients({ db });
    expect(clients.map((c) => c.id).sort((a, b) => a - b)).toEqual(msp.halo.clients.map((c) => c.id).sort((a, b) => a - b));
    expect(clients.some((c) => c.inactive)).toBe(msp.halo.clients.some((c) => c.inactive));
    for (const client of clients) {
      const activeSites = msp.halo.sites.filter((s) => s.client_id === client.id && !s.inactive);
      const activeUsers = msp.halo.users.filter((u) => u.client_id === client.id && !u.inactive);
      expect(client.siteCount, `sites of ${client.name}`).toBe(activeSites.length);
      expect(client.userCount, `users of ${client.name}`).toBe(activeUsers.length);
      const domains = parseJsonArray<string>(client.emailDomainsJson);
      const userDomains = new Set(activeUsers.map((u) => u.emailaddress?.split("@")[1]?.toLowerCase()).filter(Boolean));
      for (const d of userDomains) expect(domains, `domains of ${client.name}`).toContain(d);
    }
    // The client list has no phone; the main site's phone stands in.
    const withPhone = clients.filter((c) => c.phone);
    expect(withPhone.length).toBeGreaterThan(0);

    const companies = listSnapshotHuduCompanies({ db });
    expect(companies.map((c) => c.id).sort((a, b) => a - b)).toEqual(msp.hudu.companies.map((c) => c.id).sort((a, b) => a - b));
    expect(companies.filter((c) => c.archived).length).toBe(msp.hudu.companies.filter((c) => c.archived).length);
    const integrated = msp.hudu.companies.find((c) => c.integrations.length > 0);
    if (integrated) {
      const saved = companies.find((c) => c.id === integrated.id)!;
      expect(parseJsonArray<{ syncId: string }>(saved.integrationsJson)[0].syncId).toBe(String(integrated.integrations[0].sync_id));
    }

    const run = getCurrentSnapshotRun({ db })!;
    expect(run).toMatchObject({ status: "succeeded", startedBy: "test", haloClients: clients.length, huduCompanies: companies.length, error: null });
    expect(run.finishedAt).toBeInstanceOf(Date);
    expect(progress).toEqual(expect.arrayContaining(["halo-clients", "halo-sites", "halo-users", "hudu-companies", "saving"]));
  });

  it("reads each Halo type in one paged sweep, never a request per client", async () => {
    halo.control.resetCounts();
    await refreshSnapshot({ db, connect: connect() });
    const counts = halo.control.requestCounts();
    const byIdRequests = Object.entries(counts).filter(([key]) => key.includes(":id"));
    expect(byIdRequests).toEqual([]);
    const pages = (n: number) => Math.floor(n / 100) + 1;
    const activeSites = msp.halo.sites.filter((s) => !s.inactive).length;
    expect(counts["GET /api/site"]).toBeLessThanOrEqual(pages(activeSites));
    expect(counts["GET /api/client"]).toBeLessThanOrEqual(pages(msp.halo.clients.length));
  });

  it("a failed refresh records why and keeps the previous snapshot", async () => {
    await refreshSnapshot({ db, connect: connect() });
    const before = listSnapshotHuduCompanies({ db });
    const goodRun = getCurrentSnapshotRun({ db })!;

    // Hudu changes, but the next refresh cannot read it (wrong key): nothing may change.
    await huduFetch(hudu, "DELETE", `/companies/${before[0].id}`);
    const result = await refreshSnapshot({ db, connect: connect({ huduApiKey: "wrong-key" }) });
    expect(result.status).toBe("failed");
    if (result.status === "failed") expect(result.error).toMatch(/Hudu/);

    expect(listSnapshotHuduCompanies({ db })).toEqual(before);
    expect(getCurrentSnapshotRun({ db })?.id).toBe(goodRun.id);
    const latest = getLatestSnapshotRun({ db })!;
    expect(latest.status).toBe("failed");
    expect(latest.error).toBeTruthy();
    expect(latest.error).not.toContain("wrong-key");
  });

  it("a Halo read that ends short of record_count fails the refresh, keeps the previous snapshot and says why", async () => {
    const first = await refreshSnapshot({ db, connect: connect() });
    expect(first.status).toBe("succeeded");
    const before = listSnapshotHaloClients({ db });
    const goodRun = getCurrentSnapshotRun({ db })!;

    const activeUsers = msp.halo.users.filter((u) => !u.inactive).length;
    halo.setRecordCountExtra({ Users: 104 });
    const result = await refreshSnapshot({ db, connect: connect() });
    const cause = `Halo reported ${(activeUsers + 104).toLocaleString("en")} users but sent ${activeUsers.toLocaleString("en")}`;
    expect(result).toMatchObject({ status: "failed", error: `${cause}; the previous snapshot is kept.` });
    expect(getLatestSnapshotRun({ db })).toMatchObject({ status: "failed", error: `${cause}.` });
    expect(listSnapshotHaloClients({ db })).toEqual(before);
    expect(getCurrentSnapshotRun({ db })?.id).toBe(goodRun.id);
  });

  it("a first refresh that reads short saves nothing and says so", async () => {
    halo.setRecordCountExtra({ Client: 1 });
    const result = await refreshSnapshot({ db, connect: connect() });
    expect(result.status === "failed" && result.error).toMatch(/^Halo reported \d+ clients but sent \d+; no snapshot was saved\.$/);
    expect(listSnapshotHaloClients({ db })).toEqual([]);
    expect(getCurrentSnapshotRun({ db })).toBeUndefined();
  });

  it("keeps decisions across refreshes and shows one whose company disappeared as stale", async () => {
    await refreshSnapshot({ db, connect: connect() });
    const pair = msp.truth.find((t) => msp.hudu.companies.some((c) => c.id === t.huduId && !c.archived))!;
    saveDecision({ db, decision: { haloClientId: pair.haloId, kind: "match", huduCompanyId: pair.huduId }, decidedBy: "a@b.co", source: "manual" });
    const other = msp.halo.clients.find((c) => c.id !== pair.haloId)!;
    saveDecision({ db, decision: { haloClientId: other.id, kind: "ignore" }, decidedBy: "a@b.co", source: "manual" });

    const deleted = await huduFetch(hudu, "DELETE", `/companies/${pair.huduId}`);
    expect(deleted.status).toBeLessThan(300);
    await refreshSnapshot({ db, connect: connect() });

    expect(listDecisions({ db })).toHaveLength(2);
    const view = buildBoardView(loadBoardData({ db }), listBoardDecisions({ db }));
    const row = view.clientById.get(pair.haloId)!;
    expect(row.state).toBe("stale");
    expect(row.staleReason).toBe("company-gone");
    expect(view.clientById.get(other.id)?.state).toBe("ignored");
    expect(view.counts.stale).toBe(1);
    expect(getMatchSummary({ db })).toMatchObject({ stale: 1, ignored: 1, matched: 0 });
  });

  it("runs one refresh at a time; the background runner reports the one already running", async () => {
    const first = startBackgroundRefresh({ db, startedBy: "a@b.co", connect: connect() });
    expect(first.started).toBe(true);
    const second = startBackgroundRefresh({ db, startedBy: "b@b.co", connect: connect() });
    expect(second).toMatchObject({ started: false, run: { id: first.run.id } });
    const result = await backgroundRefresh(first.run.id);
    expect(result?.status).toBe("succeeded");
    expect(startSnapshotRun({ db, startedBy: "c@b.co" }).started).toBe(true);
  });
});
