import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { getThrottle, saveThrottle } from "@/db/queries/sign-in-throttle";
import { createUser } from "@/db/queries/users";
import { memoryDbPerTest } from "@/db/testing";
import { hashPassword, verifyPassword } from "./password";
import { BAD_CREDENTIALS, checkCredentials } from "./sign-in";
import { THROTTLE_POLICY } from "./throttle";

const memory = memoryDbPerTest();
let db: Db;
let passwordHash: string;

beforeEach(async () => {
  db = memory.db;
  passwordHash ??= await hashPassword("the right password");
  createUser({ db, user: { email: "ada@example.com", role: "admin", passwordHash } });
});

/** The real bcrypt check, counted: how many guesses were actually tried against the hash. */
function countingVerify() {
  const counter = { calls: 0 };
  const verify = (plain: string, hash: string) => {
    counter.calls++;
    return verifyPassword(plain, hash);
  };
  return { counter, verify };
}

describe("checkCredentials", () => {
  it("signs in with the right password and refuses a wrong one or an unknown e-mail with one message", async () => {
    const ok = await checkCredentials({ db, input: { email: " ADA@example.com ", password: "the right password" }, address: undefined });
    expect(ok.ok && ok.user.email).toBe("ada@example.com");
    expect(await checkCredentials({ db, input: { email: "ada@example.com", password: "wrong" }, address: undefined })).toEqual({
      ok: false,
      message: BAD_CREDENTIALS,
    });
    expect(await checkCredentials({ db, input: { email: "nobody@example.com", password: "wrong" }, address: undefined })).toEqual({
      ok: false,
      message: BAD_CREDENTIALS,
    });
  });

  it("checks no more than the allowed number of passwords when many guesses arrive at once", async () => {
    const { counter, verify } = countingVerify();
    const guesses = Array.from({ length: 12 }, (_, i) =>
      checkCredentials({ db, input: { email: "ada@example.com", password: `guess ${i}` }, address: "203.0.113.9", verify }),
    );
    const outcomes = await Promise.all(guesses);
    expect(counter.calls).toBe(THROTTLE_POLICY.emailFreeFailures);
    expect(outcomes.every((o) => !o.ok)).toBe(true);
    // By the time the checked ones finish, the account is held: every answer says how long to wait.
    expect(outcomes.every((o) => !o.ok && /^Too many failed sign-ins/.test(o.message))).toBe(true);

    // Held now, even with the right password, and nothing more is checked.
    const right = await checkCredentials({ db, input: { email: "ada@example.com", password: "the right password" }, address: undefined, verify });
    expect(right).toEqual({ ok: false, message: expect.stringMatching(/^Too many failed sign-ins\. Try again in \d+ seconds\.$/) });
    expect(counter.calls).toBe(THROTTLE_POLICY.emailFreeFailures);
  });

  it("holds an address guessing many accounts in parallel once it has used its free failures", async () => {
    const { counter, verify } = countingVerify();
    const guesses = Array.from({ length: THROTTLE_POLICY.ipFreeFailures + 10 }, (_, i) =>
      checkCredentials({ db, input: { email: `user${i}@example.com`, password: "guess" }, address: "198.51.100.7", verify }),
    );
    await Promise.all(guesses);
    expect(counter.calls).toBe(THROTTLE_POLICY.ipFreeFailures);
  });

  it("gives a successful sign-in's attempt back to its address, and clears the account's failures", async () => {
    const address = "192.0.2.1";
    await checkCredentials({ db, input: { email: "ada@example.com", password: "wrong" }, address });
    expect(getThrottle({ db, key: "email:ada@example.com" })?.failures).toBe(1);
    for (let i = 0; i < 3; i++) {
      expect((await checkCredentials({ db, input: { email: "ada@example.com", password: "the right password" }, address })).ok).toBe(true);
    }
    expect(getThrottle({ db, key: "email:ada@example.com" })).toBeUndefined();
    expect(getThrottle({ db, key: `ip:${address}` })?.failures).toBe(1);
  });

  it("deletes throttle rows whose failures are forgotten and whose hold is over", async () => {
    const long = new Date(Date.now() - THROTTLE_POLICY.memoryMs - 60_000);
    saveThrottle({ db, key: "email:old@example.com", failures: 3, lastFailureAt: long, blockedUntil: null });
    saveThrottle({ db, key: "ip:203.0.113.50", failures: 40, lastFailureAt: long, blockedUntil: new Date(long.getTime() + 1000) });
    // Still held (a long hold outlives the memory window): kept.
    saveThrottle({ db, key: "ip:203.0.113.51", failures: 40, lastFailureAt: long, blockedUntil: new Date(Date.now() + 60_000) });
    await checkCredentials({ db, input: { email: "ada@example.com", password: "the right password" }, address: undefined });
    expect(getThrottle({ db, key: "email:old@example.com" })).toBeUndefined();
    expect(getThrottle({ db, key: "ip:203.0.113.50" })).toBeUndefined();
    expect(getThrottle({ db, key: "ip:203.0.113.51" })).toBeDefined();
  });
});
