/**
 * Test helpers for imports against the simulators (used by the import integration tests and the
 * CLI import test): a database with layouts ensured and every client decided, and clients whose
 * pacing does not slow a test down.
 */
import { expect } from "vitest";
import { openDatabase, type Db } from "@/db";
import { saveDecision } from "@/db/queries/match-decisions";
import type { ConnectSources } from "@/lib/connections/connect";
import { HaloClient } from "@/lib/halo/client";
import { FixedWindowLimiter, RollingWindowLimiter, type RateLimitConfig } from "@/lib/http/rate-limiter";
import type { RetryPolicy } from "@/lib/http/request";
import { HuduClient } from "@/lib/hudu/client";
import type { JobKind } from "@/lib/jobs/types";
import { ensureLayouts } from "@/lib/layouts/ensure";
import { startSimulators, type RunningSimulators, type StartSimulatorsOptions } from "@/sim";
import type { MspSize } from "@/sim/data/generate";
import { initialImportProgress, parseImportProgress, type ImportProgress } from "./import-progress";

/** How the test clients talk to the simulators (defaults: no real pacing, quick retries). */
export interface SimClientOptions {
  timeoutMs?: number;
  /** The pace each client keeps (default far above what a test needs). */
  haloRateLimit?: RateLimitConfig;
  huduRateLimit?: RateLimitConfig;
  retry?: Partial<RetryPolicy>;
}

/** Clients for the simulators, paced far above what the tests need, retrying quickly. */
export function simConnect(sims: RunningSimulators, options: SimClientOptions = {}): ConnectSources {
  const { timeoutMs = 5000, haloRateLimit = { limit: 100_000, windowMs: 1000 }, huduRateLimit = { limit: 100_000, windowMs: 1000 } } = options;
  const retry = { baseDelayMs: 5, maxDelayMs: 20, ...options.retry };
  return async ({ onEvent }) => ({
    halo: new HaloClient(
      { authUrl: sims.halo.authUrl, resourceUrl: sims.halo.resourceUrl, tenant: sims.halo.tenant, clientId: sims.halo.clientId, clientSecret: sims.halo.clientSecret, timeoutMs },
      { onEvent, limiter: new RollingWindowLimiter(haloRateLimit), retry },
    ),
    hudu: new HuduClient({ baseUrl: sims.hudu.url, apiKey: sims.hudu.apiKey, timeoutMs }, { onEvent, limiter: new FixedWindowLimiter(huduRateLimit), retry }),
  });
}

export interface ImportSetup {
  sims: RunningSimulators;
  db: Db;
  connect: ConnectSources;
  close(): Promise<void>;
}

/**
 * Simulators over a generated MSP (no rate limits unless asked), an in-memory database (or `databasePath`)
 * with the recommended layouts ensured, and the board's decisions made: the generator's true
 * matches, "create new" for every other client.
 */
export async function setUpImport({
  size,
  seed,
  databasePath = ":memory:",
  simulators = { halo: { rateLimit: false }, hudu: { rateLimit: false } },
  clients,
}: {
  size: MspSize;
  seed: number;
  databasePath?: string;
  /** How the simulators run (default: no rate limits). */
  simulators?: Omit<StartSimulatorsOptions, "size" | "seed">;
  clients?: SimClientOptions;
}): Promise<ImportSetup> {
  const sims = await startSimulators({ size, seed, ...simulators });
  const opened = openDatabase(databasePath);
  const connect = simConnect(sims, clients);
  const { hudu } = await connect({ db: opened.db, onEvent: () => {} });
  const ensured = await ensureLayouts({ db: opened.db, hudu, updatedBy: "test" });
  expect(ensured.error).toBeUndefined();
  const truth = new Map(sims.generated.truth.map((t) => [t.haloId, t.huduId]));
  for (const client of sims.generated.halo.clients) {
    const huduCompanyId = truth.get(client.id);
    saveDecision({
      db: opened.db,
      decision: huduCompanyId ? { haloClientId: client.id, kind: "match", huduCompanyId } : { haloClientId: client.id, kind: "create", haloClientName: client.name },
      decidedBy: "test",
      source: "manual",
    });
  }
  return {
    sims,
    db: opened.db,
    connect,
    close: async () => {
      opened.sqlite.close();
      await sims.close();
    },
  };
}

/** Requests that change something in Hudu, from the simulator's counts. */
export function writeRequests(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).filter(([key]) => /^(POST|PUT|PATCH|DELETE) /.test(key)));
}

/** An import kind that does only `run` (for tests of what is around imports: starting, the schedule). */
export function fakeImportJob(run: JobKind<ImportProgress>["run"]): JobKind<ImportProgress> {
  return { name: "import", label: "import", resumable: true, pausable: true, initialProgress: initialImportProgress, parseProgress: parseImportProgress, run };
}
