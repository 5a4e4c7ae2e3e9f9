/**
 * Turns whatever a PSA stored in a text field into plain lower-case ASCII-ish text.
 * Halo names can hold HTML, entities, emoji, `<script>` and odd whitespace; none of it may throw.
 */

const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  ndash: "-",
  mdash: "-",
  rsquo: "'",
  lsquo: "'",
  eacute: "é",
  auml: "ä",
  ouml: "ö",
  uuml: "ü",
  szlig: "ß",
};

// Letters that NFKD does not decompose into a base letter plus a mark.
const SPECIAL_LETTERS: Record<string, string> = {
  ß: "ss",
  æ: "ae",
  œ: "oe",
  ø: "o",
  ł: "l",
  đ: "d",
  ð: "d",
  þ: "th",
  ı: "i",
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, body: string) => {
    if (body[0] === "#") {
      const code = body[1] === "x" || body[1] === "X" ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : " ";
    }
    return ENTITIES[body.toLowerCase()] ?? whole;
  });
}

/** Coerces any value to a string; null, undefined and non-primitives become "". */
export function asText(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return "";
}

/**
 * True when a name is written with an umlaut (ä, ö, ü, precomposed, decomposed or as an HTML
 * entity). Cleaning turns "ü" into "u"; the matcher then also reads "ue" as "u" in the other name,
 * so "Müller" and "Mueller" agree without making "Mueller" and "Muller" equal.
 */
export function hasUmlaut(value: unknown): boolean {
  const text = asText(value);
  return /[äöüÄÖÜ]|[aouAOU]\u0308|&[aou]uml;/i.test(text);
}

/**
 * Lower-cases, removes markup and accents, maps typographic quotes and dashes to ASCII and
 * replaces anything that is not a letter, digit or meaningful punctuation with a space.
 */
export function cleanText(value: unknown): string {
  let text = asText(value);
  if (text === "") return "";
  if (text.length > 1000) text = text.slice(0, 1000); // a name is never this long; bound the work
  if (text.includes("<")) {
    text = text
      .replace(/<(script|style)\b[^>]*>[\s\S]*?(<\/\1\s*>|$)/gi, " ")
      .replace(/<[^>]*>/g, " ");
  }
  if (text.includes("&")) text = decodeEntities(text);
  if (/^[A-Za-z0-9 &'.,()\-]*$/.test(text)) {
    // Plain ASCII, the common case: skip Unicode folding.
    return text.toLowerCase().replace(/ {2,}/g, " ").trim();
  }
  text = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[ßæœøłđðþı]/g, (ch) => SPECIAL_LETTERS[ch] ?? ch)
    .replace(/[\u2018\u2019\u201b\u02bc\u00b4`]/g, "'")
    .replace(/[\u2010-\u2015\u2212]/g, "-")
    .replace(/[^\p{L}\p{N}&'.\-,()[\]/+@| ]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  return text;
}
