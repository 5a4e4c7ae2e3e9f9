import type { MatchIndex, PreparedHalo } from "./index-build";
import type { NormalisedName } from "./normalise-name";
import type { NameComparison, PairFeatures } from "./score";
import { legalFormsOfDifferentCountries, thoroughTokenSimilarity as tokenSimilarity } from "./score";
import type { EvidenceKind } from "./types";

/** Plain-words reasons for a scored pair, strongest first, and the evidence kinds behind them. */

function quoteList(items: readonly string[]): string {
  return items.map((i) => `'${i}'`).join(", ");
}

const LEGAL_FORM_DISPLAY: Record<string, string> = { ltd: "Ltd", inc: "Inc", co: "Co", corp: "Corp", pty: "Pty", gmbh: "GmbH" };

function titleCase(word: string): string {
  return LEGAL_FORM_DISPLAY[word] ?? word.toUpperCase();
}

/** A name's legal forms as written ("Pty. Ltd."), else in canonical spelling ("Pty Ltd"). */
function legalFormText(n: NormalisedName): string {
  return n.legalFormsAsWritten.length ? n.legalFormsAsWritten.join(" ") : n.legalForms.map(titleCase).join(" ");
}

/** What had to be ignored to make two names equal, e.g. ["'Ltd'", "'The'", "'&' vs 'and'"]. */
function normalisationNotes(a: NormalisedName, b: NormalisedName, rawA: string, rawB: string, name: NameComparison): string[] {
  const notes: string[] = [];
  const formsA = a.legalFormsAsWritten.length ? a.legalFormsAsWritten : a.legalForms.map(titleCase);
  const formsB = b.legalFormsAsWritten.length ? b.legalFormsAsWritten : b.legalForms.map(titleCase);
  if (a.legalForms.join(" ") !== b.legalForms.join(" ")) {
    const removed = [...formsA, ...formsB].filter((f, i, all) => all.findIndex((g) => g.toLowerCase() === f.toLowerCase()) === i);
    if (removed.length) notes.push(`removing ${quoteList(removed)}`);
  } else {
    const bare = (f: string) => f.toLowerCase().replace(/[^a-z]/g, "");
    const spellingsA = formsA.map(bare).join(" ");
    const spellingsB = formsB.map(bare).join(" ");
    if (spellingsA !== spellingsB) notes.push(`treating ${quoteList(formsA)} and ${quoteList(formsB)} as the same legal form`);
  }
  const expanded = [...a.expanded, ...b.expanded].filter((w, i, all) => all.indexOf(w) === i);
  if (expanded.length) notes.push(`expanding ${quoteList(expanded)}`);
  if ((a.article === null) !== (b.article === null)) notes.push("ignoring 'The'");
  else if (a.article !== b.article) notes.push("ignoring that 'The' was moved to the end");
  const qa = a.qualifiers.join(", ");
  const qb = b.qualifiers.join(", ");
  if (name.branch.relation === "same" && (qa !== qb || a.key !== b.key)) {
    // One location set off differently ("Firm - Whitby" / "Firm Whitby"); a branch always has a qualifier on one side.
    notes.push(`reading '${qa || qb}' as the same location in both`);
  } else if (qa !== qb) {
    notes.push(`ignoring location '${[qa, qb].filter(Boolean).join("' / '")}'`);
  }
  if (name.umlautSpelling) notes.push("reading umlauts (ä, ö, ü) and their spellings ae, oe, ue alike");
  const hasAmp = (s: string) => s.includes("&");
  const hasAnd = (s: string) => /\band\b/i.test(s);
  if ((hasAmp(rawA) && hasAnd(rawB)) || (hasAnd(rawA) && hasAmp(rawB))) notes.push("treating '&' as 'and'");
  if (a.tokens.join(" ") !== b.tokens.join(" ") && a.compact === b.compact) notes.push("ignoring spacing and hyphens");
  if (notes.length === 0) notes.push("ignoring case, accents and punctuation");
  return notes;
}

function typoPairs(index: MatchIndex, a: readonly number[], b: readonly number[]): string[] {
  const pairs: string[] = [];
  for (const x of a) {
    if (b.includes(x)) continue;
    for (const y of b) {
      if (tokenSimilarity(index, x, y) > 0) {
        pairs.push(`'${index.vocabulary[x]}' ≈ '${index.vocabulary[y]}'`);
        break;
      }
    }
  }
  return pairs;
}

function unmatchedTokens(index: MatchIndex, from: readonly number[], against: readonly number[]): string[] {
  return from.filter((x) => !against.some((y) => tokenSimilarity(index, x, y) > 0)).map((x) => index.vocabulary[x]);
}

