/**
 * Match-board benchmark at the `large` size (~5,000 Halo clients × ~4,700 Hudu companies, 60,000
 * users): reads both simulators into a snapshot (rate limits off, so this measures our side),
 * then times what opening the board costs: loading the snapshot and running the engine (first
 * open after a refresh), the cached load, the JSON the browser receives, and buildBoardView (what
 * the browser recomputes after every decision).
 *
 * `npm run bench:board` (human-readable) or `npm run bench:board -- --json`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { openDatabase } from "@/db";
import { saveDecisions } from "@/db/queries/match-decisions";
import { listBoardDecisions, loadBoardData } from "@/lib/decisions/board-data";
import { buildBoardView } from "@/lib/decisions/board-view";
import { HaloClient } from "@/lib/halo";
import { HuduClient } from "@/lib/hudu";
import { refreshSnapshot } from "@/lib/snapshot/refresh";
import { startSimulators } from "@/sim";

const asJson = process.argv.includes("--json");
const size = process.argv.includes("--demo") ? "demo" : "large";

function ms(start: bigint): number {
  return Math.round(Number(process.hrtime.bigint() - start) / 1e5) / 10;
}

async function main() {
  const sims = await startSimulators({ size, seed: 1, halo: { rateLimit: false }, hudu: { rateLimit: false } });
  const dir = mkdtempSync(path.join(tmpdir(), "bench-board-"));
  const { db, sqlite } = openDatabase(path.join(dir, "bench.db"));
  try {
    const fast = { limit: 100_000, windowMs: 1000 };
    let t = process.hrtime.bigint();
    const result = await refreshSnapshot({
      db,
      startedBy: "bench",
      connect: async ({ onEvent }) => ({
        halo: new HaloClient(
          { authUrl: sims.halo.authUrl, resourceUrl: sims.halo.resourceUrl, tenant: sims.halo.tenant, clientId: sims.halo.clientId, clientSecret: sims.halo.clientSecret, rateLimit: fast },
          { onEvent },
        ),
        hudu: new HuduClient({ baseUrl: sims.hudu.url, apiKey: sims.hudu.apiKey, rateLimit: fast }, { onEvent }),
      }),
    });
    const refreshMs = ms(t);
    if (result.status !== "succeeded") throw new Error(`refresh ${result.status}`);
    const haloRequests = Object.values(sims.halo.control.requestCounts()).reduce((a, b) => a + b, 0);
    const huduRequests = Object.values(sims.hudu.control.requestCounts()).reduce((a, b) => a + b, 0);

    t = process.hrtime.bigint();
    const board = loadBoardData({ db });
    const firstLoadMs = ms(t);
    t = process.hrtime.bigint();
    loadBoardData({ db });
    const cachedLoadMs = ms(t);
    const jsonBytes = Buffer.byteLength(JSON.stringify(board));

    t = process.hrtime.bigint();
    buildBoardView(board, []);
    const viewNoDecisionsMs = ms(t);

    // Accept every auto-accept suggestion, as the bulk button does, then rebuild the view.
    const auto = board.suggestions.filter((s) => s.autoAccept && s.candidates[0]);
    saveDecisions({ db, decisions: auto.map((s) => ({ haloClientId: s.haloId, kind: "match" as const, huduCompanyId: s.candidates[0].huduId })), decidedBy: "bench", source: "bulk" });
    const decisions = listBoardDecisions({ db });
    const views: number[] = [];
    for (let i = 0; i < 5; i++) {
      t = process.hrtime.bigint();
      buildBoardView(board, decisions);
      views.push(ms(t));
    }
    views.sort((a, b) => a - b);

    const figures = {
      size,
      haloClients: board.halo.length,
      huduCompanies: board.hudu.length,
      suggestions: board.suggestions.length,
      autoAccept: auto.length,
      refresh: { ms: refreshMs, haloRequests, huduRequests, minutesAtHaloPublishedLimit: Math.round((haloRequests / 300) * 5 * 10) / 10 },
      openBoard: { firstLoadMs, cachedLoadMs, jsonBytes },
      buildBoardView: { noDecisionsMs: viewNoDecisionsMs, withDecisionsMedianMs: views[2], decisions: decisions.length },
      rssMB: Math.round(process.memoryUsage().rss / 1e6),
    };
    if (asJson) {
      console.log(JSON.stringify(figures, null, 2));
    } else {
      console.log(`Match board, ${size} data: ${figures.haloClients} Halo clients × ${figures.huduCompanies} Hudu companies`);
      console.log(`  snapshot refresh (rate limits off): ${refreshMs} ms, ${haloRequests} Halo + ${huduRequests} Hudu requests`);
      console.log(`    (at Halo's published 300 per 5 minutes the Halo side alone takes ≈${figures.refresh.minutesAtHaloPublishedLimit} min)`);
      console.log(`  first open after a refresh (load + engine): ${firstLoadMs} ms; cached: ${cachedLoadMs} ms; JSON ${(jsonBytes / 1e6).toFixed(1)} MB`);
      console.log(`  buildBoardView in the browser: ${viewNoDecisionsMs} ms with no decisions, median ${views[2]} ms with ${decisions.length}`);
      console.log(`  RSS ${figures.rssMB} MB`);
    }
  } finally {
    sqlite.close();
    rmSync(dir, { recursive: true, force: true });
    await sims.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
