import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countImportItems, listFailedImportItems } from "@/db/queries/import-items";
import type { JobRun } from "@/db/schema";
import type { ConnectSources } from "@/lib/connections/connect";
import { DEFAULT_RETRY } from "@/lib/http/request";
import { PAGES_IN_FLIGHT } from "@/lib/halo/listing";
import { startJob, waitForJob } from "@/lib/jobs/runner";
import type { RequestLogEntry } from "@/sim/control";
import type { HuduData } from "@/sim/data/types";
import { summariseHuduState } from "@/sim/testing";
import { importJob } from "./import-job";
import { setUpImport, type ImportSetup, type SimClientOptions } from "./import-testing";

/**
 * One import of the demo data set through everything a real network and real services do to it:
 * bursts of 5xx, dropped connections, answers slower than the client waits, 429s with and
 * without Retry-After, Halo tokens expiring mid-run, creates Hudu applied but answered 502 (or
 * never answered), and one record Hudu refuses. The run must end as a clean run does (every good
 * record in Hudu once, the refused one reported in Hudu's words), and the simulators' request
 * logs must show no request beyond what the retry policy in lib/http/request.ts allows.
 */

const SEED = 7;
const TIMEOUT_MS = 1_500;
/** Longer than the client waits: the client gives up on an answer that was coming. */
const SLOW_MS = 2_500;
const REFUSAL = { error: "Invalid custom field value", details: ["Email is not a valid e-mail address"] };

/** The policy the clients run with in these tests: the default attempts, short waits. */
const CLIENTS: SimClientOptions = {
  timeoutMs: TIMEOUT_MS,
  retry: { maxAttempts: DEFAULT_RETRY.maxAttempts, baseDelayMs: 20, maxDelayMs: 100 },
};
/** The real limits scaled 300× (Halo 300 per rolling second, Hudu 1,500 per clock second), kept by both sides. */
const RATE_SCALE = 300;
const PACED: SimClientOptions = { ...CLIENTS, haloRateLimit: { limit: 300, windowMs: 1_000 }, huduRateLimit: { limit: 1_500, windowMs: 1_000 } };

const FAULT_TEST_CONCURRENCY = 6;

async function runImport(setup: ImportSetup, connect: ConnectSources = setup.connect): Promise<JobRun> {
  // Pinned: the default follows the (scaled) limit and would put 64 creates in flight. With the
  // 1.5 s time-out used here, a loaded machine then answers creates past the time-out, and a create
  // Hudu applies after our look-up cannot be told from one that never arrived (Hudu has no
  // idempotency keys). A live import waits 30 s with about 10 in flight.
  const started = startJob(importJob({ connect, concurrency: FAULT_TEST_CONCURRENCY }), { db: setup.db, startedBy: "admin@example.com" });
  expect(started.status).toBe("started");
  return (await waitForJob(started.run.id))!;
}

const huduState = (setup: ImportSetup) => setup.sims.hudu.control.state() as HuduData;

function outcomes(setup: ImportSetup, runId: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const row of countImportItems({ db: setup.db, runId })) out[row.outcome ?? "open"] = (out[row.outcome ?? "open"] ?? 0) + row.n;
  return out;
}

/** The contact assets carrying this Halo user id. */
function contactAssets(setup: ImportSetup, haloId: number) {
  const state = huduState(setup);
  const layout = state.assetLayouts.find((l) => l.name === "Contacts")!;
  return state.assets.filter((a) => a.asset_layout_id === layout.id && a.fields.some((f) => f.label === "Halo ID" && f.value === String(haloId)));
}

const isGet = (r: RequestLogEntry) => r.method === "GET";
const count = (log: RequestLogEntry[], keep: (r: RequestLogEntry) => boolean) => log.filter(keep).length;

