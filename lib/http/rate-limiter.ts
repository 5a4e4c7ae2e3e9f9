import { z } from "zod";
import { sleep } from "./sleep";

/**
 * Client-side pacing that keeps us under a service's rate limit without idling.
 *
 * Two shapes, because the two services count differently:
 * - rolling (Halo): at most `limit` requests in any `windowMs` span. A slot frees when the
 *   oldest request in the span ages out, so we send as soon as that happens and never earlier.
 * - fixed (Hudu): at most `limit` requests per window aligned to the wall clock. Once the window's
 *   budget is spent we wait for the next boundary. The server's own window may be longer than the
 *   pace (Hudu paces at 300 a minute but counts in 5-minute windows resetting on :00, :05, …, as
 *   Rack::Attack does): after a 429 we wait for the next boundary of the server's window.
 *
 * We wrote this instead of using p-throttle because a 429 must feed back into the same state
 * (hold every caller until the server's window has rolled) and p-throttle exposes no such hook.
 */

export const rateLimitSchema = z.object({
  limit: z.number().int().positive(),
  windowMs: z.number().int().positive(),
  /**
   * Extra wait added after a window boundary or slot expiry, because our clock and the
   * server's are not the same clock. Defaults to min(1000 ms, 5 % of the window).
   */
  marginMs: z.number().int().nonnegative().optional(),
  /**
   * Fixed windows only: the server's own window, aligned to the clock. After a 429 that names
   * no wait we hold until its next boundary. Defaults to windowMs (the pace is the server's window).
   */
  resetWindowMs: z.number().int().positive().optional(),
});
export type RateLimitConfig = z.infer<typeof rateLimitSchema>;

/** Hosted Halo: 300 requests per rolling 5-minute window. */
export const HALO_DEFAULT_RATE_LIMIT: RateLimitConfig = { limit: 300, windowMs: 5 * 60_000 };
/**
 * Hudu documents 300 requests per minute, and counts them in a fixed 5-minute window aligned to
 * the clock (Rack::Attack; HuduAPI sleeps to the next :00, :05, … after a 429): pace at the
 * documented rate, and after a 429 wait for the 5-minute boundary.
 */
export const HUDU_DEFAULT_RATE_LIMIT: RateLimitConfig = { limit: 300, windowMs: 60_000, resetWindowMs: 5 * 60_000 };

export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = { now: () => Date.now(), sleep };

export interface AcquireOptions {
  signal?: AbortSignal;
  /** Called before each wait longer than zero, with the wait in ms and why. */
  onWait?: (waitMs: number, reason: "pacing" | "rate_limited") => void;
}

/** A counted request. */
export interface RateSlot {
  /**
   * Call when the answer has arrived. The server stamped the request somewhere between our send
   * and this moment; a rolling window then counts it from now, so latency never lets us believe
   * a slot is free before the server does.
   */
  settle(): void;
}

export interface RateLimiter {
  readonly kind: "rolling" | "fixed";
  readonly config: Readonly<Required<RateLimitConfig>>;
  /** Waits until a request may be sent, then counts it as sent. Callers are served in order. */
  acquire(options?: AcquireOptions): Promise<RateSlot>;
  /**
   * After a 429 that named no wait: how long until the server's window has most likely rolled
   * far enough to accept one more request (windowResetsAt plus the margin).
   */
  msUntilWindowFrees(): number;
  /** After a 429 that named no wait: the epoch time the server's window most likely resets at. */
  windowResetsAt(): number;
  /**
   * Holds every caller until the epoch time `at` (after a 429). `serverResumesAt` is when the
   * server said (or its window says) it takes requests again, without our margin; for messages.
   */
  blockUntil(at: number, serverResumesAt?: number): void;
  /** While a block holds: when the server takes requests again (as given to blockUntil); else undefined. */
  blockedUntil(): number | undefined;
  /** Requests counted in the current window (for progress displays and tests). */
  inWindow(): number;
}

function withDefaults(config: RateLimitConfig): Required<RateLimitConfig> {
  const parsed = rateLimitSchema.parse(config);
  return {
    ...parsed,
    marginMs: parsed.marginMs ?? Math.min(1000, Math.round(parsed.windowMs * 0.05)),
    resetWindowMs: parsed.resetWindowMs ?? parsed.windowMs,
  };
}

abstract class BaseLimiter implements RateLimiter {
  abstract readonly kind: "rolling" | "fixed";
  readonly config: Required<RateLimitConfig>;
  protected blockEnd = 0;
  private serverResumesAt = 0;
  /** A promise chain that serialises acquirers so they are served first come, first served. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    config: RateLimitConfig,
    protected readonly clock: Clock = systemClock,
  ) {
    this.config = withDefaults(config);
  }

  /** ms to wait before a slot is free now, or 0 if one is (ignoring blocks). */
  protected abstract waitForSlot(now: number): number;
  protected abstract take(now: number): RateSlot;
  abstract windowResetsAt(): number;
  abstract inWindow(): number;

