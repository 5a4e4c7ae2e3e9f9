/**
 * A deterministic, realistic MSP: Halo clients with sites, users and contracts, and the Hudu
 * companies an MSP that has used Hudu for a while would have for them: some named exactly the
 * same, most slightly differently (legal forms, punctuation, typos, word order), some linked by
 * Hudu's own Halo integration, some archived, some missing, plus near-namesakes that are
 * different organisations and companies Halo does not know. About 3% of records are awkward on
 * purpose (HTML, emoji, stray spaces, very long names, duplicates).
 *
 * Everything comes from one seeded PRNG plus seeded faker instances; dates are relative to a fixed
 * reference day, never the clock, so a seed always gives the same data.
 */
import { Faker, base, en, en_AU, en_GB, en_US } from "@faker-js/faker";
import type {
  GeneratedMsp,
  HaloAddressStore,
  HaloClient,
  HaloContract,
  HaloSite,
  HaloUser,
  HuduAsset,
  HuduAssetLayout,
  HuduCompany,
  HuduMatcher,
  HuduLayoutField,
  TruthHow,
  TruthPair,
} from "./types";
import { blankHuduCompany, haloMatcher } from "./hudu-records";
import { mulberry32 } from "./random";
import {
  AWKWARD_FIRST_NAMES,
  AWKWARD_NAME_TEMPLATES,
  AWKWARD_NOTES,
  AWKWARD_SURNAMES,
  BILLING_DESCRIPTIONS,
  COMMON_TAILS,
  CONTRACT_TYPES,
  COUNTRY_NAMES,
  FREE_MAIL,
  HUDU_ONLY_NAMES,
  INDUSTRIES,
  JOB_TITLES,
  LEGAL_SUFFIXES,
  PLACE_WORDS,
  SITE_NAMES,
  SUFFIX_SWAPS,
  TIMEZONES,
  TLDS,
  type Country,
} from "./vocab";

export type MspSize = "tiny" | "demo" | "large";

export const MSP_SIZES: Record<MspSize, { clients: number }> = {
  tiny: { clients: 12 },
  demo: { clients: 150 },
  large: { clients: 5000 },
};

export function isMspSize(value: string): value is MspSize {
  return value in MSP_SIZES;
}

/** "Today" for generated data: contracts expire, invoices fall due relative to this. */
const REFERENCE_DAY = Date.UTC(2026, 2, 1);
const DAY = 86_400_000;

// ---------------------------------------------------------------- randomness

class Dice {
  constructor(readonly next: () => number) {}
  chance(p: number): boolean {
    return this.next() < p;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  weighted<T>(entries: ReadonlyArray<readonly [T, number]>): T {
    const total = entries.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [value, w] of entries) {
      r -= w;
      if (r < 0) return value;
    }
    return entries[entries.length - 1][0];
  }
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }
}

// ---------------------------------------------------------------- formatting helpers

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** Halo's date-time: no zone, sometimes a fraction of a second. */
function haloDateTime(ms: number, fraction?: number): string {
  const d = new Date(ms);
  const text = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return fraction === undefined ? text : `${text}.${String(fraction).replace(/0+$/, "") || "0"}`;
}
const HALO_NO_DATE = "1899-12-30T00:00:00";

function asciiFold(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/ł/g, "l")
    .replace(/ø/g, "o")
    .replace(/Ł/g, "L");
}

function slugWords(text: string): string {
  return asciiFold(text)
    .toLowerCase()
    .replace(/&/g, "and")
    .replace(/[^a-z0-9]+/g, "");
}

function slugify(text: string): string {
  return (
    asciiFold(text)
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 40) || "item"
  );
}

