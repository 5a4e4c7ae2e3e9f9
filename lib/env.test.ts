import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env";

const base = { NEXTAUTH_SECRET: "x".repeat(32), SETTINGS_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString("base64") };

function problems(source: Record<string, string>): string[] {
  try {
    parseEnv({ ...base, ...source });
    return [];
  } catch (err) {
    if (err instanceof EnvError) return err.problems;
    throw err;
  }
}

describe("parseEnv", () => {
  it("names a missing or malformed variable", () => {
    expect(() => parseEnv({})).toThrow(/NEXTAUTH_SECRET is missing/);
    expect(problems({ SETTINGS_ENCRYPTION_KEY: "short" })[0]).toMatch(/^SETTINGS_ENCRYPTION_KEY must be 32 random bytes/);
    expect(problems({ ADMIN_EMAIL: "admin@example.com" })[0]).toMatch(/ADMIN_EMAIL and ADMIN_PASSWORD must be set together/);
  });

  it("reads rate limits as people write them", () => {
    expect(parseEnv({ ...base, HALO_RATE_LIMIT: "300/5m" }).HALO_RATE_LIMIT).toEqual({ limit: 300, windowMs: 300_000 });
    expect(parseEnv({ ...base, HUDU_RATE_LIMIT: "300 per 60s" }).HUDU_RATE_LIMIT).toEqual({ limit: 300, windowMs: 60_000 });
    expect(parseEnv({ ...base, HUDU_RATE_LIMIT: "300/3000ms" }).HUDU_RATE_LIMIT).toEqual({ limit: 300, windowMs: 3000 });
    expect(parseEnv({ ...base, HALO_RATE_LIMIT: "500/180" }).HALO_RATE_LIMIT).toEqual({ limit: 500, windowMs: 180_000 });
    expect(parseEnv({ ...base, HALO_RATE_LIMIT: "" }).HALO_RATE_LIMIT).toBeUndefined();
    expect(problems({ HALO_RATE_LIMIT: "fast" })).toEqual(["HALO_RATE_LIMIT must look like 300/5m: requests per window (window in ms, s or m)"]);
    expect(problems({ HUDU_RATE_LIMIT: "0/1m" })[0]).toMatch(/^HUDU_RATE_LIMIT must look like/);
  });
});

describe("TRUST_PROXY", () => {
  it("is the number of proxies in front: none unless set", () => {
    expect(parseEnv(base).TRUST_PROXY).toBe(0);
    expect(parseEnv({ ...base, TRUST_PROXY: "" }).TRUST_PROXY).toBe(0);
    expect(parseEnv({ ...base, TRUST_PROXY: "false" }).TRUST_PROXY).toBe(0);
    expect(parseEnv({ ...base, TRUST_PROXY: "TRUE" }).TRUST_PROXY).toBe(1);
    expect(parseEnv({ ...base, TRUST_PROXY: "2" }).TRUST_PROXY).toBe(2);
    expect(problems({ TRUST_PROXY: "yes please" })).toEqual(["TRUST_PROXY must be true, false or the number of proxies in front of the dashboard"]);
  });
});