describe("an import of the demo data set through faults", () => {
  let clean: { summary: { companies: string[]; assets: string[] }; halo: RequestLogEntry[]; hudu: RequestLogEntry[] };
  let setup: ImportSetup;
  let run: JobRun;
  let refusedUser: { id: number; name: string };

  beforeAll(async () => {
    // The same import with nothing going wrong: what Hudu must hold, and the requests the work needs.
    const reference = await setUpImport({ size: "demo", seed: SEED, clients: CLIENTS });
    try {
      reference.sims.halo.control.resetCounts();
      reference.sims.hudu.control.resetCounts();
      const cleanRun = await runImport(reference);
      expect(cleanRun.status, cleanRun.error ?? "").toBe("succeeded");
      clean = { summary: summariseHuduState(huduState(reference)), halo: reference.sims.halo.control.requests(), hudu: reference.sims.hudu.control.requests() };
    } finally {
      await reference.close();
    }

    setup = await setUpImport({ size: "demo", seed: SEED, simulators: { rateScale: RATE_SCALE }, clients: PACED });
    const { halo, hudu } = setup.sims.generated;
    const otherIds = new Set([...halo.sites.map((s) => s.id), ...halo.contracts.map((c) => c.id)]);
    const matched = new Set(setup.sims.generated.truth.map((t) => t.haloId));
    const activeMatched = new Set(halo.clients.filter((c) => !c.inactive && matched.has(c.id)).map((c) => c.id));
    const user = halo.users.find((u) => activeMatched.has(u.client_id) && !u.inactive && u.emailaddress && !otherIds.has(u.id))!;
    refusedUser = { id: user.id, name: user.name.trim() };
    expect(hudu.companies.length).toBeGreaterThan(50);

    const h = setup.sims.hudu.control;
    const q = setup.sims.halo.control;
    h.resetCounts();
    q.resetCounts();
    // One record Hudu refuses, whatever else happens to its create (first, so no other fault takes it).
    h.failNext({ status: 422, body: REFUSAL, match: { method: "POST", bodyIncludes: `"halo_id":"${user.id}"` } });
    // Reads: a burst of 503s as long as the policy allows on one request, a dropped connection, an
    // answer slower than the time-out, a 429 without Retry-After.
    h.failNext({ status: 503, count: DEFAULT_RETRY.maxAttempts - 1, body: "Service Unavailable", match: { method: "GET", path: "/api/v1/companies" } });
    h.dropNext({ match: { method: "GET", path: "/api/v1/assets" } });
    h.delayNext({ ms: SLOW_MS, match: { method: "GET", path: "/api/v1/asset_layouts" } });
    h.failNext({ status: 429, body: "Retry later", match: { method: "GET", path: "/api/v1/assets" } });
    // Creates: 5xx before the work (500, then a burst of 503), after it (502), a connection dropped
    // before and after, an answer slower than the time-out, a 429 with Retry-After.
    h.failNext({ status: 500, body: { status: 500, error: "Internal Server Error" }, match: { method: "POST", path: "/api/v1/companies" } });
    h.failNext({ status: 502, body: "Bad Gateway", applied: true, match: { method: "POST", path: "/api/v1/companies" } });
    h.failNext({ status: 503, count: 3, body: "Service Unavailable", match: { method: "POST", path: "/api/v1/companies/:id/assets" } });
    h.failNext({ status: 502, body: "Bad Gateway", applied: true, count: 2, match: { method: "POST", path: "/api/v1/companies/:id/assets" } });
    h.dropNext({ match: { method: "POST", path: "/api/v1/companies/:id/assets" } });
    h.dropAnswerNext({ match: { method: "POST", path: "/api/v1/companies/:id/assets" } });
    h.delayNext({ ms: SLOW_MS, match: { method: "POST", path: "/api/v1/companies/:id/assets" } });
    h.failNext({ status: 429, body: "Retry later", headers: { "retry-after": "1" }, match: { method: "POST", path: "/api/v1/companies/:id/assets" } });
    // Halo: a burst of 502/503 on one page, a dropped connection, a slow answer, a 429 (Halo sends
    // no Retry-After), and every token expired part-way through the users.
    q.failNext({ status: 502, count: 1, body: "Bad Gateway", match: { method: "GET", path: "/api/users" } });
    q.failNext({ status: 503, count: DEFAULT_RETRY.maxAttempts - 2, body: "Service Unavailable", match: { method: "GET", path: "/api/users" } });
    q.dropNext({ match: { method: "GET", path: "/api/site" } });
    q.delayNext({ ms: SLOW_MS, match: { method: "GET", path: "/api/client" } });
    q.failNext({ status: 429, body: "Rate Limit Reached - 300 Requests per rolling 1 second window", match: { method: "GET", path: "/api/clientcontract" } });

    let usersPages = 0;
    const connect: ConnectSources = (options) =>
      setup.connect({
        ...options,
        onEvent: (event) => {
          options.onEvent(event);
          if (event.type === "response" && event.service === "halo" && event.status === 200 && /\/api\/users$/i.test(event.path) && ++usersPages === 3) q.expireAllTokens();
        },
      });
    run = await runImport(setup, connect);
  }, 300_000);
  afterAll(() => setup?.close());

  it("ends: every good record in Hudu exactly once, as after a clean run", () => {
    expect(run.status, run.error ?? "").toBe("succeeded");
    const now = summariseHuduState(huduState(setup));
    expect(now.companies).toEqual(clean.summary.companies);
    // The clean run's assets less the one Hudu refused; nothing twice.
    const refused = clean.summary.assets.filter((line) => line.includes(`["Halo ID","${refusedUser.id}"]`) && line.includes('"Contacts"'));
    expect(refused).toHaveLength(1);
    expect(now.assets).toEqual(clean.summary.assets.filter((line) => line !== refused[0]));
    expect(outcomes(setup, run.id).open).toBeUndefined();
  });

  it("reports the refused record with Hudu's own words, and nothing else as failed", () => {
    const failed = listFailedImportItems({ db: setup.db, runId: run.id });
    expect(failed.map((f) => [f.type, f.haloId])).toEqual([["contact", refusedUser.id]]);
    expect(failed[0].message).toContain("Invalid custom field value");
    expect(failed[0].message).toContain("Email is not a valid e-mail address");
  });

  it("met every fault it was given", () => {
    const hudu = setup.sims.hudu.control.requests();
    const halo = setup.sims.halo.control.requests();
    const met = (log: RequestLogEntry[], fault: RequestLogEntry["fault"], method: string, status?: number) =>
      count(log, (r) => r.fault === fault && r.method === method && (status === undefined || r.status === status));
    expect(met(hudu, "fail", "POST", 422)).toBe(1);
    expect(met(hudu, "fail", "GET", 503)).toBe(DEFAULT_RETRY.maxAttempts - 1);
    expect(met(hudu, "drop", "GET")).toBe(1);
    expect(met(hudu, "delay", "GET")).toBe(1);
    expect(met(hudu, "fail", "GET", 429)).toBe(1);
    expect(met(hudu, "fail", "POST", 500)).toBe(1);
    expect(met(hudu, "fail-applied", "POST", 502)).toBe(3);
    expect(met(hudu, "fail", "POST", 503)).toBe(3);
    expect(met(hudu, "drop", "POST")).toBe(1);
    expect(met(hudu, "drop-answer", "POST")).toBe(1);
    expect(met(hudu, "delay", "POST")).toBe(1);
    expect(met(hudu, "fail", "POST", 429)).toBe(1);
    expect(met(halo, "fail", "GET", 502) + met(halo, "fail", "GET", 503)).toBe(DEFAULT_RETRY.maxAttempts - 1);
    expect(met(halo, "drop", "GET")).toBe(1);
    expect(met(halo, "delay", "GET")).toBe(1);
    expect(met(halo, "fail", "GET", 429)).toBe(1);
    // Pages are read a few ahead, so every request in flight when the token expired meets a 401.
    const expired = count(halo, (r) => r.status === 401);
    expect(expired).toBeGreaterThanOrEqual(1);
    expect(expired).toBeLessThanOrEqual(PAGES_IN_FLIGHT + 1);
  });

  it("a burst as long as the policy allows is retried on the same request until it is answered", () => {
    const hudu = setup.sims.hudu.control.requests();
    const burst = hudu.filter((r) => r.fault === "fail" && r.status === 503 && r.method === "GET");
    expect(burst).toHaveLength(DEFAULT_RETRY.maxAttempts - 1);
    // The same request (a later look-up may read that page again, long after).
    const sameRequest = hudu.filter((r) => r.method === "GET" && r.path === burst[0].path && r.search === burst[0].search).slice(0, DEFAULT_RETRY.maxAttempts);
    expect(sameRequest.map((r) => r.status)).toEqual([...burst.map(() => 503), 200]);
  });

  it("after a 429 sends nothing until Retry-After has passed, or, without one, until the window has reset", () => {
    const hudu = setup.sims.hudu.control.requests();
    // Requests already on their way when the 429 came back land within moments; then silence.
    const withHeader = hudu.find((r) => r.fault === "fail" && r.status === 429 && r.method === "POST")!;
    expect(hudu.filter((r) => r.at > withHeader.at + 250 && r.at < withHeader.at + 1_000 - 20)).toEqual([]);
    expect(hudu.some((r) => r.at >= withHeader.at + 1_000 - 20 && r.method === "POST" && r.path === withHeader.path)).toBe(true);

    const without = hudu.find((r) => r.fault === "fail" && r.status === 429 && r.method === "GET")!;
    const again = hudu.find((r) => r.at > without.at && r.method === "GET" && r.path === without.path && r.search === without.search)!;
    expect(again.status).toBe(200);
    // Hudu's window is fixed and clock-aligned (scaled to a second): the next one starts on the second.
    expect(again.at).toBeGreaterThanOrEqual(Math.ceil((without.at + 1) / 1_000) * 1_000);
  });

  it("makes Halo no request beyond what the retry policy allows", () => {
    const halo = setup.sims.halo.control.requests();
    // Each failed answer (a fault met, a 429) is sent once more; a request that met an expired
    // token is sent again after one new token, which the requests in flight share. Real 429s
    // from the scaled limit would count the same way.
    const failedAnswers = count(halo, (r) => r.fault !== undefined || r.status === 429);
    const expired = count(halo, (r) => r.status === 401);
    const newTokens = count(halo, (r) => r.method === "POST") - count(clean.halo, (r) => r.method === "POST");
    expect(newTokens).toBeGreaterThanOrEqual(1);
    expect(newTokens).toBeLessThanOrEqual(expired);
    expect(halo.length).toBe(clean.halo.length + failedAnswers + expired + newTokens);
  });

  it("makes Hudu no request beyond what the retry policy allows", () => {
    const hudu = setup.sims.hudu.control.requests();
    const cleanHudu = clean.hudu;
    const isCreate = (r: RequestLogEntry) => r.method === "POST";
    const answeredLate = (r: RequestLogEntry) => r.fault === "fail-applied" || r.fault === "drop-answer" || r.fault === "delay";
    // Failures that may hide a landed create are looked up before anything more: an asset in its
    // company's list, then among the archived; a company by Hudu's search, then among the
    // archived, then in the whole list active and archived. A create that landed is found in the
    // first list. Each list is read to its empty page: one page, or two when it holds anything.
    const maybeApplied = hudu.filter((r) => isCreate(r) && (answeredLate(r) || r.fault === "drop" || (r.fault === "fail" && r.status >= 500)));
    const lists = maybeApplied.map((r) => (answeredLate(r) ? 1 : r.path === "/api/v1/companies" ? 4 : 2)).reduce((a, b) => a + b, 0);
    // Creates sent again: those that never landed (refused before the work, or a 429).
    const createsAgain = count(hudu, (r) => isCreate(r) && (r.fault === "drop" || (r.status >= 500 && !answeredLate(r)) || r.status === 429));
    expect(count(hudu, isCreate)).toBe(count(cleanHudu, isCreate) + createsAgain);
    // Writes other than creates (updates, archives) are as in the clean run, plus one per failed answer.
    const otherWrites = (r: RequestLogEntry) => !isGet(r) && !isCreate(r);
    expect(count(hudu, otherWrites)).toBe(count(cleanHudu, otherWrites) + count(hudu, (r) => otherWrites(r) && (r.fault !== undefined || r.status === 429)));
    // Reads: the clean run's, one more per failed answer, and the look-ups.
    const readsAgain = count(hudu, (r) => isGet(r) && (r.fault !== undefined || r.status === 429));
    expect(maybeApplied).toHaveLength(10);
    const lookUps = count(hudu, isGet) - count(cleanHudu, isGet) - readsAgain;
    expect(lookUps).toBeGreaterThanOrEqual(lists);
    expect(lookUps).toBeLessThanOrEqual(2 * lists);
  });
});

