import { z } from "zod";

/**
 * Environment, parsed once with zod. Import `env()` instead of touching process.env, so a
 * missing or malformed variable stops start-up with a message that names it.
 * Parsed lazily (on first call) so `next build` does not need production secrets.
 */
const base64Key = z
  .string()
  .trim()
  .refine((v) => Buffer.from(v, "base64").length === 32, {
    message: "must be 32 random bytes in base64 (generate one with: openssl rand -base64 32)",
  });

const optionalNonEmpty = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

/**
 * A rate limit as people write it: "300/5m" is 300 requests per 5 minutes (window in ms, s or m).
 * Empty means the published default.
 */
const rateLimit = z
  .string()
  .trim()
  .transform((v, ctx) => {
    if (v === "") return undefined;
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

export const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_PATH: z.string().trim().min(1).default("./data/halo-hudu-sync.db"),
    NEXTAUTH_SECRET: z.string().trim().min(32, "must be at least 32 characters (openssl rand -base64 32)"),
    NEXTAUTH_URL: z.url({ message: "must be the dashboard's public URL, e.g. http://localhost:3000" }).optional(),
    SETTINGS_ENCRYPTION_KEY: base64Key,
    ADMIN_EMAIL: z.email({ message: "must be an e-mail address" }).optional(),
    ADMIN_PASSWORD: z.string().min(10, "must be at least 10 characters").optional(),
    /**
     * How many reverse proxies stand in front of the dashboard ("true" = 1; empty or "false" =
     * none). Only then are X-Forwarded-For (the sign-in throttle's address) and
     * X-Forwarded-Proto (https → Secure cookies) believed; without a proxy anyone can send them.
     */
    TRUST_PROXY: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^(|true|false|\d{1,2})$/, "must be true, false or the number of proxies in front of the dashboard")
      .default("")
      .transform((v) => (v === "true" ? 1 : v === "false" || v === "" ? 0 : Number(v))),
    /** Set by `npm run demo`: the dashboard says it is talking to simulators. */
    SIMULATOR_MODE: z
      .enum(["true", "false", "1", "0", ""])
      .default("false")
      .transform((v) => v === "true" || v === "1"),
    HALO_AUTH_URL: optionalNonEmpty,
    HALO_RESOURCE_URL: optionalNonEmpty,
    HALO_TENANT: optionalNonEmpty,
    HALO_CLIENT_ID: optionalNonEmpty,
    HALO_CLIENT_SECRET: optionalNonEmpty,
    HUDU_URL: optionalNonEmpty,
    HUDU_API_KEY: optionalNonEmpty,
    /** Pace requests to Halo at this limit instead of the published 300 per rolling 5 minutes. */
    HALO_RATE_LIMIT: rateLimit,
    /** Pace requests to Hudu at this limit instead of the published 300 per minute. */
    HUDU_RATE_LIMIT: rateLimit,
  })
  .refine((e) => !e.ADMIN_EMAIL === !e.ADMIN_PASSWORD, {
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

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    throw new EnvError(
      result.error.issues.map((i) => {
        const name = i.path.join(".") || "environment";
        const given = source[name];
        return given === undefined && i.code === "invalid_type" ? `${name} is missing` : `${name} ${i.message}`;
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
