import { z } from "zod";
import { HALO_DEFAULT_RATE_LIMIT, rateLimitSchema } from "@/lib/http/rate-limiter";

/**
 * What a Halo client needs. URLs are expected already normalised (lib/connections does that when
 * settings are saved); they are still trimmed of closing slashes here because a `//` path breaks.
 */
export const haloConfigSchema = z.object({
  /** Authorisation server, e.g. https://acme.halopsa.com/auth */
  authUrl: z.url({ protocol: /^https?$/ }).transform((u) => u.replace(/\/+$/, "")),
  /** Resource server, e.g. https://acme.halopsa.com/api */
  resourceUrl: z.url({ protocol: /^https?$/ }).transform((u) => u.replace(/\/+$/, "")),
  /** Needed on hosted instances, optional on premises. */
  tenant: z
    .string()
    .trim()
    .optional()
    .transform((t) => (t ? t : undefined)),
  clientId: z.string().trim().min(1, "the client ID is empty"),
  clientSecret: z.string().trim().min(1, "the client secret is empty"),
  /** Space-separated scopes; "all" or narrower, e.g. "read:customers read:contracts". */
  scope: z.string().trim().min(1).default("all"),
  rateLimit: rateLimitSchema.default(HALO_DEFAULT_RATE_LIMIT),
  timeoutMs: z.number().int().positive().default(30_000),
});

export type HaloConfigInput = z.input<typeof haloConfigSchema>;
export type HaloConfig = z.output<typeof haloConfigSchema>;
