import { describe, expect, it } from "vitest";
import { FixedWindowLimiter, HUDU_DEFAULT_RATE_LIMIT, RollingWindowLimiter, type Clock } from "./rate-limiter";
import { parseRetryAfter } from "./retry-after";

/** A clock whose sleeps advance time instantly, so window arithmetic can be checked exactly. */
function fakeClock(start = 1_000_000): Clock & { waits: number[] } {
  let now = start;
  const waits: number[] = [];
  return {
    waits,
    now: () => now,
    sleep: async (ms) => {
      waits.push(ms);
      now += ms;
    },
  };
}

describe("RollingWindowLimiter", () => {
  it("sends up to the limit at once, then waits exactly until the oldest request ages out", async () => {
    const clock = fakeClock();
    const limiter = new RollingWindowLimiter({ limit: 3, windowMs: 1000, marginMs: 0 }, clock);
    const sentAt: number[] = [];
    for (let i = 0; i < 7; i++) {
      await limiter.acquire();
      sentAt.push(clock.now() - 1_000_000);
    }
    expect(sentAt).toEqual([0, 0, 0, 1000, 1000, 1000, 2000]);
  });

  it("never has more than `limit` requests in any window span", async () => {
    const clock = fakeClock();
    const limiter = new RollingWindowLimiter({ limit: 5, windowMs: 1000, marginMs: 0 }, clock);
    const sentAt: number[] = [];
    for (let i = 0; i < 40; i++) {
      if (i % 7 === 0) await clock.sleep(130);
      await limiter.acquire();
      sentAt.push(clock.now());
    }
    for (const t of sentAt) {
      expect(sentAt.filter((s) => s > t - 1000 && s <= t).length).toBeLessThanOrEqual(5);
    }
  });

  it("reports pacing waits and, after a 429, holds every caller until the oldest request expires", async () => {
    const clock = fakeClock();
    const limiter = new RollingWindowLimiter({ limit: 10, windowMs: 1000, marginMs: 0 }, clock);
    await limiter.acquire();
    await clock.sleep(300);
    await limiter.acquire();
    // Server says 429 although we count only 2: wait until the first (t=0) ages out at t=1000.
    expect(limiter.msUntilWindowFrees()).toBe(700);
    limiter.blockUntil(clock.now() + limiter.msUntilWindowFrees());
    const reasons: string[] = [];
    await limiter.acquire({ onWait: (_ms, reason) => reasons.push(reason) });
    expect(clock.now() - 1_000_000).toBe(1000);
    expect(reasons).toEqual(["rate_limited"]);
  });

  it("serves concurrent callers in order and lets an aborted caller leave the queue", async () => {
    const limiter = new RollingWindowLimiter({ limit: 1, windowMs: 50, marginMs: 0 });
    const order: number[] = [];
    const controller = new AbortController();
    await limiter.acquire();
    const a = limiter.acquire({ signal: controller.signal }).then(() => order.push(1));
    const b = limiter.acquire().then(() => order.push(2));
    controller.abort(new Error("stop"));
    await expect(a).rejects.toThrow("stop");
    await b;
    expect(order).toEqual([2]);
  });
});

describe("FixedWindowLimiter", () => {
  it("spends the window's budget then waits for the next wall-clock boundary", async () => {
    const clock = fakeClock(60_000 * 10 + 45_000); // 45 s into a minute
    const limiter = new FixedWindowLimiter({ limit: 2, windowMs: 60_000, marginMs: 0 }, clock);
    await limiter.acquire();
    await limiter.acquire();
    expect(limiter.inWindow()).toBe(2);
    await limiter.acquire();
    expect(clock.waits).toEqual([15_000]);
    expect(clock.now() % 60_000).toBe(0);
    expect(limiter.inWindow()).toBe(1);
  });

  it("sends nothing in a window's last margin (the server may count it in the next window)", async () => {
    const clock = fakeClock(60_000 * 10 + 59_500); // half a second before the minute
    const limiter = new FixedWindowLimiter({ limit: 10, windowMs: 60_000, marginMs: 1000 }, clock);
    await limiter.acquire();
    expect(clock.waits).toEqual([1500]);
    expect(clock.now() % 60_000).toBe(1000);
    expect(limiter.inWindow()).toBe(1);
  });

  it("after a 429 waits until the next boundary plus the margin", () => {
    const clock = fakeClock(300_000 * 4 + 120_000); // 2 min into a 5-min window
    const limiter = new FixedWindowLimiter({ limit: 300, windowMs: 300_000 }, clock);
    expect(limiter.config.marginMs).toBe(1000);
    expect(limiter.msUntilWindowFrees()).toBe(180_000 + 1000);
  });

  it("Hudu's default paces at 300 a minute but after a 429 waits for the clock's next 5-minute mark", async () => {
    const at = Date.parse("2026-09-14T14:02:10Z");
    const clock = fakeClock(at);
    const limiter = new FixedWindowLimiter(HUDU_DEFAULT_RATE_LIMIT, clock);
    for (let i = 0; i < 300; i++) await limiter.acquire();
    expect(clock.waits).toEqual([]);
    await limiter.acquire(); // the 301st waits for the next minute, not for 14:05
    expect(new Date(clock.now()).toISOString()).toBe("2026-09-14T14:03:01.000Z");
    expect(new Date(limiter.windowResetsAt()).toISOString()).toBe("2026-09-14T14:05:00.000Z");
    expect(limiter.msUntilWindowFrees()).toBe(Date.parse("2026-09-14T14:05:01Z") - clock.now());
  });

  it("blocks every caller after a 429 and says until when", async () => {
    const clock = fakeClock(Date.parse("2026-09-14T14:02:10Z"));
    const limiter = new FixedWindowLimiter(HUDU_DEFAULT_RATE_LIMIT, clock);
    expect(limiter.blockedUntil()).toBeUndefined();
    limiter.blockUntil(clock.now() + limiter.msUntilWindowFrees(), limiter.windowResetsAt());
    // Says when the server resets (14:05), while holding callers a margin longer.
    expect(new Date(limiter.blockedUntil()!).toISOString()).toBe("2026-09-14T14:05:00.000Z");
    await limiter.acquire();
    expect(new Date(clock.now()).toISOString()).toBe("2026-09-14T14:05:01.000Z");
    expect(limiter.blockedUntil()).toBeUndefined();
  });

});

describe("parseRetryAfter", () => {
  it("reads seconds and HTTP dates", () => {
    expect(parseRetryAfter("42")).toBe(42_000);
    expect(parseRetryAfter("1.5")).toBe(1500);
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter("Wed, 31 Dec 2025 23:00:00 GMT", now)).toBe(0);
  });
  it("ignores absent or unreadable values", () => {
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter("")).toBeUndefined();
    expect(parseRetryAfter("soon")).toBeUndefined();
  });
});
