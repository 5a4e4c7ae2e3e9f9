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
import { FixedWindowLimiter, RollingWindowLimiter } from "@/lib/http/rate-limiter";
import { HuduClient } from "@/lib/hudu/client";
import type { JobKind } from "@/lib/jobs/types";
import { ensureLayouts } from "@/lib/layouts/ensure";
import { startSimulators, type RunningSimulators } from "@/sim";
import type { MspSize } from "@/sim/data/generate";
import { initialImportProgress, parseImportProgress, type ImportProgress } from "./import-progress";

/** Clients for the simulators, paced far above what the tests need, retrying quickly. */
export function simConnect(sims: RunningSimulators): ConnectSources {
  return async ({ onEvent }) => ({
    halo: new HaloClient(
      { authUrl: sims.halo.authUrl, resourceUrl: sims.halo.resourceUrl, tenant: sims.halo.tenant, clientId: sims.halo.clientId, clientSecret: sims.halo.clientSecret },
      { onEvent, limiter: new RollingWindowLimiter({ limit: 100_000, windowMs: 1000 }), retry: { baseDelayMs: 5, maxDelayMs: 20 } },
    ),
    hudu: new HuduClient(
      { baseUrl: sims.hudu.url, apiKey: sims.hudu.apiKey, timeoutMs: 5000 },
      { onEvent, limiter: new FixedWindowLimiter({ limit: 100_000, windowMs: 1000 }), retry: { baseDelayMs: 5, maxDelayMs: 20 } },
    ),
  });
}

export interface ImportSetup {
  sims: RunningSimulators;
  db: Db;
  connect: ConnectSources;
  close(): Promise<void>;
}

/**
 * Simulators over a generated MSP (no rate limits), an in-memory database (or `databasePath`)
 * with the recommended layouts ensured, and the board's decisions made: the generator's true
 * matches, "create new" for every other client.
 */
export async function setUpImport({ size, seed, databasePath = ":memory:" }: { size: MspSize; seed: number; databasePath?: string }): Promise<ImportSetup> {
  const sims = await startSimulators({ size, seed, halo: { rateLimit: false }, hudu: { rateLimit: false } });
  const opened = openDatabase(databasePath);
  const connect = simConnect(sims);
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
