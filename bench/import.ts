/**
 * Import benchmark: is a full import as fast as the services' rate limits allow?
 *
 * Starts both simulators over the `large` MSP (~5,000 clients, ~7,900 sites, ~60,000 users,
 * ~6,000 contracts) with rate limits shaped like the real ones (Halo: 300 per rolling 5 minutes;
 * Hudu: 1,500 per fixed 5-minute window on the clock, which our client paces at the documented
 * 300 a minute) and every duration divided by `--rate-scale`, and answers every request after
 * `--latency` ms. Then does what an admin does: saves and tests both connections, refreshes the
 * match board, accepts the auto-accept suggestions and marks the remaining clients "create new",
 * ensures the layouts, and starts the import as the dashboard does, in a child process
 * (bench/import-run.ts) whose peak memory is the import's alone. Then imports again with
 * nothing changed.
 *
 * Prints per service the requests made by kind, the fewest the work needs, the least time those
 * take at the limit (the floor), the measured time and its ratio to the floor, the 429s met; the
 * import's peak memory; and the second run's writes, requests and time. Goals (issue 12):
 * requests within 2% of the fewest, time within 1.10× the floor, no 429s, peak RSS < 400 MB.
 *
 * `npm run bench:import` (large, 25×) or e.g. `npm run bench:import -- --size demo --rate-scale 60`;
 * `--seed N`, `--latency MS` (default 150), `--json`, `--profile DIR` (CPU profiles of the import processes),
 * `--node-flags=--optimize-for-size` (Node/V8 flags for the import processes only), `--heap-snapshot DIR`
 * (one heap snapshot per import process, when its heap in use first passes `--heap-snapshot-at` MB, default 300).
 */
import { fork } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { openDatabase, type Db } from "@/db";
import { listImportItemJson } from "@/db/queries/import-items";
import { settingsConnector } from "@/lib/connections/connect";
import { acceptAutoSuggestions, createRemainingAsNew } from "@/lib/decisions/decide";
import { HALO_DEFAULT_RATE_LIMIT, HUDU_DEFAULT_RATE_LIMIT, type RateLimitConfig } from "@/lib/http/rate-limiter";
import { HEAP_CEILING_FLAG } from "@/lib/jobs/heap-ceiling";
import { ensureLayouts } from "@/lib/layouts/ensure";
import { saveConnectionSettings } from "@/lib/settings/connection-settings";
import { recordConnectionTest, runConnectionTest } from "@/lib/settings/connection-tests";
import { refreshSnapshot } from "@/lib/snapshot/refresh";
import { loadSyncSettings } from "@/lib/sync/settings";
import { assetRecordTypes, type PlanItem } from "@/lib/sync/types";
import { startSimulators, type HuduData, type RunningSimulators } from "@/sim";
import { isMspSize } from "@/sim/data/generate";
import { fewestHaloRequests, fewestHuduReads, floorMs, huduWritesFor, isWriteKey, scaleClientLimit, type HuduCounts } from "./import-figures";
import type { ImportRunResult } from "./import-run";

const { values: args } = parseArgs({
  options: {
    size: { type: "string", default: "large" },
    seed: { type: "string", default: "1" },
    "rate-scale": { type: "string", default: "25" },
    latency: { type: "string", default: "150" },
    json: { type: "boolean", default: false },
    profile: { type: "string" },
    "node-flags": { type: "string", default: "" },
    "heap-snapshot": { type: "string" },
    "heap-snapshot-at": { type: "string", default: "300" },
  },
});

/**
 * The import processes start as the product's do (npm start, npm run cli: the heap ceiling of
 * lib/jobs/heap-ceiling.ts), then with --node-flags "…", e.g. "--optimize-for-size" or
 * "--max-old-space-size=4096" (the last of a flag given twice wins).
 */
const nodeFlags = [HEAP_CEILING_FLAG, ...args["node-flags"].split(" ").filter(Boolean)];

