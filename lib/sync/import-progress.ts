import { z } from "zod";

/**
 * The progress document of an import run (a lib/jobs run of kind "import"): which phase, what it
 * is doing right now in plain words, a rate-limit wait in progress, and the requests sent per
 * ten seconds to each service (the run page charts requests per minute from them). Counts of
 * records are not here: they come from the saved items (db/queries/import-items.ts), which are
 * exact even after a crash. Safe for client components: zod only.
 */

export const importPhases = ["starting", "reading", "planning", "company", "site", "contact-contract", "finished"] as const;
export type ImportPhase = (typeof importPhases)[number];

export const PHASE_TEXT: Record<ImportPhase, string> = {
  starting: "Starting",
  reading: "Reading Halo and Hudu",
  planning: "Planning",
  company: "Companies",
  site: "Sites",
  "contact-contract": "Contacts and contracts",
  finished: "Finished",
};

/** Requests are counted in buckets this long; the chart keeps RATE_BUCKETS of them. */
export const RATE_BUCKET_MS = 10_000;
export const RATE_BUCKETS = 90;

const serviceLimitSchema = z.object({ limit: z.number(), windowMs: z.number() });

export const importProgressSchema = z.object({
  phase: z.enum(importPhases).catch("starting"),
  /** "reading Halo users, page 12 of 40", "creating sites (120 of 800)". */
  activity: z.string().nullable().catch(null),
  /** A wait for a rate limit that lasts a second or more, while it lasts. */
  wait: z
    .object({ service: z.enum(["halo", "hudu"]), until: z.string(), reason: z.enum(["pacing", "rate_limited"]) })
    .nullable()
    .catch(null),
  /** The pacing each client uses (from the connection settings and HALO_/HUDU_RATE_LIMIT). */
  limits: z.object({ halo: serviceLimitSchema.nullable(), hudu: serviceLimitSchema.nullable() }).catch({ halo: null, hudu: null }),
  requests: z.object({ halo: z.number(), hudu: z.number() }).catch({ halo: 0, hudu: 0 }),
  /** [bucket start (epoch ms), Halo requests, Hudu requests], oldest first. */
  buckets: z.array(z.tuple([z.number(), z.number(), z.number()])).catch([]),
  /** When the plan's input was read (ISO). */
  planReadAt: z.string().nullable().catch(null),
  /** The planner's warnings (records skipped while reading, layout problems). */
  warnings: z.array(z.string()).catch([]),
  /** When the run was resumed after a pause or a restart (ISO), oldest first. */
  resumedAt: z.array(z.string()).catch([]),
  /** What became of Hudu's own Halo matchers at the end (when that option is on), in plain words. */
  matchers: z.string().nullable().catch(null),
  /**
   * Every item of the plan is saved (the contacts and contracts are saved in slices after the
   * companies and sites: a run resumed before this is true plans them again and adds what is missing).
   */
  planSaved: z.boolean().catch(false),
});
export type ImportProgress = z.infer<typeof importProgressSchema>;

export function initialImportProgress(): ImportProgress {
  return {
    phase: "starting",
    activity: null,
    wait: null,
    limits: { halo: null, hudu: null },
    requests: { halo: 0, hudu: 0 },
    buckets: [],
    planReadAt: null,
    warnings: [],
    resumedAt: [],
    matchers: null,
    planSaved: false,
  };
}

export function parseImportProgress(json: unknown): ImportProgress {
  const parsed = importProgressSchema.safeParse(json ?? {});
  return parsed.success ? parsed.data : initialImportProgress();
}

/** Counts one request in the buckets (a new array; the oldest bucket falls off). */
export function countRequest(buckets: ImportProgress["buckets"], service: "halo" | "hudu", at: number): ImportProgress["buckets"] {
  const start = Math.floor(at / RATE_BUCKET_MS) * RATE_BUCKET_MS;
  const last = buckets.at(-1);
  const next = last && last[0] === start ? buckets.slice(0, -1) : buckets.slice(-(RATE_BUCKETS - 1));
  const bucket: [number, number, number] = last && last[0] === start ? [last[0], last[1], last[2]] : [start, 0, 0];
  if (service === "halo") bucket[1]++;
  else bucket[2]++;
  return [...next, bucket];
}

/** Requests per minute a limit allows (300 per 5 minutes → 60). */
export function perMinute(limit: { limit: number; windowMs: number } | null): number | null {
  return limit ? (limit.limit * 60_000) / limit.windowMs : null;
}

/**
 * Requests per minute over time for one service, as the chart shows it: per period of a minute
 * (or of the limit's window when that is longer), aligned to the clock. Hudu counts in fixed
 * windows aligned to the clock, so a period never holds more than the limit allows; a trailing
 * sixty-second sum would straddle two windows and seem to break the limit when it does not.
 * The current period counts what it has so far (not extrapolated).
 */
export function ratePoints(
  buckets: ImportProgress["buckets"],
  service: "halo" | "hudu",
  limit: { limit: number; windowMs: number } | null,
): Array<{ at: number; perMinute: number }> {
  if (buckets.length === 0) return [];
  const periodMs = Math.ceil(Math.max(60_000, limit?.windowMs ?? 0) / RATE_BUCKET_MS) * RATE_BUCKET_MS;
  const index = service === "halo" ? 1 : 2;
  const totals = new Map<number, number>();
  for (const bucket of buckets) {
    const period = Math.floor(bucket[0] / periodMs) * periodMs;
    totals.set(period, (totals.get(period) ?? 0) + bucket[index]);
  }
  const first = Math.min(...totals.keys());
  const last = Math.max(...totals.keys());
  const points: Array<{ at: number; perMinute: number }> = [];
  for (let at = first; at <= last; at += periodMs) points.push({ at, perMinute: Math.round(((totals.get(at) ?? 0) * 60_000) / periodMs) });
  return points;
}

/** The rate to show as "now": the last complete period, or the one under way when there is no other. */
export function currentPerMinute(points: Array<{ at: number; perMinute: number }>): number {
  return points.length >= 2 ? points[points.length - 2].perMinute : (points[0]?.perMinute ?? 0);
}
