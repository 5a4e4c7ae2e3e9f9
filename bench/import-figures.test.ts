import { describe, expect, it } from "vitest";
import { HALO_DEFAULT_RATE_LIMIT, HUDU_DEFAULT_RATE_LIMIT } from "@/lib/http/rate-limiter";
import { fewestHaloRequests, fewestHuduReads, floorMs, huduSweepPages, huduWritesFor, scaleClientLimit } from "./import-figures";

describe("bench:import's yardstick", () => {
  it("scales every duration of a published limit by one factor, the limit kept", () => {
    expect(scaleClientLimit(HALO_DEFAULT_RATE_LIMIT, 25)).toEqual({ limit: 300, windowMs: 12_000, resetWindowMs: 12_000, marginMs: 40 });
    expect(scaleClientLimit(HUDU_DEFAULT_RATE_LIMIT, 25)).toEqual({ limit: 300, windowMs: 2_400, resetWindowMs: 12_000, marginMs: 40 });
  });

  it("floors: the first window's worth at once, each further one a window later, plus the last answer", () => {
    const limit = { limit: 300, windowMs: 12_000 };
    expect(floorMs(0, limit, 150)).toBe(0);
    expect(floorMs(300, limit, 150)).toBe(150);
    expect(floorMs(301, limit, 150)).toBe(12_150);
    expect(floorMs(769, limit, 150)).toBe(24_150);
  });

  it("counts a page per 100 Halo records and the page that ends each Hudu sweep", () => {
    expect(fewestHaloRequests({ clients: 5000, sites: 8007, users: 0, contracts: 6047 })).toEqual({ reads: 50 + 81 + 1 + 61, token: 1 });
    expect(huduSweepPages(0)).toBe(1);
    expect(huduSweepPages(999)).toBe(1);
    expect(huduSweepPages(1000)).toBe(2);
    expect(fewestHuduReads({ activeCompanies: 4500, archivedCompanies: 250, layouts: 7, assets: [{ active: 8000, archived: 0 }] })).toBe(5 + 1 + 1 + 9 + 1);
  });

  it("needs one Hudu write per create, update and asset archive, two to bring an archived asset back", () => {
    expect(huduWritesFor({ type: "contact", action: "create" })).toBe(1);
    expect(huduWritesFor({ type: "site", action: "update", write: { kind: "asset", layoutId: 1, name: "x", fields: {}, unarchive: true } })).toBe(2);
    expect(huduWritesFor({ type: "company", action: "archive" })).toBe(0);
    expect(huduWritesFor({ type: "contract", action: "archive" })).toBe(1);
    expect(huduWritesFor({ type: "contact", action: "unchanged" })).toBe(0);
  });
});
