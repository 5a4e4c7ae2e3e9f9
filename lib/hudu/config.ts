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
   * Hudu documents 300 a minute; instances have been seen counting in fixed, wall-clock
   * aligned windows (5 minutes). Set windowMs to match the instance.
   */
  rateLimit: rateLimitSchema.default(HUDU_DEFAULT_RATE_LIMIT),
  timeoutMs: z.number().int().positive().default(30_000),
});

export type HuduConfigInput = z.input<typeof huduConfigSchema>;
export type HuduConfig = z.output<typeof huduConfigSchema>;
