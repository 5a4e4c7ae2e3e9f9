/**
 * Plan and preview benchmark at the `large` size (~5,000 clients, ~7,900 sites, ~60,000 users,
 * ~6,000 contracts): reads both simulators (rate limits off, so this measures our side), builds
 * the plan, saves it as the preview does, and times what the preview page costs: loading and
 * sorting the saved plan once, then one page per filter (what the browser asks for).
 *
 * `npm run bench:plan` (human-readable) or `npm run bench:plan -- --json`; `--demo` for the demo
 * size, `--seed=N` for other data (default 1).
 */
import { saveDecision } from "@/db/queries/match-decisions";
import { saveSyncPlan } from "@/db/queries/sync-plans";
import { HaloClient } from "@/lib/halo";
import { HuduClient } from "@/lib/hudu";
import { ensureLayouts } from "@/lib/layouts/ensure";
import { loadPlanInput } from "@/lib/sync/load";
import { buildPlan } from "@/lib/sync/plan";
import { loadLatestPlan } from "@/lib/sync/plan-store";
import { planPage } from "@/lib/sync/plan-view";
import { startSimulators } from "@/sim";
import { benchArgs, benchDatabase, ms } from "./common";

const { asJson, size, seed } = benchArgs();

async function main() {
  const sims = await startSimulators({ size, seed, halo: { rateLimit: false }, hudu: { rateLimit: false } });
  const { db, close } = benchDatabase("bench-plan-");
  try {
    const fast = { limit: 100_000, windowMs: 1000 };
    const halo = new HaloClient({ authUrl: sims.halo.authUrl, resourceUrl: sims.halo.resourceUrl, tenant: sims.halo.tenant, clientId: sims.halo.clientId, clientSecret: sims.halo.clientSecret, rateLimit: fast });
    const hudu = new HuduClient({ baseUrl: sims.hudu.url, apiKey: sims.hudu.apiKey, rateLimit: fast });
    const ensured = await ensureLayouts({ db, hudu, updatedBy: "bench" });
    if (ensured.error) throw new Error(ensured.error);
    // The board's decisions: the generator's true matches, "create new" for every other client.
    const truth = new Map(sims.generated.truth.map((t) => [t.haloId, t.huduId]));
    for (const client of sims.generated.halo.clients) {
      const huduCompanyId = truth.get(client.id);
      saveDecision({ db, decision: huduCompanyId ? { haloClientId: client.id, kind: "match", huduCompanyId } : { haloClientId: client.id, kind: "create" }, decidedBy: "bench", source: "manual" });
    }

    let t = process.hrtime.bigint();
    const input = await loadPlanInput({ db, halo, hudu });
    const readMs = ms(t);
    const requests = {
      halo: Object.values(sims.halo.control.requestCounts()).reduce((a, b) => a + b, 0),
      hudu: Object.values(sims.hudu.control.requestCounts()).reduce((a, b) => a + b, 0),
    };
    t = process.hrtime.bigint();
    const plan = buildPlan(input);
    const buildMs = ms(t);
    t = process.hrtime.bigint();
    const json = JSON.stringify(plan);
    saveSyncPlan({ db, runId: 1, planJson: json });
    const saveMs = ms(t);
    t = process.hrtime.bigint();
    const stored = loadLatestPlan({ db })!;
    const firstLoadMs = ms(t);

    const queries = {
      changes: { action: "changes" as const },
      everything: {},
      "contacts, last page": { type: "contact" as const, page: 1_000_000 },
      "search 'dental'": { q: "dental" },
      skipped: { action: "skip" as const },
    };
    const pages: Record<string, { ms: number; total: number; bytes: number }> = {};
    for (const [name, query] of Object.entries(queries)) {
      t = process.hrtime.bigint();
      const page = planPage(stored.sorted, query);
      pages[name] = { ms: ms(t), total: page.total, bytes: Buffer.byteLength(JSON.stringify(page)) };
    }

    const result = {
      size,
      seed,
      items: plan.items.length,
      totals: plan.totals,
      requests,
      readMs,
      buildMs,
      planJsonMB: Math.round(json.length / 1e5) / 10,
      saveMs,
      firstLoadMs,
      pages,
    };
    if (asJson) {
      console.log(JSON.stringify(result, null, 2));
      return;
    }
    console.log(`Plan at size ${size} (seed ${seed}): ${result.items.toLocaleString("en")} items`);
    console.log(`  read both sides:   ${readMs} ms (${requests.halo} Halo and ${requests.hudu} Hudu requests, limits off)`);
    console.log(`  build the plan:    ${buildMs} ms`);
    console.log(`  save it:           ${saveMs} ms (${result.planJsonMB} MB of JSON)`);
    console.log(`  first preview load (parse + sort): ${firstLoadMs} ms`);
    for (const [name, p] of Object.entries(pages)) console.log(`  page "${name}": ${p.ms} ms, ${p.total.toLocaleString("en")} matching, ${Math.round(p.bytes / 1024)} KB sent`);
  } finally {
    close();
    await sims.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
