import type { MatchHaloClient, MatchHuduCompany } from "@/lib/match";
import { mulberry32 } from "@/sim/data/random";

/**
 * Seeded synthetic Halo/Hudu corpora for the speed benchmark, with the kinds of variation seen in
 * real data: legal forms, "&"/"and", "The", typos, abbreviations, branch qualifiers, nicknames and
 * initials, website and phone formats, mail-provider addresses, integration ids, archived rows and
 * near-namesakes that must not match.
 */

const SYLLABLES_A = ["ash", "bel", "bram", "cal", "cor", "dun", "el", "fen", "gar", "hal", "har", "kel", "kin", "lang", "mar", "mor", "nor", "oak", "pen", "quin", "ral", "red", "ros", "sel", "stan", "tal", "thorn", "val", "war", "wes", "wil", "york", "brig", "carr", "dal", "ells", "fair", "glen", "hol", "ivy"];
const SYLLABLES_B = ["ford", "ton", "wick", "more", "field", "ley", "bury", "dale", "worth", "gate", "wood", "stead", "well", "mere", "brook", "by", "ham", "shaw", "combe", "ridge", "haven", "croft", "sley", "thorpe", "win", "den", "don", "low"];
const SYLLABLES_C = ["", "", "", "er", "ing", "ley", "son", "s"];
const INDUSTRY = ["Building Services", "Brothers Haulage", "Dental Associates", "Precision Manufacturing", "Plumbing", "Dental", "Accountants", "Solicitors", "Engineering", "Roofing", "Logistics", "Pharmacy", "Veterinary Clinic", "Physiotherapy", "Builders", "Electrical", "Landscaping", "Insurance Brokers", "Consulting", "Medical Centre", "Primary School", "Joinery", "Transport", "Architects", "Print & Packaging", "Estate Agents", "Fitness", "Cleaning Services", "Heating & Cooling", "Marine Services", "Property Management", "Family Practice", "Legal", "Surveyors", "Motor Engineers", "Timber Products", "Food Bank", "Hotel", "Brewing", "Title & Escrow", "Orthodontics", "Day Spa", "Wealth Management", "IT Services"];
const LEGAL = ["Ltd", "Ltd.", "Limited", "LLC", "Inc", "Inc.", "Pty Ltd", "PLC", "LLP", "Co.", "Corp", "GmbH", "PC"];
const TLDS = ["com", "co.uk", "com.au", "ie", "ca", "org.uk", "net", "co.nz"];
const PLACES = ["Galway", "Head Office", "Leeds", "Main Office", "North", "Downtown", "Brisbane", "Boise"];
const ABBR: Array<[string, string]> = [["Services", "Svcs"], ["Associates", "Assoc"], ["Brothers", "Bros."], ["Manufacturing", "Mfg."]];
const PROVIDERS = ["gmail.com", "outlook.com", "hotmail.co.uk", "yahoo.com", "bigpond.com", "icloud.com"];

export interface SyntheticData {
  halo: MatchHaloClient[];
  hudu: MatchHuduCompany[];
  truth: Map<number, number>;
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

  const halo: MatchHaloClient[] = [];
  const hudu: MatchHuduCompany[] = [];
  const truth = new Map<number, number>();
  const matched = Math.min(Math.floor(haloCount * 0.7), huduCount);
  let huduId = 100_000;
  for (let i = 0; i < haloCount; i++) {
    const base = makeBase();
    const haloName = chance(0.3) ? `${base.core} ${pick(LEGAL)}` : chance(0.1) ? `The ${base.core}` : chance(0.05) ? `${base.core} (${pick(PLACES)})` : chance(0.03) ? `<b>${base.core}</b> 🙂` : base.core;
    const client: MatchHaloClient = {
      id: i + 1,
      name: haloName,
      website: chance(0.7) ? pick(["https://www.", "http://", "", "www."]) + base.domain + pick(["", "/"]) : chance(0.1) ? "-1" : null,
      phone: chance(0.7) ? (chance(0.5) ? base.phone : national(base.phone)) : chance(0.05) ? "0000000000" : null,
      emailDomains: chance(0.8) ? [base.domain] : chance(0.5) ? [pick(PROVIDERS)] : [],
      inactive: chance(0.05),
    };
    halo.push(client);
    if (i < matched) {
      let name = base.core;
      const v = rnd();
      if (v < 0.15) name = `${name} ${pick(LEGAL)}`;
      else if (v < 0.25) name = name.includes("&") ? name.replace("&", "and") : name.replace(/ (\w+)$/, " & $1");
      else if (v < 0.35) name = typo(name);
      else if (v < 0.42) name = `The ${name}`;
      else if (v < 0.5) name = `${name} - ${pick(PLACES)}`;
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
  return { halo, hudu, truth };
}
