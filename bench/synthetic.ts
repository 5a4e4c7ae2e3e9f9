import type { MatchHaloClient, MatchHuduCompany } from "@/lib/match";
import { mulberry32 } from "@/sim/data/random";

/**
 * Seeded synthetic Halo/Hudu corpora for the matcher benchmark, with the kinds of variation seen in
 * real data: legal forms, "&"/"and", "The", typos, abbreviations, branch qualifiers, nicknames and
 * initials, website and phone formats, mail-provider addresses, integration ids, archived rows and
 * near-namesakes that must not match. A share of the clients are the harder kinds the matcher
 * is measured on separately (`kinds`): "The" moved to the end, umlaut spellings, stray spaces,
 * branches of one firm, namesakes in another country, phones written without their country code,
 * and an equal name on the same website with another phone.
 */

const SYLLABLES_A = ["ash", "bel", "bram", "cal", "cor", "dun", "el", "fen", "gar", "hal", "har", "kel", "kin", "lang", "mar", "mor", "nor", "oak", "pen", "quin", "ral", "red", "ros", "sel", "stan", "tal", "thorn", "val", "war", "wes", "wil", "york", "brig", "carr", "dal", "ells", "fair", "glen", "hol", "ivy"];
const SYLLABLES_B = ["ford", "ton", "wick", "more", "field", "ley", "bury", "dale", "worth", "gate", "wood", "stead", "well", "mere", "brook", "by", "ham", "shaw", "combe", "ridge", "haven", "croft", "sley", "thorpe", "win", "den", "don", "low"];
const SYLLABLES_C = ["", "", "", "er", "ing", "ley", "son", "s"];
const INDUSTRY = ["Building Services", "Brothers Haulage", "Dental Associates", "Precision Manufacturing", "Plumbing", "Dental", "Accountants", "Solicitors", "Engineering", "Roofing", "Logistics", "Pharmacy", "Veterinary Clinic", "Physiotherapy", "Builders", "Electrical", "Landscaping", "Insurance Brokers", "Consulting", "Medical Centre", "Primary School", "Joinery", "Transport", "Architects", "Print & Packaging", "Estate Agents", "Fitness", "Cleaning Services", "Heating & Cooling", "Marine Services", "Property Management", "Family Practice", "Legal", "Surveyors", "Motor Engineers", "Timber Products", "Food Bank", "Hotel", "Brewing", "Title & Escrow", "Orthodontics", "Day Spa", "Wealth Management", "IT Services"];
/** Legal forms by country (index = country: US, UK, AU): a company's form follows where it is registered. */
const LEGAL: readonly (readonly string[])[] = [
  ["Inc", "Inc.", "LLC", "L.L.C.", "Corp", "PC", "Co."],
  ["Ltd", "Ltd.", "Limited", "PLC", "LLP"],
  ["Pty Ltd", "Pty. Ltd.", "Pty Limited", "Ltd"],
];
const TLDS = ["com", "co.uk", "com.au", "ie", "ca", "org.uk", "net", "co.nz"];
const PLACES = ["Galway", "Head Office", "Leeds", "Main Office", "North", "Downtown", "Brisbane", "Boise"];
const ABBR: Array<[string, string]> = [["Services", "Svcs"], ["Associates", "Assoc"], ["Brothers", "Bros."], ["Manufacturing", "Mfg."]];
const PROVIDERS = ["gmail.com", "outlook.com", "hotmail.co.uk", "yahoo.com", "bigpond.com", "icloud.com"];
/** Made-up town names for branches of one firm. */
const TOWNS = ["Eastmoor", "Kelby", "Wrenhaven", "Ashfold", "Brackley Vale", "Tolworth", "Pennick", "Redcastle", "Saltmarsh", "Oxley", "Dunmere", "Carrick Bay"];
/** Syllables with umlauts and ß, written either way round by people. */
const UMLAUT_STEMS = ["Grün", "Schön", "Mühl", "Bär", "Löw", "Kühn", "Röth", "Fähr", "Hüb", "Stöck", "Würz", "Köl", "Güld", "Dör", "Jäg", "Groß", "Weiß", "Strauß"];
const UMLAUT_ENDS = ["berg", "feld", "bach", "mann", "hof", "weiler", "stadt", "brunn", "ling", "er"];

/** The harder kinds of pair measured separately; "-negative" kinds have no true Hudu company. */
export type SyntheticKind =
  | "article-end"
  | "umlaut"
  | "stray-spaces"
  | "branch"
  | "branch-negative"
  | "other-country"
  | "other-country-negative"
  | "phone-no-prefix"
  | "same-site-other-phone";

