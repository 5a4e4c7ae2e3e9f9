import { domainLabel, type SiteKey } from "./domains";
import type { MatchIndex, PreparedHalo, PreparedHudu } from "./index-build";
import { legalFormCountries, type NormalisedName } from "./normalise-name";
import { phoneCountries, phoneCountriesDiffer, type PhoneKey } from "./phones";
import { isGenericName } from "./common-words";
import { osaDistance, typoSimilarity } from "./fuzzy";

/**
 * Scores one Halo client against one Hudu company. Each kind of evidence gives a probability-like
 * strength; independent evidence is combined as a noisy-OR (1 − Π(1 − p)), and contradictions
 * (different own domains, phones in different countries, an id pointing elsewhere) scale it down.
 */

export type NameMatchKind = "same" | "normalised" | "nickname" | "similar" | "acronym" | "none";

/**
 * How the branch parts of two names relate. "same": both name the same location, however it is
 * set off ("Firm - Whitby" / "Firm Whitby"); "different": the same firm at different locations
 * ("Firm (Whitby)" / "Firm, Malton"); "one-sided": only one name carries a qualifier.
 */
export type BranchRelation = "same" | "different" | "one-sided" | "none";

export interface NameComparison {
  kind: NameMatchKind;
  /** IDF-weighted, typo-tolerant token similarity in [0,1] (1 for exact kinds). */
  similarity: number;
  /** Which Hudu name the comparison used. */
  via: "name" | "nickname";
  branch: BranchComparison;
  /** The names were equal only after reading umlauts and their "ue"/"oe"/"ae" spellings alike. */
  umlautSpelling: boolean;
  /** Each name has a word the other lacks, even allowing for typos ("Firm Whitby" / "Firm Malton"). */
  wordsDifferBothSides: boolean;
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
  /** An equal name and the same own website outweigh a phone in another country. */
  phoneOutweighed: boolean;
  legalForms: "same" | "conflict" | "none";
  archived: boolean;
  /** The Halo name holds a word beyond generic ones ("Elite Fitness" does not). */
  nameIsDistinctive: boolean;
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
  branchConflict: number;
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
  legalFormConflict: 0.6,
  branchConflict: 0.5,
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

/** The tokens of `big` left after removing those of `small`, or null when `small` is not contained in `big`. */
function extraTokens(big: readonly string[], small: readonly string[]): string[] | null {
  const rest = [...big];
  for (const t of small) {
    const at = rest.indexOf(t);
    if (at < 0) return null;
    rest.splice(at, 1);
  }
  return rest;
}

const sameWords = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((t) => b.includes(t)) && b.every((t) => a.includes(t));

export interface BranchComparison {
  relation: BranchRelation;
  /** The location words of each name, when they differ: [first name's, second name's]. */
  locations: [string[], string[]] | null;
}

const NO_BRANCH: BranchComparison = { relation: "none", locations: null };
const SAME_BRANCH: BranchComparison = { relation: "same", locations: null };
const ONE_SIDED: BranchComparison = { relation: "one-sided", locations: null };

function compareLocations(a: string[], b: string[]): BranchComparison {
  if (a.length === 0 || b.length === 0) return a.length === b.length ? NO_BRANCH : ONE_SIDED;
  return sameWords(a, b) ? SAME_BRANCH : { relation: "different", locations: [a, b] };
}

/**
 * Which branch each name is. Equal bodies compare their qualifiers; when one body is the other plus
 * words ("Firm Whitby" against "Firm - Malton"), those words are read as its location, but only if
 * the other name marks a location explicitly: "Smith Dental Lab" is not a branch of "Smith Dental".
 */
export function compareBranches(a: NormalisedName, b: NormalisedName): BranchComparison {
  if ((a.qualifiers.length > 0 || b.qualifiers.length > 0) && a.fullKey === b.fullKey) return SAME_BRANCH;
  if (sameKey(a, b)) {
    const branch = compareLocations(a.location, b.location);
    if (branch.relation === "none" && a.qualifiers.join("|") !== b.qualifiers.join("|")) return ONE_SIDED;
    return branch;
  }
  if (a.location.length > 0 || b.location.length > 0) {
    const aExtra = extraTokens(a.tokens, b.tokens);
    if (aExtra && aExtra.length > 0 && b.location.length > 0) return compareLocations([...aExtra, ...a.location], b.location);
    const bExtra = extraTokens(b.tokens, a.tokens);
    if (bExtra && bExtra.length > 0 && a.location.length > 0) return compareLocations(a.location, [...bExtra, ...b.location]);
  }
  return NO_BRANCH;
}

/** One edit apart, for words too short for `typoSimilarity` ("tyres" / "tres"): a slip, not another word. */
function oneEditApart(index: MatchIndex, a: number, b: number): boolean {
  const x = index.vocabulary[a];
  const y = index.vocabulary[b];
  return Math.min(x.length, y.length) >= 3 && osaDistance(x, y, 1) <= 1;
}

function hasUnmatchedToken(index: MatchIndex, from: readonly number[], against: readonly number[]): boolean {
  return from.some((x) => !against.some((y) => thoroughTokenSimilarity(index, x, y) > 0 || oneEditApart(index, x, y)));
}

export function compareNames(index: MatchIndex, halo: PreparedHalo, hudu: PreparedHudu): NameComparison {
  const h = halo.name;
  const exact = (kind: NameMatchKind, via: NameComparison["via"], branch: BranchComparison, umlautSpelling = false): NameComparison => ({
    kind,
    similarity: 1,
    via,
    branch,
    umlautSpelling,
    wordsDifferBothSides: false,
  });
  if (h.key === "") return { kind: "none", similarity: 0, via: "name", branch: NO_BRANCH, umlautSpelling: false, wordsDifferBothSides: false };
  if (h.plain === hudu.name.plain) return exact("same", "name", NO_BRANCH);
  const branch = compareBranches(h, hudu.name);
  if (sameKey(h, hudu.name) || branch.relation === "same") return exact("normalised", "name", branch);
  if (h.umlautFolded === hudu.name.umlautFolded && (h.hadUmlaut || hudu.name.hadUmlaut)) {
    return exact("normalised", "name", compareLocations(h.location, hudu.name.location), true);
  }
  if (hudu.nickname && sameKey(h, hudu.nickname)) return exact("nickname", "nickname", NO_BRANCH);
  let similarity = weightedTokenSimilarity(index, halo.tokenIds, hudu.tokenIds, true);
  let via: NameComparison["via"] = "name";
  let other = hudu.tokenIds;
  if (hudu.nickname) {
    const viaNick = 0.95 * weightedTokenSimilarity(index, halo.tokenIds, hudu.nicknameTokenIds, true);
    if (viaNick > similarity) {
      similarity = viaNick;
      via = "nickname";
      other = hudu.nicknameTokenIds;
    }
  }
  if (similarity < 0.6 && isAcronymMatch(h, hudu)) {
    return { kind: "acronym", similarity, via: "name", branch: NO_BRANCH, umlautSpelling: false, wordsDifferBothSides: false };
  }
  const wordsDifferBothSides = similarity > 0 && hasUnmatchedToken(index, halo.tokenIds, other) && hasUnmatchedToken(index, other, halo.tokenIds);
  return { kind: similarity > 0 ? "similar" : "none", similarity, via, branch: via === "name" ? branch : NO_BRANCH, umlautSpelling: false, wordsDifferBothSides };
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

/**
 * Countries a record's legal forms allow, narrowed by its phone's country when the two agree
 * anywhere: an "LLP" with a +44 number is a UK one. A phone from a country the forms rule out is
 * an office abroad and changes nothing. Null when the name has no telling legal form.
 */
function legalCountries(name: NormalisedName, phone: PhoneKey | null): string[] | null {
  const byForm = legalFormCountries(name.legalForms);
  const byPhone = byForm && phone ? phoneCountries(phone) : null;
  if (!byForm || !byPhone) return byForm;
  const both = byForm.filter((c) => byPhone.includes(c));
  return both.length > 0 ? both : byForm;
}

const disjoint = (a: readonly string[] | null, b: readonly string[] | null) => a !== null && b !== null && !a.some((c) => b.includes(c));

/** "same" last legal form, "conflict" when no country allows both records' forms, else "none". */
function legalFormRelation(halo: PreparedHalo, hudu: PreparedHudu): PairFeatures["legalForms"] {
  const a = halo.name.legalForms;
  const b = hudu.name.legalForms;
  if (a.length === 0 || b.length === 0) return "none";
  if (a[a.length - 1] === b[b.length - 1]) return "same";
  return disjoint(legalCountries(halo.name, halo.phone), legalCountries(hudu.name, hudu.phone)) ? "conflict" : "none";
}

/** True when the legal forms alone, without the phones, belong to different countries. */
export function legalFormsOfDifferentCountries(a: NormalisedName, b: NormalisedName): boolean {
  return disjoint(legalFormCountries(a.legalForms), legalFormCountries(b.legalForms));
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

  const legalForms = legalFormRelation(halo, hudu);
  const archived = hudu.archived;
  // A firm's phone may be another office's, even abroad; an equal name on the same own website
  // outweighs that, unless the legal forms or branches say these are different bodies.
  const nameEqual = name.kind === "same" || name.kind === "normalised" || name.kind === "nickname";
  const phoneOutweighed =
    countriesDiffer && nameEqual && site !== null && !site.shared && name.branch.relation !== "different" && legalForms !== "conflict";

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
      case "normalised":
        miss *= 1 - (name.branch.relation === "one-sided" || name.branch.relation === "different" ? weights.normalisedNameWithQualifier : weights.normalisedName);
        break;
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
    if (site) {
      // Names that each hold a word the other lacks ("Firm Whitby" / "Firm Malton") on one website
      // are likely two branches or divisions of one firm: the website then says little more than
      // a website several companies share.
      const branchLike = name.kind === "similar" && name.wordsDifferBothSides;
      miss *= 1 - (site.halo.kind === "page" ? weights.page : site.shared || branchLike ? weights.sharedDomain : weights.domain);
    }
    if (phone === "same") miss *= 1 - weights.phone;
    else if (phone === "shared") miss *= 1 - weights.sharedPhone;
    if (bareId) miss *= 1 - weights.bareId;
    if (legalForms === "same" && name.similarity > 0.5) miss *= 1 - weights.sameLegalForm;
    score = 1 - miss;
    if (domainConflict) score *= weights.domainConflict;
    if (pageConflict) score *= weights.pageConflict;
    if (countriesDiffer && !phoneOutweighed) score *= weights.countryConflict;
    // Another number weighs a little, unless the website vouches for the company; a foreign
    // number the name and website outweigh still weighs that little.
    else if (phone === "different" && (!site || phoneOutweighed)) score *= weights.phoneDifferent;
    if (legalForms === "conflict") score *= weights.legalFormConflict;
    if (name.branch.relation === "different") score *= weights.branchConflict;
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
    phoneOutweighed,
    legalForms,
    archived,
    nameIsDistinctive: !isGenericName(halo.name.tokens),
    score: Math.max(0, Math.min(1, score)),
  };
}
