import { z } from "zod";

/**
 * Environment, parsed once with zod. Import `env()` instead of touching process.env, so a
 * missing or malformed variable stops start-up with a message that names it.
 * Parsed lazily (on first call) so `next build` does not need production secrets.
 */

/** How to make a real secret; every message about a secret says it. */
const MAKE_SECRET = "make a real one with: openssl rand -base64 32";

/**
 * The secrets .env.example has shipped with. A copied file must not start a dashboard whose
 * sessions anyone can forge and whose saved secrets anyone can decrypt.
 */
const EXAMPLE_SECRETS = new Set([
  "change-me-to-32-or-more-random-characters-please",
  "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
]);

/** The smallest n such that the text repeats itself every n characters ("abcabcab" → 3). */
function repeatPeriod(text: string): number {
  for (let n = 1; n < text.length; n++) {
    let repeats = true;
    for (let i = n; i < text.length && repeats; i++) repeats = text[i] === text[i - n];
    if (repeats) return n;
  }
  return text.length;
}

/** Why a secret is not random enough to keep, or undefined when it will do. */
function weakSecret(value: string, distinct: number): string | undefined {
  if (EXAMPLE_SECRETS.has(value)) return `is the example value from .env.example: ${MAKE_SECRET}`;
  // Random 32 bytes have about 30 different values; a typed or repeated pattern has few.
  if (distinct < 10) return `is not random (too few different characters): ${MAKE_SECRET}`;
  if (repeatPeriod(value) <= value.length / 2) return `is not random (a repeated pattern): ${MAKE_SECRET}`;
  return undefined;
}

const nextAuthSecret = z
  .string()
  .trim()
  .min(32, `must be at least 32 random characters: ${MAKE_SECRET}`)
  .superRefine((v, ctx) => {
    const weak = weakSecret(v, new Set(v).size);
    if (weak) ctx.addIssue({ code: "custom", message: weak });
  });

const base64Key = z
  .string()
  .trim()
  .superRefine((v, ctx) => {
    const bytes = Buffer.from(v, "base64");
    if (bytes.length !== 32) {
      ctx.addIssue({ code: "custom", message: `must be 32 random bytes in base64: ${MAKE_SECRET}` });
      return;
    }
    const weak = weakSecret(v, new Set(bytes).size);
    if (weak) ctx.addIssue({ code: "custom", message: weak });
  });

const optionalText = z.string().trim().optional();

/**
 * A rate limit as people write it: "300/5m" is 300 requests per 5 minutes (window in ms, s or m).
 * Unset means the published default.
 */
const rateLimit = z
  .string()
  .trim()
  .transform((v, ctx) => {
    const m = v.match(/^(\d+)\s*(?:\/|per)\s*(\d+(?:\.\d+)?)\s*(ms|s|m)?$/i);
    const limit = m ? Number(m[1]) : 0;
    const windowMs = m ? Math.round(Number(m[2]) * { ms: 1, s: 1000, m: 60_000 }[(m[3] ?? "s").toLowerCase() as "ms" | "s" | "m"]) : 0;
    if (limit < 1 || windowMs < 1) {
      ctx.addIssue({ code: "custom", message: "must look like 300/5m: requests per window (window in ms, s or m)" });
      return z.NEVER;
    }
    return { limit, windowMs };
  })
  .optional();

const envVariables = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_PATH: z.string().trim().min(1).default("./data/halo-hudu-sync.db"),
  NEXTAUTH_SECRET: nextAuthSecret,
  NEXTAUTH_URL: z.url({ message: "must be the dashboard's public URL, e.g. http://localhost:3000" }).optional(),
  SETTINGS_ENCRYPTION_KEY: base64Key,
  ADMIN_EMAIL: z.email({ message: "must be an e-mail address" }).optional(),
  ADMIN_PASSWORD: z.string().min(10, "must be at least 10 characters").optional(),
  /**
   * How many reverse proxies stand in front of the dashboard ("true" = 1; unset or "false" =
   * none). Only then are X-Forwarded-For (the sign-in throttle's address) and X-Forwarded-Proto
   * (https → Secure cookies) believed; without a proxy anyone can send them.
   */
  TRUST_PROXY: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^(true|false|\d{1,2})$/, "must be true, false or the number of proxies in front of the dashboard")
    .default("false")
    .transform((v) => (v === "true" ? 1 : v === "false" ? 0 : Number(v))),
  /** Set by `npm run demo`: the dashboard says it is talking to simulators. */
  SIMULATOR_MODE: z
    .enum(["true", "false", "1", "0"])
    .default("false")
    .transform((v) => v === "true" || v === "1"),
  HALO_AUTH_URL: optionalText,
  HALO_RESOURCE_URL: optionalText,
  HALO_TENANT: optionalText,
  HALO_CLIENT_ID: optionalText,
  HALO_CLIENT_SECRET: optionalText,
  HUDU_URL: optionalText,
  HUDU_API_KEY: optionalText,
  /** Pace requests to Halo at this limit instead of the published 300 per rolling 5 minutes. */
  HALO_RATE_LIMIT: rateLimit,
  /** Pace requests to Hudu at this limit instead of the published 300 per minute; after a 429, wait for that window's next clock mark (default: 5 minutes). */
  HUDU_RATE_LIMIT: rateLimit,
});

export const envSchema = envVariables.refine((e) => !e.ADMIN_EMAIL === !e.ADMIN_PASSWORD, {
  message: "ADMIN_EMAIL and ADMIN_PASSWORD must be set together (or neither)",
  path: ["ADMIN_PASSWORD"],
});

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join("\n")}\nSee .env.example.`);
    this.name = "EnvError";
  }
}

/** Variables whose "missing" message says how to make one. */
const SECRETS = new Set(["NEXTAUTH_SECRET", "SETTINGS_ENCRYPTION_KEY"]);

/**
 * An empty value means unset, as in the copied .env.example (`ADMIN_EMAIL=`): every variable
 * then gets its default, or "is missing" when it has none.
 */
function withoutEmptyValues(source: Record<string, string | undefined>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const name of Object.keys(envVariables.shape)) {
    const value = source[name];
    out[name] = value === undefined || value.trim() === "" ? undefined : value;
  }
  return out;
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const given = withoutEmptyValues(source);
  const result = envSchema.safeParse(given);
  if (!result.success) {
    throw new EnvError(
      result.error.issues.map((i) => {
        const name = i.path.join(".") || "environment";
        if (given[name] !== undefined || i.code !== "invalid_type") return `${name} ${i.message}`;
        return SECRETS.has(name) ? `${name} is missing: ${MAKE_SECRET}` : `${name} is missing`;
      }),
    );
  }
  return result.data;
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