export interface SyntheticData {
  halo: MatchHaloClient[];
  hudu: MatchHuduCompany[];
  truth: Map<number, number>;
  /** The harder kind each such Halo client belongs to. */
  kinds: Map<number, SyntheticKind>;
}

/** "Grün" → "Gruen", "Weiß" → "Weiss": how the same name is typed without umlauts. */
function transliterate(name: string): string {
  const map: Record<string, string> = { ä: "ae", ö: "oe", ü: "ue", Ä: "Ae", Ö: "Oe", Ü: "Ue", ß: "ss" };
  return name.replace(/[äöüÄÖÜß]/g, (ch) => map[ch]);
}

export function generateSynthetic(haloCount = 10_000, huduCount = 10_000, seed = 42): SyntheticData {
  const rnd = mulberry32(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)];
  const chance = (p: number) => rnd() < p;
  const proper = () => {
    const w = pick(SYLLABLES_A) + pick(SYLLABLES_B) + pick(SYLLABLES_C);
    return w[0].toUpperCase() + w.slice(1);
  };
  const typo = (s: string) => {
    const words = s.split(" ");
    const i = words.findIndex((w) => w.length >= 6);
    if (i < 0) return s;
    const w = words[i];
    const p = 1 + Math.floor(rnd() * (w.length - 2));
    const kind = Math.floor(rnd() * 3);
    words[i] = kind === 0 ? w.slice(0, p) + w[p] + w.slice(p) : kind === 1 ? w.slice(0, p) + w[p + 1] + w[p] + w.slice(p + 2) : w.slice(0, p) + w.slice(p + 1);
    return words.join(" ");
  };
  const phoneFor = (country: number) => {
    const d = () => Math.floor(rnd() * 10);
    const n = Array.from({ length: 7 }, d).join("");
    if (country === 0) return { intl: `+1 ${200 + Math.floor(rnd() * 700)} ${n.slice(0, 3)} ${n.slice(3)}`, nat: "" };
    if (country === 1) return { intl: `+44 1${d()}${d()} ${n.slice(0, 3)} ${n.slice(3)}`, nat: "" };
    return { intl: `+61 ${2 + Math.floor(rnd() * 7)} ${n.slice(0, 4)} ${n.slice(4)}${d()}`, nat: "" };
  };
  const national = (intl: string) => {
    if (intl.startsWith("+1 ")) return `(${intl.slice(3, 6)}) ${intl.slice(7, 10)}-${intl.slice(11)}`;
    return "0" + intl.replace(/^\+\d+\s/, "");
  };
  /** The digits after the country code, without the trunk 0 people should have typed: "1632 960123". */
  const withoutPrefix = (intl: string) => intl.replace(/^\+\d+\s/, "");

  const usedNames = new Set<string>();
  const makeBase = () => {
    for (;;) {
      const pattern = rnd();
      const core =
        pattern < 0.55 ? `${proper()} ${pick(INDUSTRY)}` : pattern < 0.75 ? `${proper()} & ${proper()} ${pick(INDUSTRY)}` : pattern < 0.9 ? `${proper()} ${proper()} ${pick(INDUSTRY)}` : `${proper()} ${pick(INDUSTRY)} Group`;
      if (usedNames.has(core)) continue;
      usedNames.add(core);
      const country = Math.floor(rnd() * 3);
      const domain = core.toLowerCase().replace(/&/g, "").replace(/[^a-z]/g, "") + "." + pick(TLDS);
      return { core, country, domain, phone: phoneFor(country).intl };
    }
  };
  const websiteOf = (domain: string) => pick(["https://www.", "http://", "", "www."]) + domain + pick(["", "/"]);

  const halo: MatchHaloClient[] = [];
  const hudu: MatchHuduCompany[] = [];
  const truth = new Map<number, number>();
  const kinds = new Map<number, SyntheticKind>();
  const hardCount = Math.floor(haloCount * 0.06);
  const plainCount = haloCount - hardCount;
  const matched = Math.min(Math.floor(plainCount * 0.7), huduCount);
  let huduId = 100_000;
  for (let i = 0; i < plainCount; i++) {
    const base = makeBase();
    let place: string | null = null;
    let haloName: string;
    if (chance(0.3)) haloName = `${base.core} ${pick(LEGAL[base.country])}`;
    else if (chance(0.1)) haloName = `The ${base.core}`;
    else if (chance(0.05)) {
      place = pick(PLACES);
      haloName = `${base.core} (${place})`;
    } else haloName = chance(0.03) ? `<b>${base.core}</b> 🙂` : base.core;
    const client: MatchHaloClient = {
      id: i + 1,
      name: haloName,
      website: chance(0.7) ? websiteOf(base.domain) : chance(0.1) ? "-1" : null,
      phone: chance(0.7) ? (chance(0.5) ? base.phone : national(base.phone)) : chance(0.05) ? "0000000000" : null,
      emailDomains: chance(0.8) ? [base.domain] : chance(0.5) ? [pick(PROVIDERS)] : [],
      inactive: chance(0.05),
    };
    halo.push(client);
    if (i < matched) {
      let name = base.core;
      const v = rnd();
      if (v < 0.15) name = `${name} ${pick(LEGAL[base.country])}`;
      else if (v < 0.25) name = name.includes("&") ? name.replace("&", "and") : name.replace(/ (\w+)$/, " & $1");
      else if (v < 0.35) name = typo(name);
      else if (v < 0.42) name = `The ${name}`;
      else if (v < 0.5) name = `${name} - ${place ?? pick(PLACES)}`; // a branch written the other way, or a branch of the plain name
      else if (v < 0.55) name = name.toUpperCase();
      else if (v < 0.6) {
        const found = ABBR.find(([full]) => name.includes(full));
        name = found ? name.replace(found[0], found[1]) : name.toLowerCase();
      }
      const company: MatchHuduCompany = {
        id: huduId++,
        name,
        nickname: chance(0.1) ? base.core.split(" ").map((w) => w[0]).join("").toUpperCase() : null,
        website: chance(0.6) ? pick(["https://", "http://www.", ""]) + base.domain : null,
        phone: chance(0.5) ? (chance(0.5) ? national(base.phone) : base.phone.replace(/\s/g, "")) : null,
        idNumber: chance(0.03) ? `halo:${client.id}` : chance(0.01) ? String(client.id) : null,
        integrations: chance(0.04) ? [{ integratorName: pick(["Halo", "HaloPSA", "halo"]), syncId: client.id }] : [],
        archived: chance(0.03),
      };
      hudu.push(company);
      truth.set(client.id, company.id);
    }
  }

  // ---- The harder kinds, each Halo client with its own Hudu company unless it is a negative.
  let nextHaloId = plainCount + 1;
  const addHalo = (client: Omit<MatchHaloClient, "id">, kind: SyntheticKind): MatchHaloClient => {
    const full = { id: nextHaloId++, ...client };
    halo.push(full);
    kinds.set(full.id, kind);
    return full;
  };
  const addHudu = (company: Omit<MatchHuduCompany, "id">, twinOf?: MatchHaloClient): MatchHuduCompany => {
    const full = { id: huduId++, ...company };
    hudu.push(full);
    if (twinOf) truth.set(twinOf.id, full.id);
    return full;
  };
  const maybe = <T>(p: number, value: T): T | null => (chance(p) ? value : null);
  const umlautName = () => {
    for (;;) {
      const core = `${pick(UMLAUT_STEMS)}${pick(UMLAUT_ENDS)} ${pick(INDUSTRY)}`;
      if (usedNames.has(transliterate(core))) continue;
      usedNames.add(transliterate(core));
      return core;
    }
  };
  const branchStyle = (firm: string, town: string) => pick([`${firm} - ${town}`, `${firm} (${town})`, `${firm} ${town}`, `${firm}, ${town}`]);

  while (halo.length < haloCount) {
    const kind = pick(["article-end", "umlaut", "stray-spaces", "branch", "other-country", "phone-no-prefix", "same-site-other-phone"] as const);
    const base = makeBase();
    const legal = chance(0.5) ? pick(LEGAL[base.country]) : null;
    const legalPart = legal ? ` ${legal}` : "";
    const haloPhone = maybe(0.6, chance(0.5) ? base.phone : national(base.phone));
    switch (kind) {
      case "article-end": {
        const client = addHalo({ name: chance(0.5) ? `The ${base.core}${legalPart}` : `${base.core}${legalPart}`, website: maybe(0.5, websiteOf(base.domain)), phone: haloPhone }, kind);
        addHudu({ name: `${base.core}${legalPart}, The`, website: maybe(0.4, base.domain), phone: maybe(0.3, base.phone) }, client);
        break;
      }
      case "umlaut": {
        const written = umlautName();
        const [haloName, huduName] = chance(0.5) ? [written, transliterate(written)] : [transliterate(written), written];
        const domain = transliterate(written).toLowerCase().replace(/[^a-z]/g, "") + ".de";
        const client = addHalo({ name: `${haloName}${legalPart}`, website: maybe(0.5, domain), phone: haloPhone }, kind);
        addHudu({ name: huduName, website: maybe(0.4, domain), phone: maybe(0.3, base.phone) }, client);
        break;
      }
      case "stray-spaces": {
        const spaced = `${pick(["", " ", "  "])}${base.core.replace(" ", "  ")}${legalPart}${pick([" ", "  ", "\t"])}`;
        const [haloName, huduName] = chance(0.5) ? [spaced, `${base.core}${legalPart}`] : [`${base.core}${legalPart}`, spaced];
        const client = addHalo({ name: haloName, website: maybe(0.5, websiteOf(base.domain)), phone: haloPhone }, kind);
        addHudu({ name: huduName, website: maybe(0.4, base.domain), phone: maybe(0.3, base.phone) }, client);
        break;
      }
      case "branch": {
        // Two to four offices of one firm, one website, a phone each; Halo and Hudu set the town
        // off differently. Now and then one office is missing from Hudu: it must not take another's.
        const towns = [...TOWNS];
        for (let i = towns.length - 1; i > 0; i--) {
          const j = Math.floor(rnd() * (i + 1));
          [towns[i], towns[j]] = [towns[j], towns[i]];
        }
        towns.length = 2 + Math.floor(rnd() * 3);
        for (const town of towns) {
          if (halo.length >= haloCount) break;
          const phone = phoneFor(base.country).intl;
          const missing = chance(0.2);
          const client = addHalo({ name: branchStyle(base.core, town), website: maybe(0.8, websiteOf(base.domain)), phone: maybe(0.6, national(phone)) }, missing ? "branch-negative" : kind);
          if (!missing) addHudu({ name: branchStyle(base.core, town), website: maybe(0.8, base.domain), phone: maybe(0.5, phone) }, client);
        }
        break;
      }
      case "other-country": {
        // A US firm and an unrelated Australian one of the same name; the US one is in Hudu half the time.
        const usOnly = LEGAL[0].filter((form) => form !== "Co."); // "Co." is used everywhere
        const us = pick(usOnly);
        const inHudu = chance(0.5);
        const client = addHalo({ name: `${base.core} ${us}`, website: maybe(0.5, websiteOf(`${base.domain.split(".")[0]}.com`)), phone: maybe(0.6, phoneFor(0).intl) }, inHudu ? kind : "other-country-negative");
        if (inHudu) addHudu({ name: `${base.core} ${chance(0.5) ? us : pick(usOnly)}`, website: null, phone: null }, client);
        addHudu({ name: `${base.core} ${pick(["Pty Ltd", "Pty. Ltd.", "Pty Limited"])}`, website: maybe(0.5, `${base.domain.split(".")[0]}.com.au`), phone: maybe(0.5, phoneFor(2).intl) });
        break;
      }
      case "phone-no-prefix": {
        // Hudu has the number without "+44"/"+61" and without the trunk 0; the name has a typo.
        const client = addHalo({ name: `${base.core}${legalPart}`, website: null, phone: base.phone }, kind);
        addHudu({ name: typo(base.core), website: null, phone: withoutPrefix(base.phone) }, client);
        break;
      }
      case "same-site-other-phone": {
        // Same name and website; the phone is another office's, sometimes abroad.
        const client = addHalo({ name: `${base.core}${legalPart}`, website: websiteOf(base.domain), phone: base.phone }, kind);
        const otherPhone = chance(0.5) ? phoneFor((base.country + 1) % 3).intl : national(phoneFor(base.country).intl);
        addHudu({ name: chance(0.5) ? base.core : `${base.core}${legalPart}`, website: base.domain, phone: otherPhone }, client);
        break;
      }
    }
  }

  // Hudu-only companies, a third of them near-namesakes of Halo clients.
  while (hudu.length < huduCount) {
    if (chance(0.35)) {
      const model = halo[Math.floor(rnd() * halo.length)];
      const variant = chance(0.5) ? `${model.name.replace(/<[^>]*>|🙂/g, "").trim()} ${pick(["Supplies", "Lab", "Canada", "UK Ltd", "Training"])}` : model.name.replace(/[aeiou]/, "y");
      const other = makeBase();
      hudu.push({ id: huduId++, name: variant, website: chance(0.5) ? other.domain : null, phone: chance(0.5) ? other.phone : null, archived: chance(0.05) });
    } else {
      const base = makeBase();
      hudu.push({ id: huduId++, name: base.core, website: chance(0.6) ? base.domain : null, phone: chance(0.6) ? base.phone : null, archived: chance(0.05) });
    }
  }
  // Shuffle Hudu so list order carries no signal.
  for (let i = hudu.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [hudu[i], hudu[j]] = [hudu[j], hudu[i]];
  }
  return { halo, hudu, truth, kinds };
}
