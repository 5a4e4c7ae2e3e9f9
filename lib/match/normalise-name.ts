import { cleanText, hasUmlaut } from "./clean-text";

/**
 * Company-name normalisation. The goal is a `key` on which two spellings of the same company
 * agree (case, accents, punctuation, spacing, `&`/`and`, "The" at either end, legal forms, location
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
  /** Words of the qualifiers that name a place or branch ("whitby"), without labels such as "head office". */
  location: string[];
  /**
   * Name and qualifier words, sorted: "Firm - Whitby", "Firm (Whitby)", "Firm, Whitby", "Firm Whitby"
   * and "Whitby Firm" agree, so the same branch is found however its location is set off.
   */
  fullKey: string;
  /** Where an article "The" stood: "Gables Inn, The" is library order for "The Gables Inn". */
  article: "leading" | "trailing" | null;
  /** Abbreviations that were expanded, e.g. ["svcs"]. */
  expanded: string[];
  /** Initials of a multi-word name ("kws" for Kirkby Waste Solutions), "" otherwise. */
  acronym: string;
  /** The name was written with ä, ö or ü (cleaned to a, o, u). */
  hadUmlaut: boolean;
  /** `compact` with "ae", "oe", "ue" read as a, o, u, so "Müller" and "Mueller" agree. */
  umlautFolded: string;
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
  proprietary: "pty",
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

/**
 * Countries each legal form is used in. Two names whose legal forms share no country are
 * different bodies (a US "Inc" and an Australian "Pty Ltd" of the same name); forms used in many
 * countries ("Co", "LP", "SA") are left out and say nothing. "Ltd" and "Inc" share Canada, where
 * a corporation may use either, so they do not conflict.
 */
const LEGAL_FORM_COUNTRIES: Record<string, readonly string[]> = {
  ltd: ["gb", "ie", "nz", "au", "ca", "hk", "in", "za", "sg", "mt", "cy"],
  plc: ["gb", "ie"],
  llp: ["gb", "us", "ca", "in", "sg"],
  cic: ["gb"],
  dac: ["ie"],
  clg: ["ie"],
  pty: ["au", "za"],
  inc: ["us", "ca", "ph"],
  corp: ["us", "ca", "ph"],
  llc: ["us"],
  pllc: ["us"],
  lllp: ["us"],
  pc: ["us"],
  ulc: ["ca"],
  gmbh: ["de", "at", "ch"],
  ag: ["de", "at", "ch"],
  kg: ["de", "at"],
  bv: ["nl", "be"],
  nv: ["nl", "be"],
  sarl: ["fr", "lu", "ch"],
  sas: ["fr"],
  srl: ["it", "ro", "be"],
  oy: ["fi"],
  pte: ["sg"],
  pvt: ["in"],
  sdn: ["my"],
  bhd: ["my"],
};

/** Countries all of a name's legal forms are used in ("Pty Ltd" → au, za); null when they say nothing. */
export function legalFormCountries(forms: readonly string[]): string[] | null {
  let countries: string[] | null = null;
  for (const form of forms) {
    const known = LEGAL_FORM_COUNTRIES[form];
    if (!known) continue;
    countries = countries === null ? [...known] : countries.filter((c) => known.includes(c));
  }
  return countries;
}

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
    location: [],
    fullKey: "",
    article: null,
    expanded: [],
    acronym: "",
    hadUmlaut: false,
    umlautFolded: "",
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

/** "(Pty)" in "Acme (Pty) Ltd" and "(The)" are part of the name, not a qualifier. */
function isLegalFormOrArticle(words: string): boolean {
  const tokens = tokenise(cleanText(words));
  return tokens.length > 0 && tokens.every((t) => t === "the" || LEGAL_FORMS[t] !== undefined);
}

