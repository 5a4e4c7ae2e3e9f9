import { describe, expect, it } from "vitest";
import { countUsers, createUser } from "@/db/queries/users";
import { memoryDbPerTest } from "@/db/testing";
import { setUpFirstAdmin } from "./first-admin";
import { hashPassword } from "./password";

const memory = memoryDbPerTest();

const form = { email: "ada@example.com", password: "a long password", confirm: "a long password" };

function countingHash() {
  const counter = { calls: 0 };
  return {
    counter,
    hash: (plain: string) => {
      counter.calls++;
      return hashPassword(plain);
    },
  };
}

describe("setUpFirstAdmin", () => {
  it("creates the first admin", async () => {
    const { db } = memory;
    const { counter, hash } = countingHash();
    expect(await setUpFirstAdmin({ db, input: form, hash })).toEqual({ status: "ok" });
    expect(counter.calls).toBe(1);
    expect(countUsers({ db })).toBe(1);
  });

  it("refuses once a user exists without hashing anything", async () => {
    const { db } = memory;
    createUser({ db, user: { email: "first@example.com", role: "admin", passwordHash: "x" } });
    const { counter, hash } = countingHash();
    expect(await setUpFirstAdmin({ db, input: { ...form, email: "second@example.com" }, hash })).toEqual({
      status: "closed",
      message: "Setup is already done. Sign in instead.",
    });
    expect(counter.calls).toBe(0);
    expect(countUsers({ db })).toBe(1);
  });

  it("refuses a password longer than bcrypt reads, with a message that says why", async () => {
    const { db } = memory;
    const long = "é".repeat(40); // 40 characters, 80 bytes
    const result = await setUpFirstAdmin({ db, input: { ...form, password: long, confirm: long } });
    expect(result.status).toBe("invalid");
    if (result.status === "invalid") expect(result.fieldErrors.password?.[0]).toMatch(/^Use at most 72 bytes: .*accented letters count as 2/);
    const exactly = "a".repeat(72);
    expect((await setUpFirstAdmin({ db, input: { ...form, password: exactly, confirm: exactly } })).status).toBe("ok");
  });
});