describe("a create met by a burst of 5xx", () => {
  it("is looked up and sent again as often as the policy allows attempts: landed once after a burst one shorter, reported after a longer one", async () => {
    const setup = await setUpImport({ size: "tiny", seed: SEED, clients: CLIENTS });
    try {
      const { halo, truth } = setup.sims.generated;
      const matched = new Set(truth.map((t) => t.haloId));
      const otherIds = new Set([...halo.sites.map((s) => s.id), ...halo.contracts.map((c) => c.id)]);
      const [lucky, unlucky] = halo.users.filter((u) => matched.has(u.client_id) && !halo.clients.find((c) => c.id === u.client_id)!.inactive && !u.inactive && !otherIds.has(u.id));
      const creates = (id: number) => ({ method: "POST", path: "/api/v1/companies/:id/assets", bodyIncludes: `"halo_id":"${id}"` });
      const attempts = DEFAULT_RETRY.maxAttempts;
      setup.sims.hudu.control.failNext({ status: 503, count: attempts - 1, body: "Service Unavailable", match: creates(lucky.id) });
      setup.sims.hudu.control.failNext({ status: 503, count: attempts, body: "Service Unavailable", match: creates(unlucky.id) });
      setup.sims.hudu.control.resetCounts();
      const run = await runImport(setup);
      expect(run.status, run.error ?? "").toBe("succeeded");

      const log = setup.sims.hudu.control.requests();
      expect(log.filter((r) => r.method === "POST" && r.fault).length).toBe(2 * attempts - 1);
      expect(contactAssets(setup, lucky.id)).toHaveLength(1);
      const failed = listFailedImportItems({ db: setup.db, runId: run.id });
      expect(failed.map((f) => f.haloId)).toEqual([unlucky.id]);
      expect(failed[0].message).toMatch(/^Hudu had an internal error \(503\) while trying to create asset .*This usually passes; try again later\.$/);
      expect(contactAssets(setup, unlucky.id)).toEqual([]);
    } finally {
      await setup.close();
    }
  }, 120_000);
});

