/** For tests: a Hudu simulator on an ephemeral port and a client pointed at it. */
import { generateMsp } from "@/sim/data/generate";
import { startHuduSim, type HuduData, type HuduSim, type HuduSimOptions } from "@/sim/hudu/server";
import type { HttpEvent } from "@/lib/http/events";
import { FixedWindowLimiter, type RateLimitConfig } from "@/lib/http/rate-limiter";
import { HuduClient, type HuduListProblem } from "./client";

export interface SimAndClient {
  sim: HuduSim;
  hudu: HuduClient;
  events: HttpEvent[];
  problems: HuduListProblem[];
}

/** Starts a simulator (no rate limit unless asked) and a fast client; `running` collects it for closing. */
export async function simAndClient(
  running: Array<{ close(): Promise<void> }>,
  simOptions: HuduSimOptions = {},
  clientRate: RateLimitConfig = { limit: 1000, windowMs: 1000, marginMs: 10 },
): Promise<SimAndClient> {
  const sim = await startHuduSim({ rateLimit: false, ...simOptions });
  running.push(sim);
  const events: HttpEvent[] = [];
  const problems: HuduListProblem[] = [];
  const hudu = new HuduClient(
    // The /api/v1 suffix is tolerated in the base URL.
    { baseUrl: `${sim.url}/api/v1/`, apiKey: sim.apiKey, timeoutMs: 3000 },
    {
      limiter: new FixedWindowLimiter(clientRate),
      retry: { baseDelayMs: 20, maxDelayMs: 200 },
      onEvent: (e) => events.push(e),
      onProblem: (p) => problems.push(p),
    },
  );
  return { sim, hudu, events, problems };
}

/** The tiny generated Hudu with `n` plain companies ("Company 1" …) instead of its own. */
export function manyCompanies(n: number, { archivedEvery = 0 }: { archivedEvery?: number } = {}): HuduData {
  const hudu = generateMsp({ seed: 1, size: "tiny" }).hudu;
  const template = hudu.companies[0];
  const companies = Array.from({ length: n }, (_, i) => ({
    ...template,
    id: i + 1,
    name: `Company ${i + 1}`,
    slug: `company-${i + 1}`,
    archived: archivedEvery > 0 && (i + 1) % archivedEvery === 0,
    integrations: [],
  }));
  return { ...hudu, companies, assets: [], relations: [], matchers: [] };
}
