import { z } from "zod";

/**
 * zod building blocks for Halo's value quirks. Each one accepts every shape real Halo instances
 * send and turns it into one clean value, so the record schemas stay declarative.
 *
 * - ids arrive as ints, as doubles (`12.0`, Site.client_id and Users.site_id) or now and then as
 *   numeric strings; `-1` and `0` mean "none".
 * - text arrives trimmed or not; `""` means "none"; null properties are usually left out.
 * - date-times have no zone and a variable fraction ("2022-09-26T16:15:38.897"); the empty date
 *   is "1899-12-30T00:00:00" (the OLE automation epoch).
 */

const numberLike = z.union([z.number(), z.string()]);

function toNumber(value: number | string): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  const text = value.trim();
  if (text === "") return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

/** A record's own id: a positive integer (12.0 is accepted as 12). */
export const haloId = numberLike.transform((value, ctx) => {
  const n = toNumber(value);
  if (n === undefined || !Number.isInteger(n) || n <= 0) {
    ctx.addIssue({ code: "custom", message: `not a usable id: ${JSON.stringify(value)}` });
    return z.NEVER;
  }
  return n;
});

/** A reference to another record; -1, 0, "", missing and junk all mean "none" (null). */
export const haloRefId = numberLike
  .nullish()
  .transform((value) => {
    if (value == null) return null;
    const n = toNumber(value);
    return n !== undefined && Number.isInteger(n) && n > 0 ? n : null;
  });

/** Free text: trimmed; "" and missing become null. Non-strings (numbers) are stringified. */
export const haloText = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((value) => {
    if (value == null) return null;
    const text = String(value).trim();
    return text === "" ? null : text;
  });

/** Booleans as Halo sends them, plus the 0/1 and "true"/"false" forms older versions use. */
export const haloBool = z
  .union([z.boolean(), z.number(), z.string()])
  .nullish()
  .transform((value) => {
    if (value == null) return false;
    if (typeof value === "boolean") return value;
    if (typeof value === "number") return value !== 0;
    return ["true", "1", "yes"].includes(value.trim().toLowerCase());
  });

/** A number (money, quantities); junk and missing become null. */
export const haloNumber = numberLike.nullish().transform((value) => (value == null ? null : (toNumber(value) ?? null)));

/** An integer code (contract status, billing description id): kept as is, -1 included. */
export const haloInt = numberLike.nullish().transform((value) => {
  if (value == null) return null;
  const n = toNumber(value);
  return n !== undefined && Number.isInteger(n) ? n : null;
});

const HALO_EMPTY_DATE_YEAR = 1900;
const zonelessDateTime = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Parses a Halo date-time into an ISO-8601 UTC string ("2022-09-26T16:15:38.897Z"), or null.
 *
 * Decision: zone-less values are read as UTC. Halo stores and serves its API times in UTC (the
 * web UI converts to the agent's zone), and reading them as UTC keeps the result independent of
 * this server's zone. Date-only fields (contract start/end) come as midnight and stay on the
 * same calendar day as long as consumers format them in UTC (formatFieldValue does).
 * A fraction of any length is cut to milliseconds. Dates before 1900 (the 1899-12-30 "empty"
 * marker, 0001-01-01 from .NET defaults) become null.
 */
export function parseHaloDateTime(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const match = zonelessDateTime.exec(value.trim());
  if (!match) return null;
  const [, y, mo, d, h = "00", mi = "00", s = "00", fraction = "", zone] = match;
  if (Number(y) < HALO_EMPTY_DATE_YEAR) return null;
  const ms = (fraction + "000").slice(0, 3);
  const iso = `${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}${zone ? (zone === "Z" ? "Z" : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone) : "Z"}`;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  return date.toISOString();
}

export const haloDateTime = z.unknown().optional().transform((value) => parseHaloDateTime(value));
