import { emailDomainKey, websiteKey, type SiteKey } from "./domains";
import { buildTypoNeighbours, type TypoNeighbours } from "./fuzzy";
import { idKey, isHaloIntegrator, readIdNumber, type IdNumberReading } from "./halo-ids";
import { normaliseName, type NormalisedName } from "./normalise-name";
import { phoneKey, type PhoneKey } from "./phones";
import type { MatchHaloClient, MatchHuduCompany, MatchLink } from "./types";

/**
 * Prepares both corpora once (normalised names, token ids, IDF weights, domains, phones, ids) and
 * builds the lookup maps used to find candidates without comparing every pair.
 */

export interface HaloSite extends SiteKey {
  source: "website" | "email";
}

export interface PreparedHalo {
  client: MatchHaloClient;
  idKey: string | null;
  name: NormalisedName;
  tokenIds: number[];
  sites: HaloSite[];
  phone: PhoneKey | null;
}

export interface PreparedHudu {
  company: MatchHuduCompany;
  name: NormalisedName;
  nickname: NormalisedName | null;
  tokenIds: number[];
  nicknameTokenIds: number[];
  site: SiteKey | null;
  phone: PhoneKey | null;
  integrationHaloIds: string[];
  idNumber: IdNumberReading | null;
  archived: boolean;
}

export interface MatchIndex {
  halo: PreparedHalo[];
  hudu: PreparedHudu[];
  vocabulary: string[];
  /** IDF weight per token id, over both corpora: rare words count more than "services". */
  weight: Float64Array;
  /** Hudu companies per token id (name and nickname tokens). */
  postings: number[][];
  typoNeighbours: Map<number, TypoNeighbours>;
  byKey: Map<string, number[]>;
  byCompact: Map<string, number[]>;
  /** Name and qualifier words, sorted (`NormalisedName.fullKey`): the same branch however it is written. */
  byFullKey: Map<string, number[]>;
  /** `NormalisedName.umlautFolded`, for names whose spelling of umlauts can differ. */
  byUmlautFolded: Map<string, number[]>;
  byNickname: Map<string, number[]>;
  byAcronym: Map<string, number[]>;
  bySingleWord: Map<string, number[]>;
  bySite: Map<string, number[]>;
  byPhone: Map<string, number[]>;
  byIntegration: Map<string, number[]>;
  byStamp: Map<string, number[]>;
  byBareId: Map<string, number[]>;
  linksByHalo: Map<string, number[]>;
  /** Halo ids tied to each Hudu company by a link, integration or stamp. */
  claimedHaloIds: Map<number, Set<string>>;
  haloPhoneCount: Map<string, number>;
  haloKeyCount: Map<string, number>;
}

function push<K>(map: Map<K, number[]>, key: K, value: number): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else if (list[list.length - 1] !== value) list.push(value);
}

function nicknameOf(company: MatchHuduCompany): NormalisedName | null {
  if (typeof company.nickname !== "string" || company.nickname.trim() === "") return null;
  const n = normaliseName(company.nickname);
  return n.key === "" ? null : n;
}

