import { z } from "zod";
import { HUDU_DEFAULT_RATE_LIMIT, rateLimitSchema } from "@/lib/http/rate-limiter";

/**
 * What a Hudu client needs. `baseUrl` is the instance's address without `/api/v1`
 * (lib/connections normalises what users type); the client adds `/api/v1` itself.
 */
export const huduConfigSchema = z.object({
  baseUrl: z
    .url({ protocol: /^https?$/ })
    .transform((u) => u.replace(/\/+$/, "").replace(/\/api\/v1$/i, "")),
  apiKey: z.string().trim().min(1, "the API key is empty"),
  /**
   * Pacing and the wait after a 429: by default 300 a minute, and after a 429 the next 5-minute
   * mark of the clock (Hudu counts in fixed 5-minute windows). HUDU_RATE_LIMIT=120/30s replaces
   * both: 120 per 30 s, and after a 429 the next 30-second mark.
   */
  rateLimit: rateLimitSchema.default(HUDU_DEFAULT_RATE_LIMIT),
  timeoutMs: z.number().int().positive().default(30_000),
});

export type HuduConfigInput = z.input<typeof huduConfigSchema>;
export type HuduConfig = z.output<typeof huduConfigSchema>;
