import { DEFAULT_AUTO_ACCEPT, isLocallyAutoAcceptable, resolveAutoAccept } from "./auto-accept";
import { CandidateCollector, collectCandidates } from "./blocking";
import { explainPair } from "./explain";
import { buildMatchIndex, type MatchIndex } from "./index-build";
import { DEFAULT_WEIGHTS, scorePair, weightedTokenSimilarity, type PairFeatures } from "./score";
import type { Candidate, ClientMatch, MatchHaloClient, MatchHuduCompany, MatchLink, MatchOptions } from "./types";

const now = () => performance.now();

/**
 * The lowest name similarity (weighted Dice) with which a candidate found by name alone can still
 * reach `minScore`, and the share of the client's name weight such a candidate must then hold
 * (Dice s needs shared weight ≥ s/(2 − s) of the client's), with slack for typo-matched words.
 */
function nameThresholds(minScore: number): { similarity: number; share: number } {
  const strength = Math.min(1, Math.max(0, minScore) / DEFAULT_WEIGHTS.similarNameMax);
  const similarity = 0.5 + 0.5 * Math.pow(strength, 2 / 3);
  return { similarity, share: 0.85 * (similarity / (2 - similarity)) };
}

function byScore(index: MatchIndex) {
  return (a: PairFeatures, b: PairFeatures) =>
    b.score - a.score ||
    Number(a.archived) - Number(b.archived) ||
    (index.hudu[a.huduIdx].company.id ?? 0) - (index.hudu[b.huduIdx].company.id ?? 0);
}

const bySim = (a: { sim: number }, b: { sim: number }) => b.sim - a.sim;

/** Scores every Halo client against its blocked candidates; best first, at most `maxCandidates`. */
export function rankCandidates(index: MatchIndex, opts: MatchOptions = {}): PairFeatures[][] {
  const maxCandidates = Math.max(1, opts.maxCandidates ?? 5);
  const minScore = opts.minScore ?? 0.2;
  const collector = new CandidateCollector(index.hudu.length);
  const order = byScore(index);
  const thresholds = nameThresholds(minScore);
  const topK = Math.max(1, opts.blockingTopK ?? 12);
  const nameSims: Array<{ huduIdx: number; sim: number }> = [];
  let pairs = 0;
  const result = index.halo.map((halo) => {
    const byName = collectCandidates(index, halo, collector, { topK: 64, minShare: thresholds.share });
    const kept: PairFeatures[] = [];
    for (const huduIdx of collector.exact) {
      pairs++;
      const f = scorePair(index, halo, huduIdx);
      if (f.score >= minScore) kept.push(f);
    }
    // Found by name words only: every other kind of evidence would have made it an exact
    // candidate, so rank these by name similarity (cheap) and fully score only the best few;
    // a name below the similarity floor could not reach `minScore` anyway.
    nameSims.length = 0;
    for (const huduIdx of byName) {
      const hudu = index.hudu[huduIdx];
      const sim = Math.max(
        weightedTokenSimilarity(index, halo.tokenIds, hudu.tokenIds),
        0.95 * weightedTokenSimilarity(index, halo.tokenIds, hudu.nicknameTokenIds),
      );
      if (sim >= thresholds.similarity) nameSims.push({ huduIdx, sim });
    }
    if (nameSims.length > topK) {
      nameSims.sort(bySim);
      nameSims.length = topK;
    }
    for (const { huduIdx } of nameSims) {
      pairs++;
      const f = scorePair(index, halo, huduIdx);
      if (f.score >= minScore) kept.push(f);
    }
    kept.sort(order);
    // One more than shown, so the runner-up is known for the margin test.
    if (kept.length > maxCandidates + 1) kept.length = maxCandidates + 1;
    return kept;
  });
  if (opts.timings) opts.timings.candidatePairs = pairs;
  return result;
}

/**
 * Ranks Hudu companies for each Halo client (same order as `input.halo`) and marks the suggestions
 * that are safe to accept automatically. Pure: no I/O, same input → same output.
 */
export function matchCompanies(
  input: { halo: MatchHaloClient[]; hudu: MatchHuduCompany[]; links?: MatchLink[] },
  opts: MatchOptions = {},
): ClientMatch[] {
  const maxCandidates = Math.max(1, opts.maxCandidates ?? 5);
  const settings = {
    threshold: opts.autoAcceptThreshold ?? DEFAULT_AUTO_ACCEPT.threshold,
    margin: opts.autoAcceptMargin ?? DEFAULT_AUTO_ACCEPT.margin,
  };
  const t0 = now();
  const index = buildMatchIndex({ halo: input.halo ?? [], hudu: input.hudu ?? [], links: input.links ?? [] });
  const t1 = now();
  const ranked = rankCandidates(index, opts);
  const t2 = now();
  const locallyOk = ranked.map((list) => isLocallyAutoAcceptable(list[0], list[1], settings));
  const verdicts = resolveAutoAccept(ranked, locallyOk, settings);

  const result = ranked.map((list, clientIdx): ClientMatch => {
    const halo = index.halo[clientIdx];
    const candidates: Candidate[] = list.slice(0, maxCandidates).map((f) => {
      const { reasons, evidence } = explainPair(index, halo, f);
      return { huduId: index.hudu[f.huduIdx].company.id, score: Math.round(f.score * 1000) / 1000, reasons, evidence };
    });
    const verdict = verdicts[clientIdx];
    if (verdict.rival && candidates[0]) {
      const rivalId = index.halo[verdict.rival.clientIdx].client.id;
      candidates[0].reasons.push(
        verdict.rival.better
          ? `Halo client #${rivalId} is a better match for this Hudu company (${verdict.rival.score.toFixed(2)})`
          : `Halo client #${rivalId} is nearly as good a match for this Hudu company (${verdict.rival.score.toFixed(2)})`,
      );
      candidates[0].evidence.push("claimed-by-other");
    }
    return { haloId: halo.client.id, candidates, best: candidates[0] ?? null, autoAccept: verdict.autoAccept };
  });
  const t3 = now();
  if (opts.timings) {
    opts.timings.indexMs = t1 - t0;
    opts.timings.scoreMs = t2 - t1;
    opts.timings.resolveMs = t3 - t2;
  }
  return result;
}
