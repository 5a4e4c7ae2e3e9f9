import { describe, expect, it } from "vitest";
import { envSchema } from "@/lib/env";
import { FixedWindowLimiter, type Clock } from "@/lib/http/rate-limiter";
import { huduConfigSchema } from "./config";

function fakeClock(start: number): Clock {
  let now = start;
  return {
    now: () => now,
    sleep: async (ms) => {
      now += ms;
    },
  };
}

const limiterFor = (rateLimit: unknown, clock: Clock) =>
  new FixedWindowLimiter(huduConfigSchema.parse({ baseUrl: "https://acme.huducloud.com", apiKey: "k", rateLimit }).rateLimit, clock);

describe("Hudu rate limit settings", () => {
  it("by default paces 300 a minute and, after a 429, waits for the clock's next 5-minute mark", async () => {
    const clock = fakeClock(Date.parse("2026-09-14T14:02:10Z"));
    const limiter = limiterFor(undefined, clock);
    expect(limiter.config).toMatchObject({ limit: 300, windowMs: 60_000, resetWindowMs: 300_000 });
    expect(new Date(limiter.windowResetsAt()).toISOString()).toBe("2026-09-14T14:05:00.000Z");
  });

  it("HUDU_RATE_LIMIT=120/30s paces 120 per 30 s and waits for the next 30-second mark", async () => {
    const clock = fakeClock(Date.parse("2026-09-14T14:02:10Z"));
    const limiter = limiterFor(envSchema.shape.HUDU_RATE_LIMIT.parse("120/30s"), clock);
    for (let i = 0; i < 121; i++) await limiter.acquire();
    // 120 fit in 14:02:00–14:02:30; the 121st goes at the next mark (plus a 1 s margin).
    expect(new Date(clock.now()).toISOString()).toBe("2026-09-14T14:02:31.000Z");
    expect(new Date(limiter.windowResetsAt()).toISOString()).toBe("2026-09-14T14:03:00.000Z");
  });
});
