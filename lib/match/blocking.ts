import type { MatchIndex, PreparedHalo } from "./index-build";

/**
 * Candidate generation ("blocking"): the Hudu companies worth scoring for one Halo client. Exact
 * keys (ids, normalised name, nickname, initials, domain, phone) always qualify. Names are blocked
 * through an inverted index: each of the client's tokens (and its typo neighbours) adds its IDF
 * weight to the Hudu companies holding it, and only the best few by that weight are scored fully.
 * Tokens held by very many companies ("services") are skipped when rarer ones exist, so the work
 * per client stays bounded and all pairs are never compared.
 */

export interface BlockingOptions {
  /** Name-blocked candidates kept per client for full scoring (default 12). */
  topK?: number;
  /** Postings read per token at most, so one very common word cannot blow up the work (default 2000). */
  maxPostings?: number;
  /**
   * Share of the client's name weight a name-blocked candidate must hold (default 0.3). Derived
   * from the lowest name similarity that can still reach the minimum score; see match-companies.
   */
  minShare?: number;
}

export class CandidateCollector {
  private readonly stamp: Int32Array;
  private readonly acc: Float64Array;
  private round = 0;
  /** Candidates from exact keys. */
  readonly exact: number[] = [];
  /** Candidates touched through the token index. */
  private readonly touched: number[] = [];
  constructor(size: number) {
    this.stamp = new Int32Array(size);
    this.acc = new Float64Array(size);
  }
  reset(): void {
    this.round++;
    this.exact.length = 0;
    this.touched.length = 0;
  }
  private mark(idx: number): boolean {
    if (this.stamp[idx] === this.round) return false;
    this.stamp[idx] = this.round;
    this.acc[idx] = 0;
    return true;
  }
  addExact(list: readonly number[] | undefined): void {
    if (!list) return;
    for (const idx of list) {
      if (this.mark(idx)) this.exact.push(idx);
      this.acc[idx] = Infinity; // exact candidates are always kept
    }
  }
  addWeight(list: readonly number[], weight: number): void {
    for (const idx of list) {
      if (this.mark(idx)) this.touched.push(idx);
      this.acc[idx] += weight;
    }
  }
  /** The `k` name-blocked candidates with the most weight (at least `minWeight`); exact ones are in `exact`. */
  result(k: number, minWeight: number): number[] {
    const acc = this.acc;
    const pool: number[] = [];
    for (const idx of this.touched) if (acc[idx] !== Infinity && acc[idx] >= minWeight) pool.push(idx);
    if (pool.length > k) {
      pool.sort((a, b) => acc[b] - acc[a]);
      pool.length = k;
    }
    return pool;
  }
}

/**
 * Fills `out.exact` (candidates through ids, names, nickname, initials, domain or phone) and returns
 * the name-blocked candidates that are not among them.
 */
export function collectCandidates(
  index: MatchIndex,
  halo: PreparedHalo,
  out: CandidateCollector,
  options: BlockingOptions = {},
): number[] {
  const topK = options.topK ?? 12;
  const maxPostings = options.maxPostings ?? 2000;
  const minShare = options.minShare ?? 0.3;
  out.reset();
  if (halo.idKey) {
    out.addExact(index.linksByHalo.get(halo.idKey));
    out.addExact(index.byIntegration.get(halo.idKey));
    out.addExact(index.byStamp.get(halo.idKey));
    out.addExact(index.byBareId.get(halo.idKey));
  }
  const name = halo.name;
  if (name.key) {
    out.addExact(index.byKey.get(name.key));
    out.addExact(index.byCompact.get(name.compact));
    out.addExact(index.byFullKey.get(name.fullKey));
    if (name.hadUmlaut || name.umlautFolded !== name.compact) out.addExact(index.byUmlautFolded.get(name.umlautFolded));
    out.addExact(index.byNickname.get(name.compact));
    if (name.tokens.length === 1 && name.compact.length >= 3 && name.compact.length <= 6) out.addExact(index.byAcronym.get(name.compact));
    if (name.acronym.length >= 3) out.addExact(index.bySingleWord.get(name.acronym));
  }
  for (const site of halo.sites) out.addExact(index.bySite.get(site.key));
  if (halo.phone) out.addExact(index.byPhone.get(halo.phone.nsn));

  // Prefix filtering: a candidate must share at least `minShare` of the client's name weight, so
  // it must hold one of the rarest tokens that together carry more than (1 − minShare) of it.
  // Probing those alone skips the long posting lists of common words ("plumbing", "services").
  const w = index.weight;
  const unique = [...new Set(halo.tokenIds)];
  let totalWeight = 0;
  for (const id of unique) totalWeight += w[id];
  unique.sort((a, b) => index.postings[a].length - index.postings[b].length || w[b] - w[a]);
  let remaining = totalWeight;
  for (const id of unique) {
    if (remaining < totalWeight * minShare) break;
    remaining -= w[id];
    const list = index.postings[id];
    out.addWeight(list.length > maxPostings ? list.slice(0, maxPostings) : list, w[id]);
    const neighbours = index.typoNeighbours.get(id);
    if (neighbours) {
      for (let n = 0; n < neighbours.ids.length; n++) {
        const l = index.postings[neighbours.ids[n]];
        out.addWeight(l.length > maxPostings ? l.slice(0, maxPostings) : l, w[id] * neighbours.sims[n]);
      }
    }
  }
  // Unprobed words may still be shared: a candidate qualifies if it could reach the share with them.
  return out.result(topK, totalWeight * minShare - Math.max(0, remaining));
}
