import {
  getCountries,
  getCountryCallingCode,
  parsePhoneNumberFromString,
  type CountryCode,
} from "libphonenumber-js";
import { asText } from "./clean-text";

/**
 * Phone numbers. Matching compares national significant numbers (NSN): "+44 141 496 0512",
 * "0141 496 0512" and "01414960512" all become 1414960512. Numbers written without a country code
 * are read as US, GB or AU numbers (the trunk prefix 0 or a leading 1 goes), which is what
 * libphonenumber does for those countries; a full libphonenumber parse costs ~35 µs, too slow for
 * 20,000 numbers in the hot path, so it is used for `normalisePhone` (display, tests) and for the
 * table of country calling codes that the fast path needs.
 */

export const DEFAULT_PHONE_COUNTRIES: readonly CountryCode[] = ["US", "GB", "AU"];

export interface PhoneKey {
  /** National significant number, digits only. */
  nsn: string;
  /** Country calling code when the number was written with one ("44"), else null. */
  callingCode: string | null;
  /**
   * How a number without a country code was written: "trunk0" (0141…, 02…: not North American),
   * "nanp" (ten digits, no leading 0: North American), or null.
   */
  nationalStyle: "trunk0" | "nanp" | null;
}

let countriesByCallingCode: Map<string, string[]> | null = null;
/** Lower-case ISO countries per calling code ("44" → gb, gg, im, je), from libphonenumber's metadata. */
function callingCodeCountries(): Map<string, string[]> {
  if (!countriesByCallingCode) {
    countriesByCallingCode = new Map();
    for (const country of getCountries()) {
      const code = getCountryCallingCode(country);
      const list = countriesByCallingCode.get(code);
      if (list) list.push(country.toLowerCase());
      else countriesByCallingCode.set(code, [country.toLowerCase()]);
    }
  }
  return countriesByCallingCode;
}

/** Countries a number can belong to (lower-case ISO codes), or null when its shape does not tell. */
export function phoneCountries(key: PhoneKey): string[] | null {
  if (key.callingCode) return callingCodeCountries().get(key.callingCode) ?? null;
  return key.nationalStyle === "nanp" ? (callingCodeCountries().get("1") ?? null) : null;
}

/** Placeholder numbers people type to get past a required field. */
export function isPlaceholderDigits(digits: string): boolean {
  if (digits.length < 7) return true;
  let mask = 0;
  let distinct = 0;
  for (let i = 0; i < digits.length; i++) {
    const bit = 1 << (digits.charCodeAt(i) - 48);
    if (!(mask & bit)) {
      mask |= bit;
      distinct++;
    }
  }
  if (distinct <= 2) return true; // 0000000, 1212121, 5555000…
  const body = digits.replace(/^0+/, "");
  return /^(123456789|1234567890|0123456789|987654321|9876543210)/.test(body) || /^(\d{2,3})\1{2,}$/.test(body);
}

function stripExtension(text: string): string {
  return text.replace(/\s*(?:ext\.?|extn\.?|extension|x|#)\s*\d{1,6}\s*$/i, "");
}

/** Fast key of a phone number for matching; null for empty, junk or placeholder input. */
export function phoneKey(raw: unknown): PhoneKey | null {
  let text = asText(raw).trim();
  if (text === "" || text.length > 40) return null;
  text = stripExtension(text).replace(/\(0\)/g, "");
  let digits = text.replace(/\D/g, "");
  if (digits.length < 7 || digits.length > 16) return null;
  let callingCode: string | null = null;
  let nationalStyle: PhoneKey["nationalStyle"] = null;
  const international = text.startsWith("+") || (digits.startsWith("00") && digits.length >= 11) || (digits.startsWith("011") && digits.length >= 12);
  if (international) {
    if (!text.startsWith("+")) digits = digits.startsWith("011") ? digits.slice(3) : digits.slice(2);
    const codes = callingCodeCountries();
    for (let len = 1; len <= 3; len++) {
      if (codes.has(digits.slice(0, len))) {
        callingCode = digits.slice(0, len);
        digits = digits.slice(len);
        break;
      }
    }
    if (callingCode === null) return null;
    if (digits.startsWith("0") && callingCode !== "39") digits = digits.slice(1); // "+44 0141…" written with the trunk 0
  } else if (digits.length === 11 && digits[0] === "1") {
    digits = digits.slice(1); // North American 1-NPA-NXX-XXXX
    nationalStyle = "nanp";
  } else if (digits[0] === "0") {
    digits = digits.slice(1); // trunk prefix (GB, AU, IE, NZ…)
    nationalStyle = "trunk0";
  } else if (digits.length === 10) {
    nationalStyle = "nanp";
  }
  if (digits.length < 6 || isPlaceholderDigits(digits)) return null;
  return { nsn: digits, callingCode, nationalStyle };
}

export interface NormalisedPhone {
  /** E.164 forms the number can have: one when written with a country code, else one per default country it is valid in. */
  e164: string[];
  /** National significant number. */
  nsn: string;
  countries: CountryCode[];
}

/** Full libphonenumber reading of a number; tries `defaultCountries` when it has no country code. */
export function normalisePhone(
  raw: unknown,
  defaultCountries: readonly CountryCode[] = DEFAULT_PHONE_COUNTRIES,
): NormalisedPhone | null {
  const key = phoneKey(raw);
  if (!key) return null;
  const text = stripExtension(asText(raw).trim()).replace(/\(0\)/g, "");
  const e164: string[] = [];
  const countries: CountryCode[] = [];
  try {
    if (key.callingCode) {
      const parsed = parsePhoneNumberFromString(text.startsWith("+") ? text : "+" + key.callingCode + key.nsn);
      if (parsed) {
        e164.push(parsed.number);
        if (parsed.country) countries.push(parsed.country);
      }
    } else {
      for (const country of defaultCountries) {
        const parsed = parsePhoneNumberFromString(text, country);
        if (parsed && parsed.isValid()) {
          e164.push(parsed.number);
          countries.push(country);
        }
      }
    }
  } catch {
    // libphonenumber throws on some malformed input; the fast key still stands.
  }
  return { e164, nsn: key.nsn, countries };
}

/** True when two numbers are the same line (same NSN, and no contradicting country codes). */
export function samePhone(a: unknown, b: unknown): boolean {
  const ka = phoneKey(a);
  const kb = phoneKey(b);
  if (!ka || !kb || ka.nsn !== kb.nsn) return false;
  return !(ka.callingCode && kb.callingCode && ka.callingCode !== kb.callingCode);
}

/**
 * True when two numbers certainly belong to different countries (e.g. "+1 …" and "02 …"). A number
 * written without its country code that has the other number's digits ("+44 1632 960 123" and
 * "1632 960123") is the same number typed without the prefix, not a foreign one; otherwise its
 * shape decides (a trunk 0 is not North American, ten digits without one are).
 */
export function phoneCountriesDiffer(a: PhoneKey, b: PhoneKey): boolean {
  if (a.callingCode && b.callingCode) return a.callingCode !== b.callingCode;
  const intl = a.callingCode ? a : b.callingCode ? b : null;
  const national = intl === a ? b : a;
  if (!intl || !national.nationalStyle) return false;
  if (national.nsn === intl.nsn) return false;
  return intl.callingCode === "1" ? national.nationalStyle === "trunk0" : national.nationalStyle === "nanp";
}
