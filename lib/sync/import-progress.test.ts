import { describe, expect, it } from "vitest";
import { formatDuration, estimateTimeLeft } from "./import-view";
import { countRequest, currentPerMinute, perMinute, RATE_BUCKET_MS, RATE_BUCKETS, ratePoints } from "./import-progress";
import { haloRecordUrl, haloWebBase, huduCompanyUrl } from "./record-links";

describe("request buckets", () => {
  it("counts requests per service in ten-second buckets, keeping the newest ones only", () => {
    const t0 = 1_800_000_000_000;
    let buckets = countRequest([], "hudu", t0);
    buckets = countRequest(buckets, "hudu", t0 + 1);
    buckets = countRequest(buckets, "halo", t0 + 2);
    expect(buckets).toEqual([[t0, 1, 2]]);
    buckets = countRequest(buckets, "hudu", t0 + RATE_BUCKET_MS);
    expect(buckets).toEqual([
      [t0, 1, 2],
      [t0 + RATE_BUCKET_MS, 0, 1],
    ]);
    for (let i = 0; i < RATE_BUCKETS + 10; i++) buckets = countRequest(buckets, "halo", t0 + i * RATE_BUCKET_MS);
    expect(buckets).toHaveLength(RATE_BUCKETS);
    expect(buckets.at(-1)![0]).toBe(t0 + (RATE_BUCKETS + 9) * RATE_BUCKET_MS);
  });

  it("charts requests per clock-aligned minute (or per limit window when longer), so a fixed window's bursts never seem to break the limit", () => {
    const t0 = 1_800_000_000_000 - (1_800_000_000_000 % 300_000);
    // Hudu at 300 a minute: 300 at the end of one minute and 300 at the start of the next.
    const buckets: Array<[number, number, number]> = [
      [t0 + 50_000, 0, 300],
      [t0 + 60_000, 0, 300],
      [t0 + 120_000, 10, 0],
    ];
    const hudu = ratePoints(buckets, "hudu", { limit: 300, windowMs: 60_000 });
    expect(hudu).toEqual([
      { at: t0, perMinute: 300 },
      { at: t0 + 60_000, perMinute: 300 },
      { at: t0 + 120_000, perMinute: 0 },
    ]);
    expect(currentPerMinute(hudu)).toBe(300);
    // Halo's 300 per 5 minutes: one five-minute period, shown as its per-minute average.
    expect(ratePoints(buckets, "halo", { limit: 300, windowMs: 300_000 })).toEqual([{ at: t0, perMinute: 2 }]);
    expect(currentPerMinute([{ at: t0, perMinute: 7 }])).toBe(7);
  });

  it("turns a limit into requests per minute", () => {
    expect(perMinute({ limit: 300, windowMs: 300_000 })).toBe(60);
    expect(perMinute({ limit: 300, windowMs: 60_000 })).toBe(300);
    expect(perMinute(null)).toBeNull();
  });
});

describe("time left", () => {
  const hudu = { limit: 300, windowMs: 60_000 };
  it("is the remaining requests at the rate achieved, never faster than the limit", () => {
    expect(estimateTimeLeft({ remaining: 600, observedPerMinute: 0, limit: hudu })).toBe(120_000);
    expect(estimateTimeLeft({ remaining: 600, observedPerMinute: 1000, limit: hudu })).toBe(120_000);
    expect(estimateTimeLeft({ remaining: 600, observedPerMinute: 100, limit: hudu })).toBe(360_000);
    expect(estimateTimeLeft({ remaining: 0, observedPerMinute: 0, limit: hudu })).toBe(0);
    expect(estimateTimeLeft({ remaining: 10, observedPerMinute: 0, limit: null })).toBeNull();
  });

  it("reads as people say it", () => {
    expect(formatDuration(45_000)).toBe("45 s");
    expect(formatDuration(725_000)).toBe("12 min 5 s");
    expect(formatDuration(7_380_000)).toBe("2 h 3 min");
  });
});

describe("links to the records", () => {
  it("points at Halo's web app beside its API, and at the Hudu company's own page", () => {
    const base = haloWebBase("https://acme.halopsa.com/api/");
    expect(base).toBe("https://acme.halopsa.com");
    expect(haloRecordUrl(base, { type: "contact", haloId: 56, haloClientId: 12 })).toBe("https://acme.halopsa.com/customers?clientid=12&userid=56");
    expect(haloRecordUrl(base, { type: "company", haloId: 12, haloClientId: null })).toBe("https://acme.halopsa.com/customers?clientid=12");
    expect(haloRecordUrl(base, { type: "contract", haloId: 7, haloClientId: 12 })).toBe("https://acme.halopsa.com/contracts?contractid=7");
    expect(huduCompanyUrl("https://docs.acme.com/", { id: 3, url: "/c/acme-ltd" })).toBe("https://docs.acme.com/c/acme-ltd");
    expect(huduCompanyUrl("https://docs.acme.com", { id: 3, url: "https://docs.acme.com/c/x" })).toBe("https://docs.acme.com/c/x");
  });
});
