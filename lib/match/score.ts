import { domainLabel, type SiteKey } from "./domains";
import type { MatchIndex, PreparedHalo, PreparedHudu } from "./index-build";
import { LEGAL_FORM_FAMILY, type NormalisedName } from "./normalise-name";
import { phoneCountriesDiffer } from "./phones";
import { isGenericName } from "./common-words";
import { typoSimilarity } from "./fuzzy";

/**
 * Scores one Halo client against one Hudu company. Each kind of evidence gives a probability-like
 * strength; independent evidence is combined as a noisy-OR (1 − Π(1 − p)), and contradictions
 * (different own domains, phones in different countries, an id pointing elsewhere) scale it down.
 */

export type NameMatchKind = "same" | "normalised" | "nickname" | "similar" | "acronym" | "none";

export interface NameComparison {
  kind: NameMatchKind;
  /** IDF-weighted, typo-tolerant token similarity in [0,1] (1 for exact kinds). */
  similarity: number;
  /** Which Hudu name the comparison used. */
  via: "name" | "nickname";
}

export interface PairFeatures {
  huduIdx: number;
  link: boolean;
  integration: boolean;
  stamp: boolean;
  bareId: boolean;
  /** A Halo id the Hudu company is tied to (link, integration, stamp) that is not this client's. */
  claimedBy: string | null;
  name: NameComparison;
  site: { halo: SiteKey & { source: "website" | "email" }; shared: boolean } | null;
  /** Both have own domains, and none agree: [halo domains, hudu domain]. */
  domainConflict: [string[], string] | null;
  /** Same domain name under another suffix (acme.com vs acme.com.au): neither for nor against. */
  domainSibling: boolean;
  pageConflict: boolean;
  phone: "same" | "shared" | "different" | "none";
  phoneCountriesDiffer: boolean;
  legalForms: "same" | "conflict" | "none";
  archived: boolean;
  /** The Halo name holds a word beyond generic ones ("Elite Fitness" does not). */
  nameIsDistinctive: boolean;
  /** Both names carry location qualifiers and they differ ("(Galway)" vs "(Dublin)"). */
  qualifiersDiffer: boolean;
  score: number;
}

export interface ScoreWeights {
  sameName: number;
  normalisedName: number;
  normalisedNameWithQualifier: number;
  nickname: number;
  acronym: number;
  similarNameMax: number;
  domain: number;
  sharedDomain: number;
  page: number;
  phone: number;
  sharedPhone: number;
  bareId: number;
  sameLegalForm: number;
  domainConflict: number;
  pageConflict: number;
  countryConflict: number;
  phoneDifferent: number;
  legalFormConflict: number;
  claimedByOther: number;
  archived: number;
}

export const DEFAULT_WEIGHTS: ScoreWeights = {
  sameName: 0.92,
  normalisedName: 0.9,
  normalisedNameWithQualifier: 0.86,
  nickname: 0.86,
  acronym: 0.45,
  similarNameMax: 0.88,
  domain: 0.9,
  sharedDomain: 0.6,
  page: 0.7,
  phone: 0.75,
  sharedPhone: 0.35,
  bareId: 0.5,
  sameLegalForm: 0.05,
  domainConflict: 0.65,
  pageConflict: 0.85,
  countryConflict: 0.75,
  phoneDifferent: 0.95,
  legalFormConflict: 0.93,
  claimedByOther: 0.35,
  archived: 0.97,
};

/** Typo-tolerant similarity of two token ids (1 same, ~0.85 one edit apart, 0 unrelated). */
export function tokenSimilarity(index: MatchIndex, a: number, b: number): number {
  if (a === b) return 1;
  const n = index.typoNeighbours.get(a);
  if (n === undefined) return 0;
  const at = n.ids.indexOf(b);
  return at < 0 ? 0 : n.sims[at];
}

/**
 * Like `tokenSimilarity`, but also compares the spellings directly, which finds two-edit typos the
 * deletion index misses ("ravenscroft" / "ravenwcrft"). Used once a pair is being scored in full.
 */
export function thoroughTokenSimilarity(index: MatchIndex, a: number, b: number): number {
  const s = tokenSimilarity(index, a, b);
  return s > 0 ? s : typoSimilarity(index.vocabulary[a], index.vocabulary[b]);
}

/**
 * IDF-weighted soft Dice over tokens, order-free: each Halo token is paired with its most similar
 * unused Hudu token; matched weight over total weight of both names.
 */