function guid(dice: Dice): string {
  const hex = (n: number) => Array.from({ length: n }, () => "0123456789abcdef"[dice.int(0, 15)]).join("");
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${"89ab"[dice.int(0, 3)]}${hex(3)}-${hex(12)}`;
}

// ---------------------------------------------------------------- phones

/** A phone number as digits, written the way people in its country write it, several ways. */
interface Phone {
  country: Country;
  /** National significant number. */
  nsn: string;
}

function newPhone(dice: Dice, country: Country, mobile = false): Phone {
  const digits = (n: number) => Array.from({ length: n }, () => dice.int(0, 9)).join("");
  if (country === "US") return { country, nsn: `${dice.int(201, 989)}555${pad(dice.int(100, 199), 4)}` };
  if (country === "UK") {
    if (mobile) return { country, nsn: `7700900${digits(3)}` };
    return { country, nsn: dice.pick([`2079460${digits(3)}`, `1614960${digits(3)}`, `1134960${digits(3)}`, `1314960${digits(3)}`]) };
  }
  if (mobile) return { country, nsn: `4${digits(2)}${digits(3)}${digits(3)}` };
  return { country, nsn: `${dice.pick(["2", "3", "7", "8"])}5550${digits(4)}` };
}

function formatPhone(p: Phone, style: number): string {
  const n = p.nsn;
  switch (p.country) {
    case "US":
      return [`(${n.slice(0, 3)}) ${n.slice(3, 6)}-${n.slice(6)}`, `${n.slice(0, 3)}-${n.slice(3, 6)}-${n.slice(6)}`, `+1 ${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}`, n][style % 4];
    case "UK": {
      const london = n.startsWith("20");
      const national = london ? `0${n.slice(0, 2)} ${n.slice(2, 6)} ${n.slice(6)}` : `0${n.slice(0, 4)} ${n.slice(4, 7)} ${n.slice(7)}`;
      const intl = london ? `+44 ${n.slice(0, 2)} ${n.slice(2, 6)} ${n.slice(6)}` : `+44 ${n.slice(0, 4)} ${n.slice(4, 7)} ${n.slice(7)}`;
      return [national, intl, `0${n}`, `+44 (0)${n}`][style % 4];
    }
    case "AU":
      if (n.startsWith("4")) return [`0${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}`, `+61 ${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}`, `0${n}`, `0${n}`][style % 4];
      return [`(0${n[0]}) ${n.slice(1, 5)} ${n.slice(5)}`, `0${n[0]} ${n.slice(1, 5)} ${n.slice(5)}`, `+61 ${n[0]} ${n.slice(1, 5)} ${n.slice(5)}`, `0${n}`][style % 4];
  }
}

// ---------------------------------------------------------------- company names

interface CompanyName {
  /** The name without its legal form: "Borer Freight". */
  core: string;
  /** "Ltd", "Inc." … or null. */
  suffix: string | null;
  country: Country;
}

const fullName = (n: CompanyName) => (n.suffix ? `${n.core} ${n.suffix}` : n.core);

function newCompanyName(dice: Dice, faker: Faker, country: Country): CompanyName {
  const surname = () => faker.person.lastName().replace(/\s+/g, " ");
  const industry = dice.pick(INDUSTRIES);
  const core = dice.weighted<() => string>([
    [() => `${surname()} ${industry}`, 35],
    [() => `${dice.pick(PLACE_WORDS)} ${industry}`, 25],
    [() => `${surname()} & ${surname()}${dice.chance(0.5) ? ` ${industry}` : ""}`, 12],
    [() => `${dice.pick(PLACE_WORDS)} ${industry} ${dice.pick(COMMON_TAILS)}`, 10],
    [() => `The ${dice.pick(PLACE_WORDS)} ${industry}`, 5],
    [() => `${surname()} ${dice.pick(COMMON_TAILS)}`, 8],
    [() => `${String.fromCharCode(65 + dice.int(0, 25))}.${String.fromCharCode(65 + dice.int(0, 25))}. ${surname()} ${industry}`, 5],
  ])();
  const suffix = dice.chance(0.55) ? dice.pick(LEGAL_SUFFIXES[country]) : null;
  return { core, suffix, country };
}

/** The registrable domain a company would own: "borerfreight.co.uk". */
function domainFor(dice: Dice, name: CompanyName): string {
  const words = name.core.replace(/^The /, "").split(/\s+/);
  const stem = dice.chance(0.7) ? slugWords(name.core.replace(/^The /, "")) : slugWords(words.slice(0, 2).join(" "));
  return `${stem.slice(0, 30) || "company"}${dice.pick(TLDS[name.country])}`;
}

/** How people type a website into Halo or Hudu. */
function websiteAs(dice: Dice, domain: string): string {
  return dice.pick([`https://www.${domain}`, `www.${domain}`, domain, `http://${domain}/`, `https://${domain}`, `https://www.${domain}/`]);
}

// ---------------------------------------------------------------- Hudu name variants

function typo(dice: Dice, text: string): string | null {
  const words = text.split(" ");
  const candidates = words.map((w, i) => [w, i] as const).filter(([w]) => /^[A-Za-z]{5,}$/.test(w));
  if (!candidates.length) return null;
  const [word, index] = dice.pick(candidates);
  const at = dice.int(1, word.length - 2);
  const kind = dice.int(0, 2);
  const changed =
    kind === 0
      ? word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2) // swap
      : kind === 1
        ? word.slice(0, at) + word.slice(at + 1) // drop
        : word.slice(0, at) + word[at] + word.slice(at); // double
  if (changed === word) return null;
  words[index] = changed;
  return words.join(" ");
}

