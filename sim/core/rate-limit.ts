import type { RateLimitConfig } from "../control";

/** Outcome of one request against a limiter. */
export type RateDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

export interface RateLimiter {
  hit(now?: number): RateDecision;
  configure(config: RateLimitConfig | false): void;
  config(): RateLimitConfig | false;
  reset(): void;
}

/**
 * Halo style: a rolling window. A request is allowed when fewer than `limit` allowed requests
 * happened in the last `windowMs`. Refused requests do not use up the budget (otherwise a client
 * that keeps retrying could never get back in).
 */
export function createRollingLimiter(initial: RateLimitConfig | false): RateLimiter {
  let current = initial;
  let stamps: number[] = [];
  return {
    hit(now = Date.now()) {
      if (!current) return { allowed: true };
      const since = now - current.windowMs;
      let drop = 0;
      while (drop < stamps.length && stamps[drop] <= since) drop++;
      if (drop) stamps = stamps.slice(drop);
      if (stamps.length >= current.limit) {
        return { allowed: false, retryAfterMs: Math.max(1, stamps[0] + current.windowMs - now) };
      }
      stamps.push(now);
      return { allowed: true };
    },
    configure(config) {
      current = config;
      stamps = [];
    },
    config: () => current,
    reset() {
      stamps = [];
    },
  };
}

/**
 * Hudu style: a fixed window aligned to the wall clock (a 60 s window resets at :00 of each
 * minute, a 5 min window at :00, :05, …), so the first window after start-up may be short.
 */
export function createFixedWindowLimiter(initial: RateLimitConfig | false): RateLimiter {
  let current = initial;
  let windowStart = -1;
  let used = 0;
  return {
    hit(now = Date.now()) {
      if (!current) return { allowed: true };
      const start = Math.floor(now / current.windowMs) * current.windowMs;
      if (start !== windowStart) {
        windowStart = start;
        used = 0;
      }
      if (used >= current.limit) return { allowed: false, retryAfterMs: Math.max(1, start + current.windowMs - now) };
      used++;
      return { allowed: true };
    },
    configure(config) {
      current = config;
      windowStart = -1;
      used = 0;
    },
    config: () => current,
    reset() {
      windowStart = -1;
      used = 0;
    },
  };
}

/** `scale` s keeps the limit and divides the window by s (s = 60 turns 5 minutes into 5 s). */
export function scaleRateLimit(rl: RateLimitConfig | false, scale: number | undefined): RateLimitConfig | false {
  if (!rl || !scale || scale === 1) return rl;
  if (!(scale > 0)) throw new Error(`rateLimitScale must be a positive number, got ${scale}`);
  return { limit: rl.limit, windowMs: Math.max(1, Math.round(rl.windowMs / scale)) };
}
