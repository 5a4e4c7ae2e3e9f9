import { createRateLimiter, type RateLimitConfig, type RateLimiter } from "./rate-limiter";

/**
 * One limiter per service instance for the whole process. The app makes short-lived clients
 * (a connection test, a preview, an import) and they all spend the same server-side budget,
 * so they must share one count. A changed limit replaces the limiter.
 */
const limiters = new Map<string, RateLimiter>();

export function sharedLimiter(key: string, kind: "rolling" | "fixed", config: RateLimitConfig): RateLimiter {
  const existing = limiters.get(key);
  if (
    existing &&
    existing.kind === kind &&
    existing.config.limit === config.limit &&
    existing.config.windowMs === config.windowMs &&
    existing.config.resetWindowMs === (config.resetWindowMs ?? config.windowMs) &&
    (config.marginMs === undefined || existing.config.marginMs === config.marginMs)
  ) {
    return existing;
  }
  const limiter = createRateLimiter(kind, config);
  limiters.set(key, limiter);
  return limiter;
}