  msUntilWindowFrees(): number {
    return Math.max(0, this.windowResetsAt() - this.clock.now()) + this.config.marginMs;
  }

  blockUntil(at: number, serverResumesAt: number = at): void {
    if (at < this.blockEnd) return;
    this.blockEnd = at;
    this.serverResumesAt = Math.min(at, serverResumesAt);
  }

  blockedUntil(): number | undefined {
    return this.blockEnd > this.clock.now() ? this.serverResumesAt : undefined;
  }

  acquire(options: AcquireOptions = {}): Promise<RateSlot> {
    const turn = this.queue.then(() => this.acquireNow(options));
    // A caller that aborts must not wedge the callers behind it.
    this.queue = turn.then(
      () => undefined,
      () => undefined,
    );
    return turn;
  }

  private async acquireNow({ signal, onWait }: AcquireOptions): Promise<RateSlot> {
    for (;;) {
      signal?.throwIfAborted();
      const now = this.clock.now();
      if (this.blockEnd > now) {
        const waitMs = this.blockEnd - now;
        onWait?.(waitMs, "rate_limited");
        await this.clock.sleep(waitMs, signal);
        continue;
      }
      const waitMs = this.waitForSlot(now);
      if (waitMs <= 0) return this.take(now);
      onWait?.(waitMs, "pacing");
      await this.clock.sleep(waitMs, signal);
    }
  }
}

export class RollingWindowLimiter extends BaseLimiter {
  readonly kind = "rolling" as const;
  /** Requests still inside the window; `at` moves from send time to answer time on settle. */
  private sent: Array<{ at: number }> = [];

  /** Drops expired entries and returns the remaining send times, oldest first. */
  private live(now: number): number[] {
    const cutoff = now - this.config.windowMs;
    this.sent = this.sent.filter((e) => e.at > cutoff);
    return this.sent.map((e) => e.at).sort((a, b) => a - b);
  }

  protected waitForSlot(now: number): number {
    const times = this.live(now);
    if (times.length < this.config.limit) return 0;
    // The slot frees when the request `limit` places back ages out.
    const oldest = times[times.length - this.config.limit];
    return oldest + this.config.windowMs - now + this.config.marginMs;
  }

  protected take(now: number): RateSlot {
    const entry = { at: now };
    this.sent.push(entry);
    return {
      settle: () => {
        entry.at = Math.max(entry.at, this.clock.now());
      },
    };
  }

  windowResetsAt(): number {
    const now = this.clock.now();
    const times = this.live(now);
    // The server counted something we did not (another integration on the same key, requests
    // made before a restart, or its stamps are later than ours). The earliest it can accept
    // again is when our oldest request in the window ages out; with nothing recorded, a window.
    const oldest = times[0];
    return oldest === undefined ? now + this.config.windowMs : oldest + this.config.windowMs;
  }

  inWindow(): number {
    return this.live(this.clock.now()).length;
  }
}

export class FixedWindowLimiter extends BaseLimiter {
  readonly kind = "fixed" as const;
  private windowStart = -1;
  private count = 0;

  private roll(now: number): void {
    // Aligned to the epoch, so a 5-minute window starts on :00, :05, … of the wall clock.
    const start = Math.floor(now / this.config.windowMs) * this.config.windowMs;
    if (start !== this.windowStart) {
      this.windowStart = start;
      this.count = 0;
    }
  }

  protected waitForSlot(now: number): number {
    this.roll(now);
    const toBoundary = this.windowStart + this.config.windowMs - now;
    // The server stamps a request when it arrives: one sent in a window's last moments may count
    // in the next window, which our count would then overfill. Those moments stay quiet.
    if (this.count < this.config.limit && toBoundary >= this.config.marginMs) return 0;
    return toBoundary + this.config.marginMs;
  }

  protected take(now: number): RateSlot {
    this.roll(now);
    this.count++;
    // A fixed window counts the request in the window it was sent in; nothing to adjust.
    return { settle: () => undefined };
  }

  /** The next boundary of the server's window (resetWindowMs), aligned to the epoch like the pace. */
  windowResetsAt(): number {
    const { resetWindowMs } = this.config;
    return (Math.floor(this.clock.now() / resetWindowMs) + 1) * resetWindowMs;
  }

  inWindow(): number {
    this.roll(this.clock.now());
    return this.count;
  }
}

export function createRateLimiter(
  kind: "rolling" | "fixed",
  config: RateLimitConfig,
  clock: Clock = systemClock,
): RateLimiter {
  return kind === "rolling" ? new RollingWindowLimiter(config, clock) : new FixedWindowLimiter(config, clock);
}
