/**
 * One import, in a process of its own so its peak memory is the import's alone (bench:import
 * forks this; the simulators live in the parent). It starts the import exactly as the dashboard's
 * Start import does (startImport: connection tests passed, one import at a time; importJob:
 * connect, read both sides, plan, save the items, execute), paced at the limits it is given, and
 * sends back what it saw of each service's requests.
 *
 * Argument: JSON `{ "databasePath": …, "rateLimits": { "halo": …, "hudu": … }, "heapSnapshot"?: { "dir": …, "atMB": … } }`.
 */
import path from "node:path";
import { writeHeapSnapshot } from "node:v8";
import { openDatabase } from "@/db";
import { settingsConnector, type ConnectSources } from "@/lib/connections/connect";
import type { ServiceName } from "@/lib/errors";
import type { HttpEvent } from "@/lib/http/events";
import type { RateLimitConfig } from "@/lib/http/rate-limiter";
import { waitForJob } from "@/lib/jobs/runner";
import { importJob } from "@/lib/sync/import-job";
import { startImport } from "@/lib/sync/import-start";

export interface ServiceSeen {
  /** Answers by HTTP status (429s included). */
  byStatus: Record<string, number>;
  /** Epoch ms the first request went out (after its pacing wait) and the last answer came back. */
  firstSentAt: number | null;
  lastAnsweredAt: number | null;
  retries: number;
}

export interface ImportRunResult {
  runId: number;
  status: string;
  error: string | null;
  startedAt: number;
  finishedAt: number;
  /** When each phase began (epoch ms: reading, planning, company, site, contact-contract, finished) and the most RSS seen in it (bytes). */
  phases: Array<{ phase: string; at: number; peakRssBytes: number }>;
  services: Record<Extract<ServiceName, "halo" | "hudu">, ServiceSeen>;
  /** Peak resident set size of this process (ru_maxrss), bytes. */
  peakRssBytes: number;
  /** V8's heap at the sample with the most RSS (bytes): what it had reserved and what was in use, collected or not. */
  heapAtPeak: { totalBytes: number; usedBytes: number };
  /** With heapSnapshot: the snapshot written when the heap in use first passed atMB, and the heap live after the full collection it makes. */
  snapshot?: { path: string; phase: string; usedBeforeBytes: number; liveBytes: number };
  cpuMs: { user: number; system: number };
}

const input = JSON.parse(process.argv[2] ?? "{}") as {
  databasePath: string;
  rateLimits: { halo: RateLimitConfig; hudu: RateLimitConfig };
  heapSnapshot?: { dir: string; atMB: number };
};

/** How often the RSS is sampled to find each phase's peak. */
const RSS_SAMPLE_MS = 200;

function seen(): ServiceSeen {
  return { byStatus: {}, firstSentAt: null, lastAnsweredAt: null, retries: 0 };
}

async function main(): Promise<ImportRunResult> {
  const { db, sqlite } = openDatabase(input.databasePath);
  const services = { halo: seen(), hudu: seen() };
  const record = (event: HttpEvent) => {
    if (event.service !== "halo" && event.service !== "hudu") return;
    const s = services[event.service];
    if (event.type === "retry") s.retries++;
    if (event.type !== "response") return;
    const now = Date.now();
    s.byStatus[event.status] = (s.byStatus[event.status] ?? 0) + 1;
    s.firstSentAt = Math.min(s.firstSentAt ?? Infinity, now - event.durationMs);
    s.lastAnsweredAt = now;
  };
  const base = settingsConnector({ environment: {}, rateLimits: input.rateLimits });
  const connect: ConnectSources = (options) => base({ ...options, onEvent: (event) => (record(event), options.onEvent(event)) });

  const phases: ImportRunResult["phases"] = [];
  const atPeak = { rss: 0, heap: { totalBytes: 0, usedBytes: 0 } };
  let snapshot: ImportRunResult["snapshot"];
  const sampleRss = () => {
    const memory = process.memoryUsage();
    if (input.heapSnapshot && !snapshot && memory.heapUsed > input.heapSnapshot.atMB * 1e6) {
      // writeHeapSnapshot collects garbage first: what it shows, and the heap in use after it, is what is live.
      const file = writeHeapSnapshot(path.join(input.heapSnapshot.dir, `import-${process.pid}.heapsnapshot`));
      snapshot = { path: file, phase: phases.at(-1)?.phase ?? "", usedBeforeBytes: memory.heapUsed, liveBytes: process.memoryUsage().heapUsed };
    }
    if (memory.rss > atPeak.rss) Object.assign(atPeak, { rss: memory.rss, heap: { totalBytes: memory.heapTotal, usedBytes: memory.heapUsed } });
    const current = phases.at(-1);
    if (current) current.peakRssBytes = Math.max(current.peakRssBytes, memory.rss);
  };
  const sampler = setInterval(sampleRss, RSS_SAMPLE_MS);
  const job = importJob({
    connect,
    onProgress: (p) => {
      if (phases.at(-1)?.phase === p.phase) return;
      sampleRss();
      phases.push({ phase: p.phase, at: Date.now(), peakRssBytes: process.memoryUsage.rss() });
      console.error(`  ${new Date().toLocaleTimeString("en-GB")} import: ${p.phase}`);
    },
  });
  const startedAt = Date.now();
  const cpuBefore = process.cpuUsage();
  const started = startImport({ db, startedBy: "bench", job });
  if (started.status === "refused") throw new Error(`The import was refused: ${started.reason}`);
  const run = (await waitForJob(started.run.id)) ?? started.run;
  const finishedAt = Date.now();
  clearInterval(sampler);
  const cpu = process.cpuUsage(cpuBefore);
  sqlite.close();
  return {
    runId: run.id,
    status: run.status,
    error: run.error,
    startedAt,
    finishedAt,
    phases,
    services,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    heapAtPeak: atPeak.heap,
    snapshot,
    cpuMs: { user: Math.round(cpu.user / 1000), system: Math.round(cpu.system / 1000) },
  };
}

main().then(
  (result) => process.send?.(result, () => process.exit(0)),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
