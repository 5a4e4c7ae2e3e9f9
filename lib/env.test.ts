import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { EnvError, envSchema, parseEnv } from "./env";

const base = { NEXTAUTH_SECRET: randomBytes(32).toString("base64"), SETTINGS_ENCRYPTION_KEY: randomBytes(32).toString("base64") };

function problems(source: Record<string, string>): string[] {
  try {
    parseEnv({ ...base, ...source });
    return [];
  } catch (err) {
    if (err instanceof EnvError) return err.problems;
    throw err;
  }
}

/** .env.example as Next.js reads a copy of it: NAME=value lines, comments and blanks ignored. */
function readEnvExample(): Record<string, string> {
  const text = readFileSync(new URL("../.env.example", import.meta.url), "utf8");
  const entries = text
    .split("\n")
    .map((line) => line.match(/^([A-Z][A-Z0-9_]*)=(.*)$/))
    .filter((m) => m !== null)
    .map((m) => [m[1], m[2]] as const);
  return Object.fromEntries(entries);
}

describe("parseEnv", () => {
  it("names a missing or malformed variable", () => {
    expect(() => parseEnv({})).toThrow(/NEXTAUTH_SECRET is missing: make a real one with: openssl rand -base64 32/);
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

  it("takes an empty value of every variable as unset", () => {
    const unset = parseEnv(base);
    for (const name of Object.keys(envSchema.shape)) {
      if (name in base) {
        expect(problems({ [name]: "" }), name).toEqual([`${name} is missing: make a real one with: openssl rand -base64 32`]);
      } else {
        expect(parseEnv({ ...base, [name]: "" }), name).toEqual(unset);
        expect(parseEnv({ ...base, [name]: "  " }), name).toEqual(unset);
      }
    }
  });

  it("refuses secrets that are not random, naming each with the command that makes one", () => {
    const refused = (source: Record<string, string>) => problems(source).join("\n");
    expect(refused({ NEXTAUTH_SECRET: "x".repeat(44) })).toMatch(/^NEXTAUTH_SECRET is not random.*openssl rand -base64 32$/);
    expect(refused({ NEXTAUTH_SECRET: "e2e-only-secret-e2e-only-secret-e2e-only-secret" })).toMatch(/^NEXTAUTH_SECRET is not random \(a repeated pattern\)/);
    expect(refused({ SETTINGS_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString("base64") })).toMatch(/^SETTINGS_ENCRYPTION_KEY is not random.*openssl rand -base64 32$/);
    expect(refused({ SETTINGS_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64") })).toMatch(/^SETTINGS_ENCRYPTION_KEY is not random/);
    // What the command makes passes, in base64 or hex.
    expect(problems({ NEXTAUTH_SECRET: randomBytes(32).toString("hex") })).toEqual([]);
    expect(problems(base)).toEqual([]);
  });
});

describe(".env.example copied to .env", () => {
  const example = readEnvExample();

  it("lists every variable the dashboard reads", () => {
    const listed = Object.keys(example);
    for (const name of Object.keys(envSchema.shape).filter((n) => n !== "NODE_ENV")) expect(listed, name).toContain(name);
  });

  it("stops start-up only for its example secrets, naming each with the command that makes a real one", () => {
    expect(() => parseEnv(example)).toThrow(EnvError);
    expect(problems(example)).toEqual([
      "NEXTAUTH_SECRET is the example value from .env.example: make a real one with: openssl rand -base64 32",
      "SETTINGS_ENCRYPTION_KEY is the example value from .env.example: make a real one with: openssl rand -base64 32",
    ]);
  });

  it("starts once the two secrets are real: its empty values are unset", () => {
    const parsed = parseEnv({ ...example, ...base });
    expect(parsed).toMatchObject({ ADMIN_EMAIL: undefined, ADMIN_PASSWORD: undefined, HALO_CLIENT_SECRET: undefined, HUDU_RATE_LIMIT: undefined, SIMULATOR_MODE: false });
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
