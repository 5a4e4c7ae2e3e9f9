/**
 * Import throughput against Hudu's limit: does the executor keep Hudu busy up to the limit, or
 * does it wait on each answer in turn? The Hudu simulator gets a rate limit (fixed windows) and an
 * answer time; the import runs on the demo data set with 1 request in flight (a serial loop) and
 * with the executor's default, and the Hudu writes per minute over a stretch of the run are
 * compared with what the limit allows.
 *
 * `npm run bench:throughput` (human-readable) or `npm run bench:throughput -- --json`.
 * Options: --latency=MS (Hudu's answer time, default 200), --limit=N/SECONDS (default 50/5,
 * i.e. 600 a minute), --seconds=S (how long each run is measured, default 40).
 */
import { openDatabase } from "@/db";
import type { ConnectSources } from "@/lib/connections/connect";
import { saveDecision } from "@/db/queries/match-decisions";
import { HaloClient } from "@/lib/halo";
import { FixedWindowLimiter, RollingWindowLimiter } from "@/lib/http/rate-limiter";
import { HuduClient } from "@/lib/hudu";
import { requestJob, startJob, waitForJob } from "@/lib/jobs/runner";
import { ensureLayouts } from "@/lib/layouts/ensure";
import { importConcurrency } from "@/lib/sync/executor";
import { importJob } from "@/lib/sync/import-job";
import { startSimulators } from "@/sim";

const arg = (name: string, fallback: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const asJson = process.argv.includes("--json");
const latencyMs = Number(arg("latency", "200"));
const [limitText, windowText] = arg("limit", "50/5").split("/");
const limit = { limit: Number(limitText), windowMs: Number(windowText) * 1000 };
// Whole limit windows only (see below).
const seconds = Math.max(1, Math.round(Number(arg("seconds", "40")) / Number(windowText))) * Number(windowText);
const allowedPerMinute = (limit.limit * 60_000) / limit.windowMs;

interface Result {
  concurrency: number;
  writesPerMinute: number;
  shareOfLimit: number;
}

async function measure(concurrency: number): Promise<Result> {
  const sims = await startSimulators({ size: "demo", seed: 1, halo: { rateLimit: false }, hudu: { rateLimit: limit } });
  const { db, sqlite } = openDatabase(":memory:");
  try {
    const connect: ConnectSources = async ({ onEvent }) => ({
      halo: new HaloClient(
        { authUrl: sims.halo.authUrl, resourceUrl: sims.halo.resourceUrl, tenant: sims.halo.tenant, clientId: sims.halo.clientId, clientSecret: sims.halo.clientSecret },
        { onEvent, limiter: new RollingWindowLimiter({ limit: 100_000, windowMs: 1000 }) },
      ),
      hudu: new HuduClient({ baseUrl: sims.hudu.url, apiKey: sims.hudu.apiKey }, { onEvent, limiter: new FixedWindowLimiter(limit) }),
    });
    const { hudu } = await connect({ db, onEvent: () => {} });
    const ensured = await ensureLayouts({ db, hudu, updatedBy: "bench" });
    if (ensured.error) throw new Error(`layouts: ${JSON.stringify(ensured.error)}`);
    const truth = new Map(sims.generated.truth.map((t) => [t.haloId, t.huduId]));
    for (const client of sims.generated.halo.clients) {
      const huduCompanyId = truth.get(client.id);
      saveDecision({ db, decision: huduCompanyId ? { haloClientId: client.id, kind: "match", huduCompanyId } : { haloClientId: client.id, kind: "create" }, decidedBy: "bench", source: "manual" });
    }
    sims.hudu.control.setLatency(latencyMs);
    sims.hudu.control.resetCounts();

    const started = startJob(importJob({ connect, concurrency }), { db, startedBy: "bench" });
    const writes = () => sims.hudu.control.requests().filter((r) => r.method !== "GET" && r.status !== 429);
    // Measure from the first limit window that starts after the first write (reading and
    // planning come before), over whole windows: a stretch that starts mid-window would count
    // one window's budget more than the limit allows.
    while (writes().length === 0) await new Promise((r) => setTimeout(r, 100));
    const from = Math.ceil(writes()[0].at / limit.windowMs) * limit.windowMs;
    await new Promise((r) => setTimeout(r, from + seconds * 1000 - Date.now() + 500));
    const counted = writes().filter((r) => r.at >= from && r.at < from + seconds * 1000).length;
    requestJob({ db, id: started.run.id, request: "cancel" });
    await waitForJob(started.run.id);
    const writesPerMinute = Math.round((counted * 60) / seconds);
    return { concurrency, writesPerMinute, shareOfLimit: Math.round((writesPerMinute / allowedPerMinute) * 100) / 100 };
  } finally {
    sqlite.close();
    await sims.close();
  }
}

async function main() {
  const results = [await measure(1), await measure(importConcurrency(limit))];
  const serialCeiling = Math.round(60_000 / latencyMs);
  if (asJson) {
    console.log(JSON.stringify({ latencyMs, limit, allowedPerMinute, serialCeiling, seconds, results }, null, 2));
    return;
  }
  console.log(`Hudu answers in ${latencyMs} ms and allows ${limit.limit} requests per ${limit.windowMs / 1000} s (${allowedPerMinute} a minute).`);
  console.log(`One request at a time cannot exceed ${serialCeiling} a minute. Writes per minute over ${seconds} s of the demo import:`);
  for (const r of results) console.log(`  ${r.concurrency} in flight: ${r.writesPerMinute} a minute (${Math.round(r.shareOfLimit * 100)} % of the limit)`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