const size = args.size;
if (!isMspSize(size)) throw new Error(`--size must be tiny, demo or large; got ${size}`);
const seed = Number(args.seed);
const scale = Number(args["rate-scale"]);
const latencyMs = Number(args.latency);
if (!(scale > 0) || !(latencyMs >= 0) || !Number.isInteger(seed)) throw new Error("--rate-scale must be > 0, --latency ≥ 0 and --seed a whole number");

/** The published limits, scaled: what our clients pace at (see import-figures.ts). */
const clientLimits = { halo: scaleClientLimit(HALO_DEFAULT_RATE_LIMIT, scale), hudu: scaleClientLimit(HUDU_DEFAULT_RATE_LIMIT, scale) };

const GOALS = { requestsOver: 0.02, timeRatio: 1.1, peakRssMB: 400 };

// The child and the settings code need a valid environment; a benchmark makes throwaway secrets.
process.env.NEXTAUTH_SECRET ||= randomBytes(32).toString("base64");
process.env.SETTINGS_ENCRYPTION_KEY ||= randomBytes(32).toString("base64");

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (ms: number) => Math.round(ms / 100) / 10;
const mb = (bytes: number) => Math.round(bytes / 1e6);

/** What an admin does before the first import: connections saved and tested, board decided, layouts ensured. */
async function setUp(db: Db, sims: RunningSimulators) {
  const saved = saveConnectionSettings({
    db,
    environment: {},
    user: { email: "bench@example.com" },
    input: {
      haloAuthUrl: sims.halo.authUrl,
      haloResourceUrl: sims.halo.resourceUrl,
      haloTenant: sims.halo.tenant,
      haloClientId: sims.halo.clientId,
      haloClientSecret: sims.halo.clientSecret,
      huduUrl: sims.hudu.url,
      huduApiKey: sims.hudu.apiKey,
    },
  });
  if (!saved.ok) throw new Error(`Saving the connection settings failed: ${saved.message}`);
  for (const service of ["halo", "hudu"] as const) {
    const outcome = await runConnectionTest({ db, service, environment: {}, rateLimits: clientLimits });
    if (outcome.status !== "tested" || !outcome.result.ok) throw new Error(`The ${service} connection test failed: ${JSON.stringify(outcome)}`);
    recordConnectionTest({ db, service, result: outcome.result, testedBy: "bench@example.com" });
  }
  const connect = settingsConnector({ environment: {}, rateLimits: clientLimits });
  const refreshed = await refreshSnapshot({ db, startedBy: "bench@example.com", connect });
  if (refreshed.status !== "succeeded") throw new Error(`The snapshot refresh failed: ${refreshed.status === "failed" ? refreshed.error : "another was running"}`);
  const accepted = acceptAutoSuggestions({ db, decidedBy: "bench@example.com", source: "auto-accept" });
  const created = createRemainingAsNew({ db, decidedBy: "bench@example.com" });
  const { hudu } = await connect({ db, onEvent: () => {} });
  const ensured = await ensureLayouts({ db, hudu, updatedBy: "bench@example.com" });
  if (ensured.error) throw new Error(`Ensuring the layouts failed: ${ensured.error}`);
  const clients = sims.generated.halo.clients.length;
  return { matched: accepted.saved, createNew: created.saved, undecided: clients - accepted.saved - created.saved };
}

/** Lets every window the setup used run out, so the import starts as a later one would: on fresh budgets. */
async function freshWindows(sims: RunningSimulators) {
  const resetMs = clientLimits.hudu.resetWindowMs;
  const toHuduBoundary = resetMs - (Date.now() % resetMs);
  await sleep(Math.max(clientLimits.halo.windowMs, toHuduBoundary + (toHuduBoundary < clientLimits.halo.windowMs ? resetMs : 0)) + 50);
  sims.halo.control.resetCounts();
  sims.hudu.control.resetCounts();
}