/** The Hudu company name for a Halo client, varied the way real MSP data varies; null: not applicable. */
function variantName(dice: Dice, n: CompanyName, how: TruthHow): string | null {
  const name = fullName(n);
  switch (how) {
    case "exact":
      return name;
    case "case":
      return dice.chance(0.5) ? name.toUpperCase() : name.toLowerCase();
    case "legal-suffix": {
      const swap = SUFFIX_SWAPS.find(([a, b]) => a === n.suffix || b === n.suffix);
      if (n.suffix && swap) return `${n.core} ${swap[0] === n.suffix ? swap[1] : swap[0]}`;
      if (!n.suffix) return `${n.core} ${dice.pick(LEGAL_SUFFIXES[n.country])}`;
      return null;
    }
    case "dropped-suffix":
      return n.suffix ? n.core : null;
    case "punctuation": {
      const stripped = name.replace(/[.,']/g, "").replace(/-/g, " ").replace(/\s+/g, " ").trim();
      if (stripped !== name) return stripped;
      const words = name.split(" ");
      if (words.length < 2) return null;
      return dice.chance(0.5) ? `${words[0]}, ${words.slice(1).join(" ")}` : `${words[0]}-${words.slice(1).join(" ")}`;
    }
    case "ampersand":
      if (name.includes(" & ")) return name.replace(" & ", " and ");
      if (/ and /i.test(name)) return name.replace(/ and /i, " & ");
      return null;
    case "typo":
      return typo(dice, name);
    case "word-order": {
      const m = n.core.match(/^(\S+) & (\S+)( .*)?$/); // "Harris & Cole" → "Cole & Harris"
      if (m) return `${m[2]} & ${m[1]}${m[3] ?? ""}${n.suffix ? ` ${n.suffix}` : ""}`.replace(/\s+/g, " ");
      const words = n.core.replace(/^The /, "").split(" ");
      if (words.length < 2) return null;
      // "Riverside Dental" → "Dental Riverside" is odd; "Smith Plumbing Services" → "Plumbing Services Smith" too.
      // People do write "Dental - Riverside" though.
      return `${words.slice(1).join(" ")} - ${words[0]}`;
    }
    case "stray-spaces":
      return ` ${name.replace(" ", "  ")} `;
    case "leading-the":
      return n.core.startsWith("The ") ? name.slice(4) : `The ${name}`;
    case "renamed-same-website":
      return null; // chosen by the caller: a different name altogether
  }
}

const VARIANT_WEIGHTS: ReadonlyArray<readonly [TruthHow, number]> = [
  ["exact", 30],
  ["case", 6],
  ["legal-suffix", 10],
  ["dropped-suffix", 10],
  ["punctuation", 8],
  ["ampersand", 5],
  ["typo", 8],
  ["word-order", 4],
  ["stray-spaces", 4],
  ["leading-the", 4],
  ["renamed-same-website", 3],
];

// ---------------------------------------------------------------- addresses

function newAddress(faker: Faker, dice: Dice, country: Country): HaloAddressStore {
  const line2 = dice.chance(0.3) ? faker.location.secondaryAddress() : "";
  if (country === "US") {
    return { line1: faker.location.streetAddress(), line2, line3: faker.location.city(), line4: faker.location.state({ abbreviated: true }), postcode: faker.location.zipCode("#####") };
  }
  if (country === "UK") {
    return { line1: faker.location.streetAddress(), line2, line3: faker.location.city(), line4: faker.location.county(), postcode: faker.location.zipCode() };
  }
  return { line1: faker.location.streetAddress(), line2, line3: faker.location.city(), line4: faker.location.state({ abbreviated: true }), postcode: faker.location.zipCode() };
}

// ---------------------------------------------------------------- Hudu layouts

function layoutField(id: number, position: number, label: string, field_type: HuduLayoutField["field_type"], extra: Partial<HuduLayoutField> = {}): HuduLayoutField {
  return {
    id,
    label,
    field_type,
    required: false,
    show_in_list: position <= 3,
    position,
    hint: null,
    min: null,
    max: null,
    options: null,
    linkable_id: null,
    list_id: null,
    expiration: false,
    is_destroyed: false,
    multiple_options: null,
    ...extra,
  };
}

function baseLayouts(at: string): HuduAssetLayout[] {
  let fid = 1;
  const layout = (id: number, name: string, icon: string, active: boolean, fields: Array<[string, HuduLayoutField["field_type"], Partial<HuduLayoutField>?]>): HuduAssetLayout => ({
    id,
    slug: `${slugify(name)}-${pad(id, 12)}`,
    name,
    icon,
    color: "#6136ff",
    icon_color: "#ffffff",
    sidebar_folder_id: null,
    active,
    include_passwords: true,
    include_photos: true,
    include_comments: true,
    include_files: true,
    created_at: at,
    updated_at: at,
    fields: fields.map(([label, type, extra], i) => layoutField(fid++, i + 1, label, type, extra)),
  });
  return [
    layout(1, "People", "fas fa-user", true, [
      ["First Name", "Text"],
      ["Last Name", "Text"],
      ["Title", "Text"],
      ["Email", "Email"],
      ["Phone", "Phone"],
      ["Mobile", "Phone"],
      ["Important Contact", "CheckBox"],
      ["Notes", "RichText"],
    ]),
    layout(2, "Locations", "fas fa-building", true, [
      ["Address", "AddressData"],
      ["Phone", "Phone"],
      ["Notes", "RichText"],
    ]),
    layout(3, "Computer Assets", "fas fa-laptop", true, [
      ["Serial Number", "Text"],
      ["Assigned To", "AssetTag", { linkable_id: 1 }],
      ["Purchase Date", "Date"],
      ["Managed", "CheckBox"],
    ]),
    layout(4, "Contacts (old)", "fas fa-address-book", false, [
      ["Email", "Email"],
      ["Phone", "Phone"],
    ]),
  ];
}

// ---------------------------------------------------------------- the generator

interface ClientPlan {
  client: HaloClient;
  name: CompanyName;
  domain: string | null;
  phone: Phone | null;
  mainAddress: HaloAddressStore;
  users: HaloUser[];
  awkward: boolean;
}

export function generateMsp({ seed, size }: { seed: number; size: MspSize }): GeneratedMsp {
  const dice = new Dice(mulberry32(seed * 7919 + 17));
  const fakers: Record<Country, Faker> = {
    US: new Faker({ locale: [en_US, en, base] }),
    UK: new Faker({ locale: [en_GB, en, base] }),
    AU: new Faker({ locale: [en_AU, en, base] }),
  };
  fakers.US.seed(seed * 3 + 1);
  fakers.UK.seed(seed * 3 + 2);
  fakers.AU.seed(seed * 3 + 3);

  const clientCount = MSP_SIZES[size].clients;
  const clients: HaloClient[] = [];
  const sites: HaloSite[] = [];
  const users: HaloUser[] = [];
  const contracts: HaloContract[] = [];
  const plans: ClientPlan[] = [];
  const usedNames = new Set<string>();
  const usedDomains = new Set<string>();

  let clientId = 11;
  let siteId = 17;
  let userId = 0;
  let contractId = 0;

  // Two different customers of one MSP rarely share a name up to "The" and the legal form
  // ("Highland Security Ltd" and "The Highland Security"): keep cores distinct, except for the
  // near-namesakes and duplicates made on purpose below.
  const coreKey = (n: CompanyName) => n.core.replace(/^The /, "").toLowerCase();
  const uniqueName = (country: Country): CompanyName => {
    for (let attempt = 0; ; attempt++) {
      const n = newCompanyName(dice, fakers[country], country);
      const key = coreKey(n);
      if (!usedNames.has(key) || attempt > 20) {
        usedNames.add(key);
        return n;
      }
    }
  };
  const uniqueDomain = (n: CompanyName): string => {
    let d = domainFor(dice, n);
    for (let i = 2; usedDomains.has(d); i++) d = d.replace(/^([a-z0-9]+?)(\d*)\./, `$1${i}.`);
    usedDomains.add(d);
    return d;
  };

  const addClient = (name: CompanyName, opts: { awkwardName?: string; inactive?: boolean } = {}): ClientPlan => {
    const country = name.country;
    const faker = fakers[country];
    clientId += dice.weighted([
      [1, 8],
      [2, 1],
      [5, 1],
    ]);
    const id = clientId;
    const displayName = opts.awkwardName ?? fullName(name);
    const domain = dice.chance(0.85) ? uniqueDomain(name) : null;
    const phone = dice.chance(0.85) ? newPhone(dice, country) : null;
    const created = REFERENCE_DAY - dice.int(30, 3000) * DAY - dice.int(0, 86_399) * 1000;
    const inactive = opts.inactive ?? dice.chance(0.05);
    const awkward = opts.awkwardName !== undefined;

    // Sites: 1–4, the first is the main site.
    const siteCount = dice.weighted([
      [1, 60],
      [2, 25],
      [3, 10],
      [4, 5],
    ]);
    const clientSites: HaloSite[] = [];
    const timezone = dice.pick(TIMEZONES[country]);
    for (let s = 0; s < siteCount; s++) {
      siteId += dice.int(1, 2);
      const address = newAddress(faker, dice, country);
      const siteName = s === 0 ? dice.pick(["Main", "Main", "Head Office", address.line3]) : `${dice.pick(SITE_NAMES)} - ${address.line3}`;
      const site: HaloSite = {
        id: siteId,
        name: siteName,
        client_id: id,
        client_name: displayName,
        clientsite_name: `${displayName}/${siteName}`,
        inactive: s > 0 && dice.chance(0.06),
        maincontact_id: -1,
        timezone,
        delivery_address: address,
        invoice_address: dice.chance(0.7) ? { ...address } : { line1: "", line2: "", line3: "", line4: "", postcode: "" },
      };
      if (phone || dice.chance(0.5)) site.phonenumber = formatPhone(s === 0 && phone ? phone : newPhone(dice, country), dice.int(0, 3));
      if (domain) site.emaildomain = domain;
      if (dice.chance(0.1)) site.notes = awkward && s === 0 ? dice.pick(AWKWARD_NOTES) : "Alarm code with the office manager.";
      clientSites.push(site);
    }
    sites.push(...clientSites);
    const main = clientSites[0];

    // Users: 2–40, skewed small (most customers are small), plus Halo's "General User".
    const mailDomain = domain && dice.chance(0.9) ? domain : dice.pick(FREE_MAIL);
    const userCount = 1 + Math.floor(38 * dice.next() ** 2.8);
    const clientUsers: HaloUser[] = [];
    const general: HaloUser = {
      id: ++userId,
      name: "General User",
      site_id: main.id,
      site_id_int: main.id,
      site_name: main.name,
      client_id: id,
      client_name: displayName,
      inactive: false,
      isimportantcontact: false,
      isserviceaccount: false,
      emailaddress: "",
    };
    clientUsers.push(general);
    for (let u = 0; u < userCount; u++) {
      const first = dice.chance(0.04) ? dice.pick(AWKWARD_FIRST_NAMES) : faker.person.firstName();
      const last = dice.chance(0.05) ? dice.pick(AWKWARD_SURNAMES) : faker.person.lastName();
      const site = dice.chance(0.75) ? main : dice.pick(clientSites);
      userId += dice.weighted([
        [1, 9],
        [3, 1],
      ]);
      const user: HaloUser = {
        id: userId,
        name: dice.chance(0.02) ? ` ${first} ${last} ` : `${first} ${last}`,
        firstname: first,
        surname: last,
        site_id: site.id,
        site_id_int: site.id,
        site_name: site.name,
        client_id: id,
        client_name: displayName,
        inactive: dice.chance(0.08),
        isimportantcontact: dice.chance(0.1),
        isserviceaccount: false,
      };
      if (dice.chance(0.88)) {
        const local = slugWords(first).slice(0, 20) + dice.pick([".", "", "_"]) + slugWords(last).slice(0, 20);
        const mail = mailDomain === domain ? mailDomain : dice.chance(0.5) ? mailDomain : domain ?? mailDomain;
        user.emailaddress = `${local || "user"}${mailDomain === mail && FREE_MAIL.includes(mail) ? dice.int(1, 99) : ""}@${mail}`;
      } else if (dice.chance(0.5)) {
        user.emailaddress = ""; // Halo's placeholder for "no e-mail"
      }
      if (dice.chance(0.6)) user.title = dice.pick(JOB_TITLES);
      if (dice.chance(0.6)) user.phonenumber = formatPhone(phone && dice.chance(0.5) ? phone : newPhone(dice, country), dice.int(0, 3));
      if (dice.chance(0.45)) user.mobilenumber = formatPhone(newPhone(dice, country, true), dice.int(0, 3));
      if (dice.chance(0.03)) user.email2 = `${slugWords(first)}@${dice.pick(FREE_MAIL)}`;
      if (dice.chance(0.05)) user.notes = dice.chance(0.3) ? dice.pick(AWKWARD_NOTES) : "Prefers a call back.";
      clientUsers.push(user);
    }
    // A duplicate contact now and then: the same person typed twice.
    if (clientUsers.length > 3 && dice.chance(0.04)) {
      const twin = clientUsers[dice.int(1, clientUsers.length - 1)];
      clientUsers.push({ ...twin, id: (userId += 1) });
    }
    users.push(...clientUsers);
    const contact = clientUsers.find((u) => u.isimportantcontact && !u.inactive) ?? clientUsers[1];
    if (contact) {
      main.maincontact_id = contact.id;
      main.maincontact_name = contact.name;
    }

    // Contracts: 0–3, some expired.
    const contractCount = dice.weighted([
      [0, 25],
      [1, 40],
      [2, 25],
      [3, 10],
    ]);
    for (let k = 0; k < contractCount; k++) {
      contractId += dice.int(1, 3);
      const months = dice.pick([12, 12, 24, 36]);
      const start = REFERENCE_DAY - dice.int(0, 1500) * DAY;
      const end = start + months * 30.4 * DAY;
      const expired = end < REFERENCE_DAY;
      const cancelled = !expired && dice.chance(0.05);
      const active = !expired && !cancelled;
      const billing = dice.int(0, BILLING_DESCRIPTIONS.length - 1);
      const site = dice.chance(0.3) ? dice.pick(clientSites) : null;
      const contract: HaloContract = {
        id: contractId,
        client_id: id,
        client_name: displayName,
        ref: `${slugWords(name.core).slice(0, 6).toUpperCase()}-${new Date(start).getUTCFullYear()}-${pad(k + 1, 3)}`,
        start_date: haloDateTime(Math.floor(start / DAY) * DAY),
        end_date: haloDateTime(Math.floor(end / DAY) * DAY),
        started: start <= REFERENCE_DAY,
        expired,
        active,
        status: active ? 1 : expired ? 3 : 2,
        contract_status: active ? "Active" : expired ? "Expired" : "Cancelled",
        contracttype_name: dice.pick(CONTRACT_TYPES),
        site_id: site ? site.id : -1,
        billingdescription: billing + 1,
        billing_description_string: BILLING_DESCRIPTIONS[billing],
        periodchargeamount: dice.chance(0.2) ? dice.int(1, 40) * 100 : dice.int(5000, 900000) / 100,
        next_invoice_date: active ? haloDateTime(REFERENCE_DAY + dice.int(1, 30) * DAY) : HALO_NO_DATE,
        last_modified: haloDateTime(REFERENCE_DAY - dice.int(0, 400) * DAY - dice.int(0, 86_399) * 1000, dice.int(1, 999)),
      };
      if (site) contract.site_name = site.name;
      if (dice.chance(0.3)) contract.refextra = "";
      if (dice.chance(0.2)) contract.note = dice.chance(0.1) ? dice.pick(AWKWARD_NOTES) : "Renewal discussed at QBR.";
      contracts.push(contract);
    }

    const client: HaloClient = {
      id,
      name: displayName,
      inactive,
      toplevel_id: inactive && dice.chance(0.5) ? 2 : 1,
      toplevel_name: inactive ? "Former Customers" : "Customers",
      main_site_id: main.id,
      main_site_name: main.name,
      main_delivery_address: main.delivery_address,
      datecreated: haloDateTime(created, dice.int(1, 999)),
      hudu_url: "",
      itglue_id: "",
    };
    if (client.toplevel_id === 1) client.toplevel_name = "Customers";
    else client.toplevel_name = "Former Customers";
    if (domain) {
      if (dice.chance(0.9)) client.website = websiteAs(dice, domain);
      if (dice.chance(0.8)) client.domain = domain;
      if (dice.chance(0.6)) client.accountsemailaddress = `accounts@${domain}`;
    } else if (dice.chance(0.3)) {
      client.website = "";
    }
    if (phone) client.main_phonenumber = formatPhone(phone, dice.int(0, 3));
    if (contact) client.main_contact_name = contact.name;
    if (dice.chance(0.6)) client.ref = `${slugWords(name.core).slice(0, 6).toUpperCase()}${pad(dice.int(1, 99))}`;
    if (dice.chance(0.3)) client.colour = `#${dice.int(0, 0xffffff).toString(16).padStart(6, "0")}`;
    if (dice.chance(0.2)) client.azure_tenant_id = guid(dice);
    if (dice.chance(0.05) && name.suffix) client.trading_name = name.core;
    if (awkward && dice.chance(0.5)) client.notes = dice.pick(AWKWARD_NOTES);
    else if (dice.chance(0.1)) client.notes = "Onboarded after the office move.";
    clients.push(client);
    const plan: ClientPlan = { client, name, domain, phone, mainAddress: main.delivery_address, users: clientUsers, awkward };
    plans.push(plan);
    return plan;
  };

  // ---- Halo clients
  const countryOf = (): Country =>
    dice.weighted<Country>([
      ["US", 50],
      ["UK", 30],
      ["AU", 20],
    ]);
  const namesakePairs: Array<[ClientPlan, ClientPlan]> = [];
  // Every size, even tiny, has at least one of each hard case at a fixed position; the rest is chance.
  const FORCED_AWKWARD = 3;
  const FORCED_NAMESAKES = 6;
  const FORCED_INACTIVE = 8;
  const FORCED_MISSING = 10;
  const missingInHudu = new Set<number>();
  while (clients.length < clientCount) {
    const name = uniqueName(countryOf());
    const position = clients.length;
    const roll = position === FORCED_AWKWARD ? 0 : position === FORCED_NAMESAKES ? 0.04 : position < 11 ? 1 : dice.next();
    if (position === FORCED_INACTIVE) {
      addClient(name, { inactive: true });
    } else if (position === FORCED_MISSING) {
      missingInHudu.add(addClient(name).client.id);
    } else if (roll < 0.03) {
      // Awkward on purpose: HTML, script, emoji, stray spaces, a very long name, or a duplicate.
      if (position !== FORCED_AWKWARD && dice.chance(0.2) && plans.length) {
        const original = dice.pick(plans);
        addClient(original.name, { awkwardName: original.client.name, inactive: dice.chance(0.5) });
      } else {
        const template = dice.pick(AWKWARD_NAME_TEMPLATES);
        addClient(name, { awkwardName: template.replaceAll("{name}", fullName(name)) });
      }
    } else if (roll < 0.05 && clients.length + 1 < clientCount) {
      // Near-namesakes that are both customers: "Smith Dental" and "Smith Dental Lab".
      const a = addClient(name);
      const siblingName: CompanyName = { core: `${name.core} ${dice.pick(["Lab", "Supplies", "Holdings", "Foundation", "West"])}`, suffix: name.suffix, country: name.country };
      usedNames.add(coreKey(siblingName));
      const b = addClient(siblingName);
      namesakePairs.push([a, b]);
    } else {
      addClient(name);
    }
  }

  // ---- Hudu companies
  const at = new Date(REFERENCE_DAY - 400 * DAY).toISOString();
  type CompanyFields = Partial<Omit<HuduCompany, "id" | "slug" | "url" | "full_url" | "passwords_url" | "knowledge_base_url">>;
  type Draft = { name: string; fields: CompanyFields; plan?: ClientPlan; how?: TruthHow; integrated: boolean };
  const drafts: Draft[] = [];
  const huduNames = new Set<string>();
  const inNamesakePair = new Set(namesakePairs.flat().map((p) => p.client.id));
  const draftCompany = (name: string, fields: CompanyFields = {}) => ({ name, fields: { company_type: "Customer", ...fields } });

  for (const plan of plans) {
    // ~15% of clients are not in Hudu yet (namesake pairs always are: they are the hard case).
    if (missingInHudu.has(plan.client.id) || (!inNamesakePair.has(plan.client.id) && dice.chance(0.15))) continue;
    let how: TruthHow = dice.weighted(VARIANT_WEIGHTS);
    let name: string | null;
    if (plan.awkward) {
      // Someone typed the awkward Halo name into Hudu by hand, cleaned up or as it was.
      how = "exact";
      name = dice.chance(0.5) ? fullName(plan.name) : plan.client.name.trim();
    } else if (how === "renamed-same-website") {
      name = plan.domain ? fullName(uniqueName(plan.name.country)) : null;
    } else {
      name = variantName(dice, plan.name, how);
    }
    if (name === null) {
      how = "exact";
      name = plan.client.name;
    }
    if (huduNames.has(name.toLowerCase())) continue; // Hudu refuses a second company with the same name, in any case.
    huduNames.add(name.toLowerCase());

    const fields: Partial<HuduCompany> = {
      address_line_1: plan.mainAddress.line1 || null,
      address_line_2: plan.mainAddress.line2 || null,
      city: plan.mainAddress.line3 || null,
      state: plan.mainAddress.line4 || null,
      zip: plan.mainAddress.postcode || null,
      country_name: COUNTRY_NAMES[plan.name.country],
    };
    if (plan.domain && (how === "renamed-same-website" || dice.chance(0.75))) {
      fields.website = dice.chance(0.1) ? `https://${plan.domain}/contact-us` : websiteAs(dice, plan.domain);
    }
    if (plan.phone && dice.chance(0.5)) fields.phone_number = formatPhone(plan.phone, dice.int(0, 3));
    if (dice.chance(0.1)) fields.nickname = plan.name.core.split(" ")[0];
    if (plan.client.ref && dice.chance(0.12)) fields.id_number = plan.client.ref;
    else if (dice.chance(0.03)) fields.id_number = `halo:${plan.client.id}`;
    if (dice.chance(0.05)) fields.archived = true;
    if (plan.awkward && dice.chance(0.5)) fields.notes = dice.pick(AWKWARD_NOTES);
    drafts.push({ ...draftCompany(name, fields), plan, how, integrated: !plan.awkward && dice.chance(0.35) });
  }

  // Near-namesakes that are different organisations and not Halo clients at all.
  for (const plan of plans) {
    if (plan.awkward || inNamesakePair.has(plan.client.id) || !dice.chance(0.04)) continue;
    const name = `${plan.name.core} ${dice.pick(["Lab", "Supplies", "Holdings", "Foundation", "Academy"])}`;
    if (huduNames.has(name.toLowerCase())) continue;
    huduNames.add(name.toLowerCase());
    const domain = uniqueDomain({ core: name, suffix: null, country: plan.name.country });
    drafts.push({ ...draftCompany(name, { website: websiteAs(dice, domain), phone_number: formatPhone(newPhone(dice, plan.name.country), 0), company_type: "Vendor" }), integrated: false });
  }

  // Companies Halo does not know: internal, vendors, prospects, former customers.
  for (const name of HUDU_ONLY_NAMES.slice(0, Math.max(3, Math.min(HUDU_ONLY_NAMES.length, Math.round(clientCount / 20))))) {
    if (huduNames.has(name.toLowerCase())) continue;
    huduNames.add(name.toLowerCase());
    drafts.push({ ...draftCompany(name, { company_type: name.startsWith("Vendor") ? "Vendor" : "Internal" }), integrated: false });
  }
  const formerCount = Math.max(1, Math.round(clientCount * 0.05));
  for (let i = 0; i < formerCount; i++) {
    const n = uniqueName(countryOf());
    const name = fullName(n);
    if (huduNames.has(name.toLowerCase())) continue;
    huduNames.add(name.toLowerCase());
    const domain = uniqueDomain(n);
    drafts.push({ ...draftCompany(name, { website: dice.chance(0.7) ? websiteAs(dice, domain) : null, archived: dice.chance(0.4), country_name: COUNTRY_NAMES[n.country] }), integrated: false });
  }

  // Ids in an order unrelated to Halo's, as in a Hudu that grew separately.
  dice.shuffle(drafts);
  const companies: HuduCompany[] = [];
  const truth: TruthPair[] = [];
  const matchers: HuduMatcher[] = [];
  let integrationId = 900;
  drafts.forEach((draft, index) => {
    const id = index + 1;
    const slug = `${slugify(draft.name)}-${(0x100 + id).toString(16).padStart(12, "0")}`;
    const company: HuduCompany = { ...blankHuduCompany({ id, name: draft.name, slug, at }), ...draft.fields };
    if (draft.plan && draft.integrated) {
      const matcher = { ...haloMatcher(++integrationId, draft.plan.client), company_id: id, company_name: company.name };
      matchers.push(matcher);
      company.integrations = [{ ...matcher, company_id: id, company_name: company.name }];
    }
    companies.push(company);
    if (draft.plan && draft.how) truth.push({ haloId: draft.plan.client.id, huduId: id, how: draft.how });
  });
  // Hudu's Halo integration keeps a matcher for every Halo client; those not linked yet carry
  // Hudu's own suggestion when the names are the same.
  const linked = new Set(matchers.map((m) => m.sync_id));
  for (const plan of plans) {
    if (linked.has(plan.client.id)) continue;
    const pair = truth.find((t) => t.haloId === plan.client.id);
    matchers.push({ ...haloMatcher(++integrationId, plan.client), potential_company_id: pair?.how === "exact" ? pair.huduId : null });
  }

  // ---- Hudu layouts and a few assets typed in by hand before this tool existed.
  const assetLayouts = baseLayouts(at);
  const assets: HuduAsset[] = [];
  const people = assetLayouts[0];
  const byLabel = (label: string) => people.fields.find((f) => f.label === label)!;
  const planOf = new Map(plans.map((p) => [p.client.id, p]));
  for (const pair of truth) {
    if (!dice.chance(0.15)) continue;
    const company = companies[pair.huduId - 1];
    const plan = planOf.get(pair.haloId)!;
    for (const user of plan.users.slice(1, 1 + dice.int(1, 3))) {
      const id = assets.length + 1;
      const slug = `${slugify(user.name)}-${(0x100 + id).toString(16).padStart(12, "0")}`;
      const fields = [
        { field: byLabel("First Name"), value: user.firstname },
        { field: byLabel("Last Name"), value: user.surname },
        { field: byLabel("Title"), value: user.title },
        { field: byLabel("Email"), value: user.emailaddress || undefined },
        { field: byLabel("Phone"), value: user.phonenumber },
      ]
        .filter((f) => f.value)
        .map((f) => ({ id: f.field.id, label: f.field.label, value: f.value, position: f.field.position }));
      assets.push({
        id,
        company_id: company.id,
        asset_layout_id: people.id,
        slug,
        name: user.name.trim(),
        primary_serial: null,
        primary_mail: user.emailaddress || null,
        primary_model: null,
        primary_manufacturer: null,
        company_name: company.name,
        object_type: "Asset",
        asset_type: people.name,
        archived: false,
        url: `/a/${slug}`,
        created_at: at,
        updated_at: at,
        fields,
        cards: [],
      });
    }
  }

  return {
    halo: { clients, sites, users, contracts },
    hudu: { companies, assetLayouts, assets, relations: [], matchers },
    truth,
  };
}
