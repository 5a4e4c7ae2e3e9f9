/**
 * Typo tolerance between name tokens. Rather than comparing every token with every other, each
 * vocabulary token is indexed under its single-character deletions (the "symmetric delete" idea):
 * two tokens sharing a deletion variant are at most one substitution, insertion, deletion or
 * adjacent swap apart (plus some two-edit pairs), which covers typical typos. Pairs found this way
 * are checked with an optimal-string-alignment distance and given a similarity.
 */

/** Optimal string alignment (Damerau–Levenshtein without repeated edits); stops early above `max`. */
export function osaDistance(a: string, b: string, max = 3): number {
  if (a === b) return 0;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > max) return max + 1;
  let prev2 = new Array<number>(lb + 1).fill(0);
  let prev = new Array<number>(lb + 1);
  let cur = new Array<number>(lb + 1);
  for (let j = 0; j <= lb; j++) prev[j] = j;
  for (let i = 1; i <= la; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= lb; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        v = Math.min(v, prev2[j - 2] + 1);
      }
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return prev[lb];
}

/** Shortest token that may be typo-matched; shorter words ("hall"/"hale") are too easily confused. */
export const MIN_FUZZY_TOKEN_LENGTH = 5;

/** Similarity of two different tokens by edit distance, 0 when they should not be treated as the same word. */
export function typoSimilarity(a: string, b: string): number {
  const minLen = Math.min(a.length, b.length);
  if (minLen < MIN_FUZZY_TOKEN_LENGTH || /\d/.test(a) || /\d/.test(b)) return 0;
  const d = osaDistance(a, b, 2);
  if (d === 1) return 0.85;
  if (d === 2 && minLen >= 6) return 0.7;
  return 0;
}

/**
 * Finds similar token pairs in a vocabulary. Returns, per token id, the ids of similar tokens and
 * their similarity. Variant buckets larger than `maxBucket` are skipped (too generic to be typos).
 */
export interface TypoNeighbours {
  ids: number[];
  sims: number[];
}

export function buildTypoNeighbours(vocabulary: readonly string[], maxBucket = 40): Map<number, TypoNeighbours> {
  const buckets = new Map<string, number[]>();
  const add = (variant: string, id: number) => {
    const list = buckets.get(variant);
    if (list === undefined) buckets.set(variant, [id]);
    else if (list[list.length - 1] !== id) list.push(id);
  };
  for (let id = 0; id < vocabulary.length; id++) {
    const token = vocabulary[id];
    if (token.length < MIN_FUZZY_TOKEN_LENGTH || /\d/.test(token)) continue;
    add(token, id);
    for (let i = 0; i < token.length; i++) add(token.slice(0, i) + token.slice(i + 1), id);
  }
  const neighbours = new Map<number, TypoNeighbours>();
  const link = (a: number, b: number, sim: number) => {
    let m = neighbours.get(a);
    if (!m) neighbours.set(a, (m = { ids: [], sims: [] }));
    m.ids.push(b);
    m.sims.push(sim);
  };
  const checked = new Set<number>();
  for (const ids of buckets.values()) {
    if (ids.length < 2 || ids.length > maxBucket) continue;
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) {
        const a = ids[i];
        const b = ids[j];
        const pairKey = a < b ? a * 4_194_304 + b : b * 4_194_304 + a;
        if (checked.has(pairKey)) continue;
        checked.add(pairKey);
        const sim = typoSimilarity(vocabulary[a], vocabulary[b]);
        if (sim > 0) {
          link(a, b, sim);
          link(b, a, sim);
        }
      }
    }
  }
  return neighbours;
}
