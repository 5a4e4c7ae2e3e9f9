/**
 * Word lists for the MSP generator. Company names are built from these rather than from faker so
 * the generator controls exactly which words are rare ("Chiropractic") and which are common
 * ("Services"), which the matcher must weigh differently.
 */

export type Country = "US" | "UK" | "AU";

/** Trades an MSP's customers are in; some share words on purpose ("Dental", "Dental Lab"). */
export const INDUSTRIES = [
  "Dental",
  "Family Dental",
  "Dental Lab",
  "Chiropractic",
  "Family Chiropractic",
  "Veterinary Clinic",
  "Animal Hospital",
  "Physiotherapy",
  "Medical Centre",
  "Pharmacy",
  "Optometry",
  "Law",
  "Legal",
  "Accounting",
  "Tax & Accounting",
  "Bookkeeping",
  "Financial Planning",
  "Wealth Management",
  "Insurance",
  "Realty",
  "Property Management",
  "Construction",
  "Builders",
  "Roofing",
  "Plumbing",
  "Electrical",
  "HVAC",
  "Landscaping",
  "Engineering",
  "Architects",
  "Surveyors",
  "Freight",
  "Logistics",
  "Transport",
  "Removals",
  "Manufacturing",
  "Fabrication",
  "Precision Machining",
  "Printing",
  "Signs",
  "Marketing",
  "Design Studio",
  "Media",
  "Consulting",
  "Recruitment",
  "Staffing",
  "Bakery",
  "Brewing",
  "Winery",
  "Coffee Roasters",
  "Catering",
  "Hotel",
  "Motors",
  "Auto Repair",
  "Tyres",
  "Marine",
  "Aviation",
  "Farms",
  "Nursery",
  "Storage",
  "Pest Control",
  "Cleaning",
  "Security",
  "Church",
  "Foundation",
  "Trust",
  "Academy",
  "Montessori",
  "Golf Club",
  "Fitness",
];

/** Words every other company has: weak evidence for a match. */
export const COMMON_TAILS = ["Services", "Group", "Solutions", "Partners", "Associates", "Holdings", "Company", "Enterprises"];

export const PLACE_WORDS = [
  "Northside",
  "Southbank",
  "Eastgate",
  "Westfield",
  "Riverside",
  "Lakeview",
  "Hillcrest",
  "Harbour",
  "Bayside",
  "Summit",
  "Pinecrest",
  "Oakwood",
  "Maple Leaf",
  "Cedar",
  "Redwood",
  "Granite",
  "Ironbark",
  "Blue Gum",
  "Silver Birch",
  "Kingsway",
  "Highland",
  "Meadow",
  "Coastal",
  "Valley",
  "Pacific",
  "Atlantic",
  "Capital",
  "Metro",
  "Central",
  "Union",
  "Liberty",
  "Heritage",
  "Pioneer",
  "Frontier",
  "Evergreen",
  "Sunrise",
  "Northstar",
  "Keystone",
  "Cornerstone",
  "Bluewater",
];

/** Legal forms by country, with the long forms people type instead. */
export const LEGAL_SUFFIXES: Record<Country, string[]> = {
  US: ["Inc", "Inc.", "LLC", "L.L.C.", "Corp", "Corporation", "Co.", "PLLC", "LLP"],
  UK: ["Ltd", "Ltd.", "Limited", "PLC", "LLP"],
  AU: ["Pty Ltd", "Pty. Ltd.", "Pty Limited", "Ltd"],
};

/** Pairs a person treats as the same legal form. */
export const SUFFIX_SWAPS: Array<[string, string]> = [
  ["Ltd", "Limited"],
  ["Ltd.", "Limited"],
  ["Inc", "Incorporated"],
  ["Inc.", "Inc"],
  ["LLC", "L.L.C."],
  ["Corp", "Corporation"],
  ["Co.", "Company"],
  ["Pty Ltd", "Pty Limited"],
  ["Pty Ltd", "Pty. Ltd."],
];

export const TLDS: Record<Country, string[]> = {
  US: [".com", ".com", ".com", ".net", ".us", ".org"],
  UK: [".co.uk", ".co.uk", ".uk", ".com", ".org.uk"],
  AU: [".com.au", ".com.au", ".net.au", ".au", ".org.au"],
};

/** Free mail providers small customers use instead of their own domain (no match evidence). */
export const FREE_MAIL = ["gmail.com", "outlook.com", "hotmail.com", "yahoo.com", "bigpond.com", "btinternet.com"];

export const TIMEZONES: Record<Country, string[]> = {
  US: ["Eastern Standard Time", "Central Standard Time", "Mountain Standard Time", "Pacific Standard Time"],
  UK: ["GMT Standard Time"],
  AU: ["AUS Eastern Standard Time", "E. Australia Standard Time", "W. Australia Standard Time", "Cen. Australia Standard Time"],
};

export const COUNTRY_NAMES: Record<Country, string> = { US: "United States", UK: "United Kingdom", AU: "Australia" };

/** Names a person might carry that trip up naive code: apostrophes, accents, hyphens. */
export const AWKWARD_FIRST_NAMES = ["José", "Zoë", "Renée", "Siobhán", "Björn", "François", "Chloé", "Łukasz", "Anaïs", "Nuño", "Søren", "Małgorzata"];
export const AWKWARD_SURNAMES = ["O'Brien", "O'Neill", "D'Angelo", "Müller", "Núñez", "García-López", "Ó Súilleabháin", "MacDonald-Ross", "Nguyễn", "Ångström", "de la Cruz", "Van der Berg"];

export const JOB_TITLES = [
  "Office Manager",
  "Practice Manager",
  "Director",
  "Managing Director",
  "Owner",
  "Partner",
  "Accounts Payable",
  "Receptionist",
  "Operations Manager",
  "IT Contact",
  "Finance Director",
  "Head of HR",
  "Site Supervisor",
  "Dispatcher",
  "Paralegal",
  "Hygienist",
  "Technician",
  "Sales",
];

export const SITE_NAMES = ["Warehouse", "Branch Office", "Clinic", "Depot", "Showroom", "Workshop", "Satellite Office", "Yard", "Store"];

export const CONTRACT_TYPES = ["Managed Services", "Block Hours", "Backup & DR", "Microsoft 365", "Security Bundle", "Break/Fix", "Hardware Lease"];

export const BILLING_DESCRIPTIONS = ["Monthly in advance", "Quarterly in advance", "Annually in advance", "Monthly in arrears"];

/** Names for the ~3% of awkward records. `{name}` is replaced with a normal company name. */
export const AWKWARD_NAME_TEMPLATES = [
  "<b>{name}</b>",
  "{name} <script>alert('x')</script>",
  "🚀 {name}",
  "{name} ☕",
  "  {name}  ",
  "{name}\t",
  "{name} — formerly {name} Holdings, trading as {name} Services, incorporating the {name} Trust and Benevolent Fund (Northern, Southern and Eastern Regions)",
];

export const AWKWARD_NOTES = [
  "<script>alert('notes')</script> Call before visiting.",
  "<p>Prefers <strong>e-mail</strong>.</p>",
  "Gate code 4711 🔑 — ring twice",
  "Line one\nLine two\r\nLine three",
];

/** Companies an MSP documents in Hudu that are not Halo customers. */
export const HUDU_ONLY_NAMES = ["Internal IT", "Our MSP (Internal)", "Template Company", "Vendor - Microsoft", "Vendor - Dell", "Prospect - Old Mill Bakery", "Test Company DO NOT USE"];