export function buildMatchIndex(input: {
  halo: readonly MatchHaloClient[];
  hudu: readonly MatchHuduCompany[];
  links?: readonly MatchLink[];
}): MatchIndex {
  const vocabIds = new Map<string, number>();
  const vocabulary: string[] = [];
  const df: number[] = [];
  const lastDoc: number[] = []; // document number that last counted each token, so df counts documents
  let doc = 0;
  const huduIdxById = new Map<number, number>();
  const tokenIdsOf = (tokens: readonly string[]): number[] => {
    const ids: number[] = [];
    for (const token of tokens) {
      let id = vocabIds.get(token);
      if (id === undefined) {
        id = vocabulary.length;
        vocabIds.set(token, id);
        vocabulary.push(token);
        df.push(0);
        lastDoc.push(-1);
      }
      ids.push(id);
      if (lastDoc[id] !== doc) {
        lastDoc[id] = doc;
        df[id]++;
      }
    }
    return ids;
  };

  const halo: PreparedHalo[] = (input.halo ?? []).map((client) => {
    doc++;
    const name = normaliseName(client?.name);
    const sites: HaloSite[] = [];
    const web = websiteKey(client?.website);
    if (web) sites.push({ key: web.key, kind: web.kind, label: web.label, source: "website" });
    for (const raw of Array.isArray(client?.emailDomains) ? client.emailDomains : []) {
      const domain = emailDomainKey(raw);
      if (domain && !sites.some((s) => s.key === domain)) sites.push({ key: domain, kind: "domain", label: "", source: "email" });
    }
    return {
      client,
      idKey: idKey(client?.id),
      name,
      tokenIds: tokenIdsOf(name.tokens),
      sites,
      phone: phoneKey(client?.phone),
    };
  });

  const hudu: PreparedHudu[] = (input.hudu ?? []).map((company, idx) => {
    huduIdxById.set(company?.id, idx);
    const name = normaliseName(company?.name);
    const nickname = nicknameOf(company);
    doc++;
    const tokenIds = tokenIdsOf(name.tokens);
    const nicknameTokenIds = nickname ? tokenIdsOf(nickname.tokens) : [];
    const integrationHaloIds: string[] = [];
    for (const integration of Array.isArray(company?.integrations) ? company.integrations : []) {
      if (!integration || !isHaloIntegrator(integration.integratorName)) continue;
      const key = idKey(integration.syncId);
      if (key && !integrationHaloIds.includes(key)) integrationHaloIds.push(key);
    }
    return {
      company,
      name,
      nickname,
      tokenIds,
      nicknameTokenIds,
      site: websiteKey(company?.website),
      phone: phoneKey(company?.phone),
      integrationHaloIds,
      idNumber: readIdNumber(company?.idNumber),
      archived: company?.archived === true,
    };
  });

  const total = halo.length + hudu.length + 1;
  const weight = new Float64Array(vocabulary.length);
  for (let id = 0; id < vocabulary.length; id++) weight[id] = Math.log(1 + total / Math.max(1, df[id]));

  const index: MatchIndex = {
    halo,
    hudu,
    vocabulary,
    weight,
    postings: vocabulary.map(() => []),
    typoNeighbours: buildTypoNeighbours(vocabulary),
    byKey: new Map(),
    byCompact: new Map(),
    byFullKey: new Map(),
    byUmlautFolded: new Map(),
    byNickname: new Map(),
    byAcronym: new Map(),
    bySingleWord: new Map(),
    bySite: new Map(),
    byPhone: new Map(),
    byIntegration: new Map(),
    byStamp: new Map(),
    byBareId: new Map(),
    linksByHalo: new Map(),
    claimedHaloIds: new Map(),
    haloPhoneCount: new Map(),
    haloKeyCount: new Map(),
  };
  const claim = (idx: number, haloId: string) => {
    let set = index.claimedHaloIds.get(idx);
    if (!set) index.claimedHaloIds.set(idx, (set = new Set()));
    set.add(haloId);
  };

  hudu.forEach((h, idx) => {
    for (const id of h.tokenIds) {
      const list = index.postings[id];
      if (list[list.length - 1] !== idx) list.push(idx);
    }
    for (const id of h.nicknameTokenIds) {
      const list = index.postings[id];
      if (list[list.length - 1] !== idx) list.push(idx);
    }
    if (h.name.key) {
      push(index.byKey, h.name.key, idx);
      push(index.byCompact, h.name.compact, idx);
      if (h.name.tokens.length > 1 || h.name.qualifiers.length > 0) push(index.byFullKey, h.name.fullKey, idx);
      if (h.name.hadUmlaut || h.name.umlautFolded !== h.name.compact) push(index.byUmlautFolded, h.name.umlautFolded, idx);
      if (h.name.acronym.length >= 3) push(index.byAcronym, h.name.acronym, idx);
      if (h.name.tokens.length === 1 && h.name.compact.length >= 3 && h.name.compact.length <= 6) push(index.bySingleWord, h.name.compact, idx);
    }
    if (h.nickname) {
      push(index.byNickname, h.nickname.compact, idx);
      if (h.nickname.tokens.length === 1 && h.nickname.compact.length >= 3 && h.nickname.compact.length <= 6) push(index.bySingleWord, h.nickname.compact, idx);
    }
    if (h.site) push(index.bySite, h.site.key, idx);
    if (h.phone) push(index.byPhone, h.phone.nsn, idx);
    for (const haloId of h.integrationHaloIds) {
      push(index.byIntegration, haloId, idx);
      claim(idx, haloId);
    }
    if (h.idNumber?.kind === "stamp") {
      push(index.byStamp, h.idNumber.haloId, idx);
      claim(idx, h.idNumber.haloId);
    } else if (h.idNumber?.kind === "bare") {
      push(index.byBareId, h.idNumber.haloId, idx);
    }
  });

  for (const link of input.links ?? []) {
    const haloId = idKey(link?.haloId);
    const idx = huduIdxById.get(link?.huduId);
    if (haloId === null || idx === undefined) continue; // the Hudu company is gone; the link says nothing now
    push(index.linksByHalo, haloId, idx);
    claim(idx, haloId);
  }

  for (const h of halo) {
    if (h.phone) index.haloPhoneCount.set(h.phone.nsn, (index.haloPhoneCount.get(h.phone.nsn) ?? 0) + 1);
    if (h.name.compact) index.haloKeyCount.set(h.name.compact, (index.haloKeyCount.get(h.name.compact) ?? 0) + 1);
  }
  return index;
}