export function weightedTokenSimilarity(
  index: MatchIndex,
  a: readonly number[],
  b: readonly number[],
  thorough = false,
): number {
  if (a.length === 0 || b.length === 0) return 0;
  const w = index.weight;
  let total = 0;
  for (const id of a) total += w[id];
  for (const id of b) total += w[id];
  let usedMask = 0; // names have few tokens; a bit mask of used b positions (first 31)
  let matched = 0;
  for (const x of a) {
    let best = 0;
    let bestJ = -1;
    for (let j = 0; j < b.length && j < 31; j++) {
      if (usedMask & (1 << j)) continue;
      const s = thorough ? thoroughTokenSimilarity(index, x, b[j]) : tokenSimilarity(index, x, b[j]);
      if (s > best) {
        best = s;
        bestJ = j;
        if (s === 1) break;
      }
    }
    if (bestJ >= 0) {
      usedMask |= 1 << bestJ;
      matched += best * (w[x] + w[b[bestJ]]);
    }
  }
  return total > 0 ? matched / total : 0;
}

function sameKey(a: NormalisedName, b: NormalisedName): boolean {
  return a.key !== "" && (a.key === b.key || a.compact === b.compact);
}

export function compareNames(index: MatchIndex, halo: PreparedHalo, hudu: PreparedHudu): NameComparison {
  const h = halo.name;
  if (h.key === "") return { kind: "none", similarity: 0, via: "name" };
  if (h.plain === hudu.name.plain) return { kind: "same", similarity: 1, via: "name" };
  if (sameKey(h, hudu.name)) return { kind: "normalised", similarity: 1, via: "name" };
  if (hudu.nickname && sameKey(h, hudu.nickname)) return { kind: "nickname", similarity: 1, via: "nickname" };
  let similarity = weightedTokenSimilarity(index, halo.tokenIds, hudu.tokenIds, true);
  let via: NameComparison["via"] = "name";
  if (hudu.nickname) {
    const viaNick = 0.95 * weightedTokenSimilarity(index, halo.tokenIds, hudu.nicknameTokenIds, true);
    if (viaNick > similarity) {
      similarity = viaNick;
      via = "nickname";
    }
  }
  if (similarity < 0.6 && isAcronymMatch(h, hudu)) return { kind: "acronym", similarity, via: "name" };
  return { kind: similarity > 0 ? "similar" : "none", similarity, via };
}

function single(n: NormalisedName): string {
  return n.tokens.length === 1 && n.compact.length >= 3 && n.compact.length <= 6 ? n.compact : "";
}

function isAcronymMatch(h: NormalisedName, hudu: PreparedHudu): boolean {
  const hSingle = single(h);
  if (hSingle && (hSingle === hudu.name.acronym || (hudu.nickname && hSingle === hudu.nickname.acronym))) return true;
  if (h.acronym.length >= 3) {
    if (h.acronym === single(hudu.name)) return true;
    if (hudu.nickname && h.acronym === single(hudu.nickname)) return true;
  }
  return false;
}

/** Strength of a fuzzy name similarity: steep, so only near-equal names count for much. */
export function similarNameStrength(similarity: number, max: number): number {
  if (similarity <= 0.5) return 0;
  return max * Math.pow((similarity - 0.5) / 0.5, 1.5);
}

function legalFormRelation(a: NormalisedName, b: NormalisedName): PairFeatures["legalForms"] {
  if (a.legalForms.length === 0 || b.legalForms.length === 0) return "none";
  const lastA = a.legalForms[a.legalForms.length - 1];
  const lastB = b.legalForms[b.legalForms.length - 1];
  if (lastA === lastB) return "same";
  const fa = LEGAL_FORM_FAMILY[lastA];
  const fb = LEGAL_FORM_FAMILY[lastB];
  return fa && fb && fa !== fb ? "conflict" : "none";
}

const isDomain = (s: SiteKey) => s.kind === "domain";
const siteKeyOf = (s: SiteKey) => s.key;

