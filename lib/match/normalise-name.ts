import { cleanText } from "./clean-text";

/**
 * Company-name normalisation. The goal is a `key` on which two spellings of the same company
 * agree (case, accents, punctuation, spacing, `&`/`and`, a leading "The", legal forms, location
 * qualifiers, common abbreviations), while everything removed is kept aside as weaker evidence.
 */
export interface NormalisedName {
  /** Cleaned, lower-case form of the whole input (for "same name" checks and display). */
  plain: string;
  /** Distinctive tokens joined by one space; "" when nothing usable is left. */
  key: string;
  /** `key` without spaces, so "Trans-Mersey" and "TransMersey" agree. */
  compact: string;
  tokens: string[];
  /** Canonical legal forms found at the end, e.g. ["pty", "ltd"]. */
  legalForms: string[];
  /** Legal forms as written, e.g. ["Pty", "Ltd."], for explanations. */
  legalFormsAsWritten: string[];
  /** Location or branch qualifiers, e.g. ["galway"], ["head office"], ["main office"]. */
  qualifiers: string[];
  hadLeadingThe: boolean;
  /** Abbreviations that were expanded, e.g. ["svcs"]. */
  expanded: string[];
  /** Initials of a multi-word name ("kws" for Kirkby Waste Solutions), "" otherwise. */
  acronym: string;
}

/** Canonical legal form for each spelling (after dots are removed and single letters joined). */
const LEGAL_FORMS: Record<string, string> = {
  ltd: "ltd",
  limited: "ltd",
  inc: "inc",
  incorporated: "inc",
  llc: "llc",
  pllc: "pllc",
  llp: "llp",
  lllp: "lllp",
  lp: "lp",
  plc: "plc",
  pty: "pty",
  pc: "pc",
  corp: "corp",
  corporation: "corp",
  co: "co",
  company: "co",
  gmbh: "gmbh",
  ag: "ag",
  bv: "bv",
  nv: "nv",
  sa: "sa",
  sas: "sas",
  sarl: "sarl",
  srl: "srl",
  oy: "oy",
  kg: "kg",
  ulc: "ulc",
  cic: "cic",
  dac: "dac",
  clg: "clg",
  pte: "pte",
  pvt: "pvt",
  bhd: "bhd",
  sdn: "sdn",
};

/** Jurisdiction families: a Ltd and an LLC with the same name are probably not the same body. */
export const LEGAL_FORM_FAMILY: Record<string, string> = {
  ltd: "uk",
  plc: "uk",
  llp: "uk",
  cic: "uk",
  dac: "ie",
  clg: "ie",
  pty: "au",
  llc: "us",
  pllc: "us",
  lllp: "us",
  pc: "us",
  gmbh: "de",
  ag: "de",
  kg: "de",
};

/** Abbreviations that appear on one side and not the other ("Svcs", "Bros.", "Mfg."). */
const ABBREVIATIONS: Record<string, string> = {
  svc: "services",
  svcs: "services",
  srvc: "services",
  srvcs: "services",
  servs: "services",
  serv: "services",
  assoc: "associates",
  assocs: "associates",
  asso: "associates",
  assn: "association",
  bros: "brothers",
  bro: "brothers",
  mfg: "manufacturing",
  mfrs: "manufacturers",
  mgmt: "management",
  mgt: "management",
  intl: "international",
  natl: "national",
  dept: "department",
  ctr: "center",
  cntr: "center",
  hosp: "hospital",
  univ: "university",
  grp: "group",
  accts: "accountants",
  solns: "solutions",
  mt: "mount",
  ft: "fort",
  ent: "enterprises",
  ents: "enterprises",
  dist: "distribution",
  distrib: "distribution",
  equip: "equipment",
  ins: "insurance",
  prop: "properties",
  props: "properties",
};

const STOP_FOR_ACRONYM = new Set(["of", "and", "the", "for", "at", "in", "on", "de"]);

function emptyName(plain: string): NormalisedName {
  return {
    plain,
    key: "",
    compact: "",
    tokens: [],
    legalForms: [],
    legalFormsAsWritten: [],
    qualifiers: [],
    hadLeadingThe: false,
    expanded: [],
    acronym: "",
  };
}

/**
 * Splits cleaned text into tokens: "&" and "+" become "and", apostrophes vanish ("Kids'" → "kids"),
 * anything else that is not a letter or digit separates words, and runs of single letters are
 * joined ("j r" → "jr", "l l c" → "llc", "e z" → "ez"). A hand-written scanner: this runs for
 * every name on both sides and regex passes were the index's main cost.
 */