function huduCounts(db: Db, sims: RunningSimulators): HuduCounts {
  const state = sims.hudu.control.state() as HuduData;
  const settings = loadSyncSettings({ db });
  return {
    activeCompanies: state.companies.filter((c) => !c.archived).length,
    archivedCompanies: state.companies.filter((c) => c.archived).length,
    layouts: state.assetLayouts.length,
    assets: assetRecordTypes.flatMap((type) => {
      const id = settings.layouts[type]?.id;
      if (id === undefined) return [];
      const ofLayout = state.assets.filter((a) => a.asset_layout_id === id);
      return [{ active: ofLayout.filter((a) => !a.archived).length, archived: ofLayout.filter((a) => a.archived).length }];
    }),
  };
}

function runImportChild(databasePath: string): Promise<ImportRunResult> {
  return new Promise((resolve, reject) => {
    const script = path.join(path.dirname(fileURLToPath(import.meta.url)), "import-run.ts");
    // --profile DIR: a CPU profile of each import process (open it in Chrome's DevTools).
    const execArgv = [...process.execArgv, ...nodeFlags, ...(args.profile ? ["--cpu-prof", `--cpu-prof-dir=${args.profile}`] : [])];
    const heapSnapshot = args["heap-snapshot"] ? { dir: path.resolve(args["heap-snapshot"]), atMB: Number(args["heap-snapshot-at"]) } : undefined;
    const child = fork(script, [JSON.stringify({ databasePath, rateLimits: clientLimits, heapSnapshot })], { stdio: ["ignore", "inherit", "inherit", "ipc"], execArgv });
    let result: ImportRunResult | undefined;
    child.on("message", (message) => (result = message as ImportRunResult));
    child.on("error", reject);
    child.on("exit", (code) => (result ? resolve(result) : reject(new Error(`The import process ended with code ${code} and no result.`))));
  });
}

interface ServiceFigures {
  byKind: Record<string, number>;
  made: number;
  fewest: number;
  fewestReads: number;
  fewestWrites: number;
  writes: number;
  limit: Required<RateLimitConfig>;
  floorMs: number;
  measuredMs: number;
  ratio: number;
  tooMany429s: number;
}

function serviceFigures(counts: Record<string, number>, fewestReads: number, fewestWrites: number, limit: Required<RateLimitConfig>, seen: ImportRunResult["services"]["halo"]): ServiceFigures {
  const byKind = Object.fromEntries(Object.entries(counts).sort((a, b) => b[1] - a[1]));
  const made = Object.values(counts).reduce((a, b) => a + b, 0);
  const writes = Object.entries(counts).reduce((n, [key, v]) => n + (isWriteKey(key) ? v : 0), 0);
  const fewest = fewestReads + fewestWrites;
  const floor = floorMs(fewest, limit, latencyMs);
  const measuredMs = seen.firstSentAt !== null && seen.lastAnsweredAt !== null ? seen.lastAnsweredAt - seen.firstSentAt : 0;
  return { byKind, made, fewest, fewestReads, fewestWrites, writes, limit, floorMs: floor, measuredMs, ratio: floor > 0 ? measuredMs / floor : 0, tooMany429s: seen.byStatus["429"] ?? 0 };
}