export function scorePair(
  index: MatchIndex,
  halo: PreparedHalo,
  huduIdx: number,
  weights: ScoreWeights = DEFAULT_WEIGHTS,
): PairFeatures {
  const hudu = index.hudu[huduIdx];
  const haloId = halo.idKey;
  const link = haloId !== null && (index.linksByHalo.get(haloId)?.includes(huduIdx) ?? false);
  const integration = haloId !== null && hudu.integrationHaloIds.includes(haloId);
  const stamp = haloId !== null && hudu.idNumber?.kind === "stamp" && hudu.idNumber.haloId === haloId;
  const bareId = haloId !== null && hudu.idNumber?.kind === "bare" && hudu.idNumber.haloId === haloId;
  let claimedBy: string | null = null;
  const claims = index.claimedHaloIds.get(huduIdx);
  if (claims && !(haloId !== null && claims.has(haloId))) claimedBy = claims.values().next().value ?? null;

  const name = compareNames(index, halo, hudu);

  let site: PairFeatures["site"] = null;
  let domainConflict: PairFeatures["domainConflict"] = null;
  let domainSibling = false;
  let pageConflict = false;
  if (hudu.site) {
    for (const s of halo.sites) {
      if (s.key === hudu.site.key) {
        site = { halo: s, shared: (index.bySite.get(s.key)?.length ?? 0) > 1 };
        break;
      }
    }
    if (!site && halo.sites.length > 0) {
      let haloHasDomain = false;
      let haloHasPage = false;
      let sibling = false;
      const label = domainLabel(hudu.site.key);
      for (const s of halo.sites) {
        if (s.kind === "page") haloHasPage = true;
        else {
          haloHasDomain = true;
          if (domainLabel(s.key) === label) sibling = true;
        }
      }
      if (hudu.site.kind === "domain" && haloHasDomain) {
        if (sibling) domainSibling = true;
        else domainConflict = [halo.sites.filter(isDomain).map(siteKeyOf), hudu.site.key];
      } else if (hudu.site.kind === "page" && haloHasPage) {
        pageConflict = true;
      }
    }
  }

  let phone: PairFeatures["phone"] = "none";
  let countriesDiffer = false;
  if (halo.phone && hudu.phone) {
    countriesDiffer = phoneCountriesDiffer(halo.phone, hudu.phone);
    if (halo.phone.nsn === hudu.phone.nsn && !countriesDiffer) {
      const shared = (index.byPhone.get(hudu.phone.nsn)?.length ?? 0) > 1 || (index.haloPhoneCount.get(halo.phone.nsn) ?? 0) > 2;
      phone = shared ? "shared" : "same";
    } else {
      phone = "different";
    }
  }

  const legalForms = legalFormRelation(halo.name, hudu.name);
  const qualifiersDiffer =
    halo.name.qualifiers.length > 0 && hudu.name.qualifiers.length > 0 && halo.name.qualifiers.join("|") !== hudu.name.qualifiers.join("|");
  const archived = hudu.archived;

  let score: number;
  if (link) score = 1;
  else if (integration) score = 0.99;
  else if (stamp) score = 0.98;
  else {
    let miss = 1;
    switch (name.kind) {
      case "same":
        miss *= 1 - weights.sameName;
        break;
      case "normalised": {
        const qualified =
          (halo.name.qualifiers.length > 0 || hudu.name.qualifiers.length > 0) &&
          halo.name.qualifiers.join("|") !== hudu.name.qualifiers.join("|");
        miss *= 1 - (qualified ? weights.normalisedNameWithQualifier : weights.normalisedName);
        break;
      }
      case "nickname":
        miss *= 1 - weights.nickname;
        break;
      case "acronym":
        miss *= 1 - Math.max(weights.acronym, similarNameStrength(name.similarity, weights.similarNameMax));
        break;
      case "similar":
        miss *= 1 - similarNameStrength(name.similarity, weights.similarNameMax);
        break;
      default:
        break;
    }
    if (site) miss *= 1 - (site.halo.kind === "page" ? weights.page : site.shared ? weights.sharedDomain : weights.domain);
    if (phone === "same") miss *= 1 - weights.phone;
    else if (phone === "shared") miss *= 1 - weights.sharedPhone;
    if (bareId) miss *= 1 - weights.bareId;
    if (legalForms === "same" && name.similarity > 0.5) miss *= 1 - weights.sameLegalForm;
    score = 1 - miss;
    if (domainConflict) score *= weights.domainConflict;
    if (pageConflict) score *= weights.pageConflict;
    if (countriesDiffer) score *= weights.countryConflict;
    else if (phone === "different" && !site) score *= weights.phoneDifferent;
    if (legalForms === "conflict") score *= weights.legalFormConflict;
    if (claimedBy !== null) score *= weights.claimedByOther;
  }
  if (archived) score *= weights.archived;

  return {
    huduIdx,
    link,
    integration,
    stamp,
    bareId,
    claimedBy,
    name,
    site,
    domainConflict,
    domainSibling,
    pageConflict,
    phone,
    phoneCountriesDiffer: countriesDiffer,
    legalForms,
    archived,
    nameIsDistinctive: !isGenericName(halo.name.tokens),
    qualifiersDiffer,
    score: Math.max(0, Math.min(1, score)),
  };
}