/** Parenthesised parts and trailing " - Branch" segments are location or branch qualifiers. */
function splitQualifiers(text: string): { main: string; qualifiers: string[] } {
  const qualifiers: string[] = [];
  if (!text.includes("(") && !text.includes("[") && !text.includes(" -") && !text.includes("|")) return { main: text, qualifiers };
  let main = text.replace(/[([]([^)\]]*)[)\]]?/g, (_whole, inner: string) => {
    if (isLegalFormOrArticle(inner)) return ` ${inner} `;
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

/** The name as written without trailing "(Branch)" or " - Branch" parts ("(Pty)" stays). */
function stripQualifiersAsWritten(name: string): string {
  return name
    .replace(/\s*[([]([^)\]]*)[)\]]?/g, (_whole, inner: string) => (isLegalFormOrArticle(inner) ? ` ${inner} ` : " "))
    .replace(/\s+[-–—|]+\s+.*$/, "");
}

function legalFormsAsWritten(original: string, count: number): string[] {
  if (count === 0) return [];
  const words = original
    .replace(/<[^>]*>/g, " ")
    .replace(/[(),]/g, " ")
    .trim()
    .split(/\s+/)
    .filter((w) => w !== "" && w !== "&");
  if (words.length > 1 && words[words.length - 1].toLowerCase() === "the") words.pop(); // "Gables Inn LLC, The"
  return words.slice(Math.max(0, words.length - count));
}

/** Qualifier words that label an office or a record rather than name a place: "(Head Office)" is no branch. */
const OFFICE_LABELS = new Set([
  "head", "main", "office", "offices", "hq", "headquarters", "site", "branch", "location",
  "old", "inactive", "closed", "archived", "former", "do", "not", "use", "dnu", "internal", "test", "duplicate",
  "client", "customer", "vendor", "supplier", "prospect", "account", "billing",
]);

/** Words that make a qualifier a note about the name, not a place: "(formerly Bloggs Ltd)", "(t/a Acme)". */
const NAME_NOTES = new Set(["formerly", "previously", "now", "was", "trading", "ta", "aka", "dba", "see", "part"]);

/** The place words of one qualifier; none when it is a note about the name or too long for a place. */
function locationWords(qualifier: string): string[] {
  const tokens = tokenise(qualifier);
  if (tokens.length > 3 || tokens.some((t) => NAME_NOTES.has(t) || LEGAL_FORMS[t] !== undefined)) return [];
  return tokens.filter((t) => !OFFICE_LABELS.has(t));
}

/** "ue", "oe", "ae" read as u, o, a: how "Müller" (cleaned to "muller") and "Mueller" agree. */
function foldUmlautSpellings(compact: string): string {
  return compact.includes("e") ? compact.replace(/([aou])e/g, "$1") : compact;
}

/** Normalises a company name; never throws, whatever it is given. */
export function normaliseName(name: unknown): NormalisedName {
  const plain = cleanText(name);
  if (plain === "") return emptyName("");
  const { main, qualifiers } = splitQualifiers(plain);
  let tokens = tokenise(main);
  if (tokens.length === 0) tokens = tokenise(plain); // name was only a qualifier, e.g. "(Internal)"
  if (tokens.length === 0) return emptyName(plain);

  let article: NormalisedName["article"] = null;
  if (tokens.length > 1 && tokens[0] === "the") {
    article = "leading";
    tokens = tokens.slice(1);
  } else if (tokens.length > 1 && tokens[tokens.length - 1] === "the") {
    article = "trailing"; // "Harbour Lights Ltd., The"
    tokens = tokens.slice(0, -1);
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
  const compact = body.join("");
  let location: string[] = [];
  let fullKey = key;
  if (qualifiers.length > 0) {
    const qualifierTokens = qualifiers.flatMap((q) => tokenise(q));
    location = qualifiers.flatMap(locationWords);
    fullKey = [...body, ...qualifierTokens].sort().join(" ");
  } else if (body.length > 1) {
    fullKey = [...body].sort().join(" ");
  }
  return {
    plain,
    key,
    compact,
    tokens: body,
    legalForms: forms,
    legalFormsAsWritten: forms.length && typeof name === "string" ? legalFormsAsWritten(stripQualifiersAsWritten(name), forms.length) : [],
    qualifiers,
    location,
    fullKey,
    article,
    expanded,
    acronym,
    hadUmlaut: hasUmlaut(name),
    umlautFolded: foldUmlautSpellings(compact),
  };
}
