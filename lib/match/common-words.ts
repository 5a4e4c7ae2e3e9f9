/**
 * Words that many unrelated businesses share: marketing adjectives ("Premier", "Elite") and trade
 * nouns ("Plumbing", "Services"). A name made only of these ("Elite Fitness", "Central Services")
 * does not identify a company by itself, so equal names like that need a website or phone to agree
 * before a match is auto-accepted. IDF cannot tell this on a small corpus, hence a list.
 */
export const GENERIC_NAME_WORDS: ReadonlySet<string> = new Set([
  // adjectives and marketing words
  "a1", "able", "absolute", "ace", "active", "advanced", "all", "allstar", "alpha", "american", "apex", "best",
  "better", "big", "blue", "bright", "budget", "capital", "central", "city", "classic", "clear", "coastal",
  "complete", "country", "county", "creative", "crown", "direct", "dynamic", "east", "eastern", "easy", "eco",
  "elite", "empire", "excel", "excellence", "express", "family", "fast", "first", "choice", "five", "star",
  "fresh", "friendly", "general", "global", "gold", "golden", "good", "grand", "great", "green", "happy",
  "home", "ideal", "independent", "integrated", "infinity", "key", "little", "local", "mega", "metro",
  "modern", "national", "new", "north", "northern", "one", "optimum", "pacific", "perfect", "pinnacle",
  "precision", "premier", "premium", "prime", "pro", "professional", "quality", "quick", "rapid", "red",
  "regional", "reliable", "royal", "safe", "secure", "select", "smart", "south", "southern", "special",
  "standard", "sterling", "summit", "superior", "supreme", "swift", "top", "total", "trusted", "ultimate",
  "unique", "united", "universal", "urban", "valley", "value", "vision", "vital", "west", "western", "white",
  "world", "care", "true", "alliance", "all-star", "plus", "max", "smile", "bay", "harbour", "harbor",
  "mountain", "river", "lake", "ocean", "sun", "sunshine", "star", "stars", "peak", "horizon", "legacy",
  "heritage", "liberty", "patriot", "freedom", "community", "pioneer", "frontier", "victory", "evergreen",
  // trades and kinds of business
  "accountants", "accounting", "agency", "air", "auto", "automotive", "bakery", "builders", "building",
  "cafe", "carpentry", "centre", "center", "cleaning", "clinic", "construction", "consulting", "consultants",
  "cooling", "dental", "dentistry", "design", "developments", "drains", "electric", "electrical",
  "electricians", "engineering", "enterprises", "estates", "fitness", "flooring", "foods", "garage", "gardens",
  "group", "hair", "hardware", "health", "healthcare", "heating", "holdings", "homes", "hotel", "insurance",
  "interiors", "joinery", "landscaping", "law", "legal", "lettings", "logistics", "maintenance", "management",
  "manufacturing", "marketing", "media", "medical", "motors", "nursery", "partners", "pharmacy", "physio",
  "physiotherapy", "plumbing", "print", "printing", "properties", "property", "realty", "removals", "repairs",
  "restaurant", "roofing", "school", "security", "services", "solutions", "solicitors", "storage", "studio",
  "supplies", "supply", "surgery", "systems", "technology", "technologies", "tech", "trading", "transport",
  "travel", "tyres", "vets", "veterinary", "wellness", "windows", "associates", "brothers", "sons",
]);

/** True when every token of a name is a generic word (or there are no tokens). */
export function isGenericName(tokens: readonly string[]): boolean {
  return tokens.every((t) => GENERIC_NAME_WORDS.has(t) || /^\d+$/.test(t));
}