describe("a fault longer than the retry policy", () => {
  it("stops the run after exactly the allowed attempts, with the reason in plain words, and the next run finishes the job", async () => {
    const setup = await setUpImport({ size: "tiny", seed: SEED, clients: CLIENTS });
    try {
      setup.sims.hudu.control.resetCounts();
      setup.sims.hudu.control.failNext({ status: 503, count: DEFAULT_RETRY.maxAttempts, body: "Service Unavailable", match: { method: "GET", path: "/api/v1/companies" } });
      const failed = await runImport(setup);
      expect(failed.status).toBe("failed");
      expect(failed.error).toMatch(/Hudu had an internal error \(503\) while trying to .*This usually passes; try again later\./);
      const log = setup.sims.hudu.control.requests().filter((r) => r.path === "/api/v1/companies");
      expect(log.map((r) => r.status)).toEqual(Array(DEFAULT_RETRY.maxAttempts).fill(503));
      expect(log.every((r) => r.search === log[0].search)).toBe(true);
      expect(setup.sims.hudu.control.requests().filter((r) => r.method !== "GET")).toEqual([]);

      const again = await runImport(setup);
      expect(again.status, again.error ?? "").toBe("succeeded");
      expect(outcomes(setup, again.id).failed ?? 0).toBe(0);
    } finally {
      await setup.close();
    }
  }, 120_000);
});
