/**
 * Match-board benchmark at the `large` size (~5,000 Halo clients × ~4,700 Hudu companies, 60,000
 * users): reads both simulators into a snapshot (rate limits off, so this measures our side),
 * then times what opening the board costs: loading the snapshot and running the engine (first
 * open after a refresh), the cached load, the JSON the browser receives, and buildBoardView (what
 * the browser recomputes after every decision).
 *
 * Then, in Chromium against a built dashboard (bench/board-browser.ts), the DOM node count of
 * /match with 100 and with 5,000 clients on each side (virtualised lists: it must not grow with
 * the data) and the time of one decision's recompute.
 *
 * `npm run bench:board` (human-readable) or `npm run bench:board -- --json`; `--demo` for the demo
 * size, `--seed=N` for other data (default 1), `--no-browser` to leave out the browser part
 * (which builds the dashboard first when the code is newer than the build).
 */
import { saveDecisions } from "@/db/queries/match-decisions";
import { listBoardDecisions, loadBoardData } from "@/lib/decisions/board-data";
import { buildBoardView } from "@/lib/decisions/board-view";
import { HaloClient } from "@/lib/halo";
import { HuduClient } from "@/lib/hudu";
import { refreshSnapshot } from "@/lib/snapshot/refresh";
import { startSimulators } from "@/sim";
import { measureBoardInBrowser, type BoardInBrowser } from "./board-browser";
import { benchArgs, benchDatabase, ms } from "./common";

const { asJson, size, seed } = benchArgs();
const inBrowser = !process.argv.includes("--no-browser");
/** Clients on each side of the board in the browser part. */
const BROWSER_SIZES = [100, 5_000];

async function measureServerSide() {
  const sims = await startSimulators({ size, seed, halo: { rateLimit: false }, hudu: { rateLimit: false } });
  const { db, close } = benchDatabase("bench-board-");
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

    // Quality on generated data the engine was never tuned on: the generator knows the truth.
    const truth = new Map(sims.generated.truth.map((p) => [p.haloId, p.huduId]));
    const autoPairs = board.suggestions.filter((s) => s.autoAccept && s.candidates[0]);
    const autoRight = autoPairs.filter((s) => truth.get(s.haloId) === s.candidates[0].huduId).length;
    const top1Right = board.suggestions.filter((s) => s.candidates[0] && truth.get(s.haloId) === s.candidates[0].huduId).length;
    const quality = {
      truePairs: truth.size,
      autoAccepted: autoPairs.length,
      autoPrecision: autoPairs.length ? autoRight / autoPairs.length : 1,
      autoRecall: autoRight / truth.size,
      top1: top1Right / truth.size,
      wrongAutoAccepts: autoPairs
        .filter((s) => truth.get(s.haloId) !== s.candidates[0].huduId)
        .slice(0, 10)
        .map((s) => ({
          halo: board.halo.find((c) => c.id === s.haloId)?.name,
          hudu: board.hudu.find((c) => c.id === s.candidates[0].huduId)?.name,
          reasons: s.candidates[0].reasons,
        })),
    };

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
      seed,
      haloClients: board.halo.length,
      huduCompanies: board.hudu.length,
      suggestions: board.suggestions.length,
      autoAccept: auto.length,
      quality,
      refresh: { ms: refreshMs, haloRequests, huduRequests, minutesAtHaloPublishedLimit: Math.round((haloRequests / 300) * 5 * 10) / 10 },
      openBoard: { firstLoadMs, cachedLoadMs, jsonBytes },
      buildBoardView: { noDecisionsMs: viewNoDecisionsMs, withDecisionsMedianMs: views[2], decisions: decisions.length },
      rssMB: Math.round(process.memoryUsage().rss / 1e6),
    };
    return figures;
  } finally {
    close();
    await sims.close();
  }
}

async function main() {
  const figures = await measureServerSide();
  const browser: BoardInBrowser[] = inBrowser ? await measureBoardInBrowser(BROWSER_SIZES) : [];
  if (asJson) {
    console.log(JSON.stringify({ ...figures, browser }, null, 2));
    return;
  }
  printServerSide(figures);
  for (const b of browser) {
    console.log(`  /match in Chromium, ${b.clientsEachSide.toLocaleString("en")} clients on each side: ${b.domNodes.toLocaleString("en")} DOM nodes (${b.rowsRendered} list rows rendered); one decision (click → board shows it): median ${b.decisionMs.median} ms of ${b.decisionMs.all.join(", ")}`);
  }
}

function printServerSide(figures: Awaited<ReturnType<typeof measureServerSide>>) {
  const { size, seed, quality, refresh, openBoard, buildBoardView: view } = figures;
  const { ms: refreshMs, haloRequests, huduRequests } = refresh;
  const { firstLoadMs, cachedLoadMs, jsonBytes } = openBoard;
  console.log(`Match board, ${size} data (seed ${seed}): ${figures.haloClients} Halo clients × ${figures.huduCompanies} Hudu companies`);
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  console.log(`  quality against the generator's truth (${quality.truePairs} true pairs): auto-accept precision ${pct(quality.autoPrecision)} (${quality.autoAccepted} auto-accepted), recall ${pct(quality.autoRecall)}, top-1 ${pct(quality.top1)}`);
  for (const w of quality.wrongAutoAccepts) console.log(`    wrong auto-accept: ${JSON.stringify(w.halo)} → ${JSON.stringify(w.hudu)} (${w.reasons.join("; ")})`);
  console.log(`  snapshot refresh (rate limits off): ${refreshMs} ms, ${haloRequests} Halo + ${huduRequests} Hudu requests`);
  console.log(`    (at Halo's published 300 per 5 minutes the Halo side alone takes ≈${refresh.minutesAtHaloPublishedLimit} min)`);
  console.log(`  first open after a refresh (load + engine): ${firstLoadMs} ms; cached: ${cachedLoadMs} ms; JSON ${(jsonBytes / 1e6).toFixed(1)} MB`);
  console.log(`  buildBoardView in the browser: ${view.noDecisionsMs} ms with no decisions, median ${view.withDecisionsMedianMs} ms with ${view.decisions}`);
  console.log(`  RSS ${figures.rssMB} MB`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