/** One import: fresh windows, counts read before and after, the child's own view of its requests. */
async function measureRun(db: Db, databasePath: string, sims: RunningSimulators) {
  await freshWindows(sims);
  const hudu = huduCounts(db, sims);
  const g = sims.generated.halo;
  const halo = fewestHaloRequests({ clients: g.clients.length, sites: g.sites.length, users: g.users.length, contracts: g.contracts.length });
  const load = loadavg()[0];
  const simCpu = process.cpuUsage();
  const run = await runImportChild(databasePath);
  const simCpuMs = process.cpuUsage(simCpu);
  if (run.status !== "succeeded") throw new Error(`Import #${run.runId} ${run.status}: ${run.error ?? ""}`);
  const items = listImportItemJson({ db, runId: run.runId }).map((json) => JSON.parse(json) as PlanItem);
  const writesNeeded = items.reduce((n, item) => n + huduWritesFor(item), 0);
  return {
    runId: run.runId,
    items: items.length,
    ms: run.finishedAt - run.startedAt,
    phases: run.phases.map((p) => ({ phase: p.phase, s: seconds(p.at - run.startedAt), peakRssMB: mb(p.peakRssBytes) })),
    halo: serviceFigures(sims.halo.control.requestCounts(), halo.reads + halo.token, 0, clientLimits.halo, run.services.halo),
    hudu: serviceFigures(sims.hudu.control.requestCounts(), fewestHuduReads(hudu), writesNeeded, clientLimits.hudu, run.services.hudu),
    retries: { halo: run.services.halo.retries, hudu: run.services.hudu.retries },
    peakRssMB: mb(run.peakRssBytes),
    heapAtPeakMB: { total: mb(run.heapAtPeak.totalBytes), used: mb(run.heapAtPeak.usedBytes) },
    snapshot: run.snapshot ? { path: run.snapshot.path, phase: run.snapshot.phase, usedBeforeMB: mb(run.snapshot.usedBeforeBytes), liveMB: mb(run.snapshot.liveBytes) } : null,
    cpuSeconds: { import: seconds(run.cpuMs.user + run.cpuMs.system), simulators: seconds((simCpuMs.user + simCpuMs.system) / 1000) },
    loadAverageAtStart: Math.round(load * 100) / 100,
    loadAverageAtEnd: Math.round(loadavg()[0] * 100) / 100,
  };
}

type RunFigures = Awaited<ReturnType<typeof measureRun>>;

function describeLimit(service: "halo" | "hudu", limit: Required<RateLimitConfig>): string {
  return service === "halo"
    ? `${limit.limit} per rolling ${seconds(limit.windowMs)} s`
    : `${limit.limit} per ${seconds(limit.windowMs)} s on the clock (server: 1500 per ${seconds(limit.resetWindowMs)} s)`;
}

function printRun(title: string, run: RunFigures) {
  console.log(`\n${title}: import #${run.runId}, ${run.items.toLocaleString("en")} plan items, ${seconds(run.ms)} s in all (load average ${run.loadAverageAtStart} → ${run.loadAverageAtEnd})`);
  console.log(`  phases (start, peak RSS): ${run.phases.map((p) => `${p.phase} ${p.s} s ${p.peakRssMB} MB`).join(", ")}`);
  for (const service of ["halo", "hudu"] as const) {
    const f = run[service];
    const over = f.fewest > 0 ? ((f.made / f.fewest - 1) * 100).toFixed(1) : "–";
    console.log(`  ${service === "halo" ? "Halo" : "Hudu"}: ${f.made.toLocaleString("en")} requests (fewest ${f.fewest.toLocaleString("en")}: ${f.fewestReads.toLocaleString("en")} reads + ${f.fewestWrites.toLocaleString("en")} writes; ${over}% over), ${service === "hudu" ? `${f.writes.toLocaleString("en")} writes, ` : ""}${f.tooMany429s} × 429, ${run.retries[service]} retries`);
    for (const [kind, n] of Object.entries(f.byKind)) console.log(`      ${n.toString().padStart(7)}  ${kind}`);
    if (f.fewest <= f.limit.limit) console.log(`    within one window's budget at ${describeLimit(service, f.limit)} (no rate floor); measured ${seconds(f.measuredMs)} s (first request to last answer)`);
    else console.log(`    floor at ${describeLimit(service, f.limit)}: ${seconds(f.floorMs)} s; measured ${seconds(f.measuredMs)} s (first request to last answer) = ${f.ratio.toFixed(2)}× the floor`);
  }
  if (run.snapshot) console.log(`  heap snapshot (${run.snapshot.phase}): ${run.snapshot.usedBeforeMB} MB in use before a full collection, ${run.snapshot.liveMB} MB live after it; ${run.snapshot.path}`);
  console.log(`  peak RSS of the import process: ${run.peakRssMB} MB (V8's heap then: ${run.heapAtPeakMB.total} MB reserved, ${run.heapAtPeakMB.used} MB in use, collected or not); CPU: import ${run.cpuSeconds.import} s, simulators ${run.cpuSeconds.simulators} s`);
}