function tokenise(text: string): string[] {
  const out: string[] = [];
  let run = ""; // pending single letters
  let start = -1; // start of the current word
  let pending = ""; // word text before an apostrophe inside it ("o'neill" → "o" + "neill")
  const n = text.length;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : 32;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c >= 0xc0) {
      if (start < 0) start = i;
      continue;
    }
    if (c === 39) {
      // apostrophe: dropped, the word goes on
      if (start >= 0) pending += text.slice(start, i);
      start = -1;
      continue;
    }
    const word = start >= 0 ? pending + text.slice(start, i) : pending;
    start = -1;
    pending = "";
    if (word !== "") {
      const c0 = word.charCodeAt(0);
      if (word.length === 1 && !(c0 >= 48 && c0 <= 57)) run += word;
      else {
        if (run !== "") out.push(run);
        run = "";
        out.push(word);
      }
    }
    if (c === 38 || c === 43) {
      if (run !== "") out.push(run);
      run = "";
      out.push("and");
    }
  }
  if (run !== "") out.push(run);
  return out;
}

/** Parenthesised parts and trailing " - Branch" segments are location or branch qualifiers. */
function splitQualifiers(text: string): { main: string; qualifiers: string[] } {
  const qualifiers: string[] = [];
  if (!text.includes("(") && !text.includes("[") && !text.includes(" -") && !text.includes("|")) return { main: text, qualifiers };
  let main = text.replace(/[([]([^)\]]*)[)\]]?/g, (_whole, inner: string) => {
    const q = inner.replace(/[^\p{L}\p{N}]+/gu, " ").trim();
    if (q) qualifiers.push(q);
    return " ";
  });
  // A spaced dash or bar separates "Name - Branch"; an unspaced hyphen is part of a word.
  const parts = main.split(/\s+[-|]+\s+/);
  if (parts.length > 1) {
    const head = parts[0];
    const tail = parts.slice(1).join(" ");
    const headTokens = tokenise(head).filter((t) => t !== "and");
    const tailTokens = tokenise(tail);
    if (headTokens.length >= 2 && tailTokens.length >= 1 && tailTokens.length <= 3) {
      main = head;
      qualifiers.push(tailTokens.join(" "));
    }
  }
  return { main, qualifiers };
}

/** Strips legal forms from the end; `asWritten` gives the original spellings for explanations. */
function stripLegalForms(tokens: string[]): { kept: string[]; forms: string[] } {
  let end = tokens.length;
  const forms: string[] = [];
  while (end > 1) {
    const last = tokens[end - 1];
    const canonical = LEGAL_FORMS[last];
    if (canonical) {
      forms.unshift(canonical);
      end--;
      continue;
    }
    if (last === "and" && forms.length > 0) {
      end--; // "Smith & Co" → drop the dangling "and"
      continue;
    }
    break;
  }
  return { kept: tokens.slice(0, end), forms };
}

/** The name as written without trailing "(Branch)" or " - Branch" parts. */
function stripQualifiersAsWritten(name: string): string {
  return name.replace(/\s*[([][^)\]]*[)\]]?/g, " ").replace(/\s+[-–—|]+\s+.*$/, "");
}

function legalFormsAsWritten(original: string, count: number): string[] {
  if (count === 0) return [];
  const words = original
    .replace(/<[^>]*>/g, " ")
    .replace(/[(),]/g, " ")
    .trim()
    .split(/\s+/)
    .filter((w) => w !== "" && w !== "&");
  return words.slice(Math.max(0, words.length - count));
}

/** Normalises a company name; never throws, whatever it is given. */
export function normaliseName(name: unknown): NormalisedName {
  const plain = cleanText(name);
  if (plain === "") return emptyName("");
  const { main, qualifiers } = splitQualifiers(plain);
  let tokens = tokenise(main);
  if (tokens.length === 0) tokens = tokenise(plain); // name was only a qualifier, e.g. "(Internal)"
  if (tokens.length === 0) return emptyName(plain);

  let hadLeadingThe = false;
  if (tokens.length > 1 && tokens[0] === "the") {
    hadLeadingThe = true;
    tokens = tokens.slice(1);
  }
  const { kept, forms } = stripLegalForms(tokens);
  let body = kept.filter((t) => t !== "and");
  if (body.length === 0) body = kept;
  const expanded = body.filter((t) => ABBREVIATIONS[t] !== undefined);
  body = body.map((t) => ABBREVIATIONS[t] ?? t);

  const acronymSource = body.filter((t) => !STOP_FOR_ACRONYM.has(t));
  const acronym =
    acronymSource.length >= 2 && acronymSource.length <= 8 ? acronymSource.map((t) => t[0]).join("") : "";
  const key = body.join(" ");
  return {
    plain,
    key,
    compact: body.join(""),
    tokens: body,
    legalForms: forms,
    legalFormsAsWritten: forms.length && typeof name === "string" ? legalFormsAsWritten(stripQualifiersAsWritten(name), forms.length) : [],
    qualifiers,
    hadLeadingThe,
    expanded,
    acronym,
  };
}