export function explainPair(
  index: MatchIndex,
  halo: PreparedHalo,
  f: PairFeatures,
): { reasons: string[]; evidence: EvidenceKind[] } {
  const hudu = index.hudu[f.huduIdx];
  const reasons: string[] = [];
  const evidence: EvidenceKind[] = [];
  const add = (kind: EvidenceKind, reason: string) => {
    reasons.push(reason);
    if (!evidence.includes(kind)) evidence.push(kind);
  };

  if (f.link) add("link", "linked earlier by this app");
  if (f.integration) add("integration", "linked by Hudu's Halo integration");
  if (f.stamp) add("id-stamp", `Hudu ID number '${hudu.company.idNumber}' holds this Halo client's id`);
  if (f.bareId) add("id-number", `Hudu ID number '${hudu.company.idNumber}' equals this Halo client's id (a bare number, weak evidence)`);

  const rawHalo = String(halo.client?.name ?? "");
  const rawHudu = String(hudu.company?.name ?? "");
  switch (f.name.kind) {
    case "same":
      add("name-exact", "same name");
      break;
    case "normalised":
      add("name-normalised", `names equal after ${normalisationNotes(halo.name, hudu.name, rawHalo, rawHudu, f.name).join(", ")}`);
      break;
    case "nickname":
      add("nickname", `name equals Hudu nickname '${hudu.company.nickname}'`);
      break;
    case "acronym":
      add("acronym", `'${rawHalo.trim()}' and '${(f.name.via === "nickname" ? hudu.company.nickname : rawHudu)?.trim()}' match as initials`);
      break;
    case "similar": {
      const other = f.name.via === "nickname" ? hudu.nicknameTokenIds : hudu.tokenIds;
      const pct = Math.round(f.name.similarity * 100);
      const details: string[] = [];
      const typos = typoPairs(index, halo.tokenIds, other);
      if (typos.length) details.push(`spelling: ${typos.join(", ")}`);
      const extraHalo = unmatchedTokens(index, halo.tokenIds, other);
      const extraHudu = unmatchedTokens(index, other, halo.tokenIds);
      if (extraHalo.length) details.push(`only in Halo name: ${quoteList(extraHalo)}`);
      if (extraHudu.length) details.push(`only in Hudu ${f.name.via}: ${quoteList(extraHudu)}`);
      const target = f.name.via === "nickname" ? `Hudu nickname '${hudu.company.nickname}'` : "names";
      if (f.name.similarity >= 0.3) add("name-similar", `similar ${target} (${pct}%)${details.length ? "; " + details.join("; ") : ""}`);
      break;
    }
    default:
      break;
  }

  if (f.site) {
    const s = f.site.halo;
    const shared = f.site.shared ? ` (shared by ${index.bySite.get(s.key)?.length ?? 2} Hudu companies)` : "";
    if (s.kind === "page") add("web-page", `same ${s.label} ${s.key}${shared}`);
    else if (s.source === "email") add("email-domain", `Halo e-mail domain matches Hudu website domain ${s.key}${shared}`);
    else add("domain", `same website domain ${s.key}${shared}`);
  }
  if (f.phone === "same") add("phone", `same phone number ${String(hudu.company.phone ?? "").trim()}`);
  if (f.phone === "shared") add("phone", `same phone number ${String(hudu.company.phone ?? "").trim()} (but it is used by several companies)`);
  if (f.legalForms === "same" && f.name.similarity > 0.5) add("legal-form", `same legal form '${titleCase(halo.name.legalForms.at(-1) ?? "")}'`);

  if (f.domainConflict) add("conflict-domain", `different website domains: ${f.domainConflict[0].join(", ")} vs ${f.domainConflict[1]}`);
  if (f.domainSibling) reasons.push(`same domain name under another country suffix (${halo.sites.map((s) => s.key).join(", ")} vs ${hudu.site?.key}): neither for nor against`);
  if (f.pageConflict) add("conflict-domain", `different web pages: ${halo.sites.map((s) => s.key).join(", ")} vs ${hudu.site?.key}`);
  if (f.phoneCountriesDiffer && f.phoneOutweighed) add("conflict-country", "phone numbers are in different countries, but the name and website agree");
  else if (f.phoneCountriesDiffer) add("conflict-country", "phone numbers are in different countries");
  else if (f.phone === "different") add("conflict-phone", "different phone numbers");
  if (f.legalForms === "conflict") {
    const forms = `'${legalFormText(halo.name)}' vs '${legalFormText(hudu.name)}'`;
    add(
      "conflict-legal-form",
      legalFormsOfDifferentCountries(halo.name, hudu.name)
        ? `legal forms of different countries (${forms}): probably different organisations`
        : `legal forms of different countries, given the phone numbers (${forms}): probably different organisations`,
    );
  }
  const locations = f.name.branch.locations;
  if (locations) add("conflict-branch", `different branches ('${locations[0].join(" ")}' vs '${locations[1].join(" ")}')`);
  if (f.claimedBy !== null) add("conflict-id", `Hudu company is already tied to Halo client #${f.claimedBy}`);
  if (f.archived) add("archived", "Hudu company is archived");
  return { reasons, evidence };
}