function goals(first: RunFigures, second: RunFigures) {
  const bound = first.hudu.floorMs >= first.halo.floorMs ? "hudu" : "halo";
  return [
    { goal: `Halo requests within ${GOALS.requestsOver * 100}% of the fewest`, ok: first.halo.made <= first.halo.fewest * (1 + GOALS.requestsOver), value: `${first.halo.made} / ${first.halo.fewest}` },
    { goal: `Hudu requests within ${GOALS.requestsOver * 100}% of the fewest`, ok: first.hudu.made <= first.hudu.fewest * (1 + GOALS.requestsOver), value: `${first.hudu.made} / ${first.hudu.fewest}` },
    { goal: `Halo time within ${GOALS.timeRatio}× its floor`, ok: first.halo.ratio <= GOALS.timeRatio, value: `${first.halo.ratio.toFixed(2)}×` },
    { goal: `Hudu time within ${GOALS.timeRatio}× its floor`, ok: first.hudu.ratio <= GOALS.timeRatio, value: `${first.hudu.ratio.toFixed(2)}×` },
    { goal: `whole import within ${GOALS.timeRatio}× the floor of the binding service (${bound})`, ok: first.ms <= first[bound].floorMs * GOALS.timeRatio, value: `${(first.ms / first[bound].floorMs).toFixed(2)}×` },
    { goal: "no 429s", ok: first.halo.tooMany429s + first.hudu.tooMany429s + second.halo.tooMany429s + second.hudu.tooMany429s === 0, value: `${first.halo.tooMany429s + first.hudu.tooMany429s + second.halo.tooMany429s + second.hudu.tooMany429s}` },
    { goal: `peak RSS under ${GOALS.peakRssMB} MB`, ok: Math.max(first.peakRssMB, second.peakRssMB) < GOALS.peakRssMB, value: `${Math.max(first.peakRssMB, second.peakRssMB)} MB` },
    { goal: "second run: no Hudu writes", ok: second.hudu.writes === 0, value: `${second.hudu.writes}` },
  ];
}

async function main() {
  const started = Date.now();
  const sims = await startSimulators({ size: size as "tiny" | "demo" | "large", seed, rateScale: scale, latencyMs });
  const dir = mkdtempSync(path.join(tmpdir(), "bench-import-"));
  const databasePath = path.join(dir, "bench.db");
  const { db, sqlite } = openDatabase(databasePath);
  try {
    const decided = await setUp(db, sims);
    const first = await measureRun(db, databasePath, sims);
    const second = await measureRun(db, databasePath, sims);
    const checks = goals(first, second);
    const machine = { nproc: cpus().length, memoryGB: Math.round(totalmem() / 1e9), node: process.version };
    const figures = { size, seed, rateScale: scale, latencyMs, nodeFlags, clientLimits, machine, decided, first, second, goals: checks, benchSeconds: seconds(Date.now() - started) };
    if (args.json) {
      console.log(JSON.stringify(figures, null, 2));
      return;
    }
    const g = sims.generated.halo;
    console.log(`Import at size ${size} (seed ${seed}): ${g.clients.length} clients, ${g.sites.length} sites, ${g.users.length} users, ${g.contracts.length} contracts`);
    console.log(`  import processes run with ${nodeFlags.join(" ")}`);
    console.log(`  limits scaled ${scale}×, every answer after ${latencyMs} ms; board: ${decided.matched} matched by auto-accept, ${decided.createNew} create new, ${decided.undecided} left undecided`);
    console.log(`  machine: ${machine.nproc} CPUs, ${machine.memoryGB} GB, Node ${machine.node}`);
    printRun("First run", first);
    printRun("Second run, nothing changed", second);
    console.log("\nGoals:");
    for (const c of checks) console.log(`  ${c.ok ? "✓" : "✗"} ${c.goal}: ${c.value}`);
    console.log(`(benchmark took ${seconds(Date.now() - started)} s)`);
  } finally {
    sqlite.close();
    rmSync(dir, { recursive: true, force: true });
    await sims.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
