import { describe, expect, it } from "vitest";
import { redactSecrets, SyncError, toSyncError } from "./errors";

describe("SyncError", () => {
  it("keeps the user message as Error.message and serialises without detail", () => {
    const e = new SyncError({ code: "validation", service: "hudu", status: 422, userMessage: "Hudu refused it.", detail: "PUT /x: 422 body…", details: ["Name has already been taken"] });
    expect(e.message).toBe("Hudu refused it.");
    expect(e.transient).toBe(false);
    expect(JSON.parse(JSON.stringify(e))).toEqual({ code: "validation", message: "Hudu refused it.", service: "hudu", status: 422, details: ["Name has already been taken"] });
  });
  it("wraps unknown errors with a generic message, keeping their text for the log only", () => {
    const e = toSyncError(new Error("ECONNRESET at socket.js:42 secret=abc"), "halo");
    expect(e.userMessage).toMatch(/^Something unexpected went wrong while talking to Halo/);
    expect(e.userMessage).not.toContain("secret");
    expect(e.detail).toContain("ECONNRESET");
    expect(new SyncError({ code: "timeout", userMessage: "x" }).transient).toBe(true);
  });
});

describe("redactSecrets", () => {
  it("removes tokens, form secrets, JSON secrets and known literals", () => {
    const text = 'Authorization: Bearer eyJhbGciOi.abc.def client_secret=s3cr3t&scope=all {"access_token":"tok123","x":1} key=hudu-KEY-999';
    const out = redactSecrets(text, ["hudu-KEY-999"]);
    expect(out).not.toMatch(/eyJhbGciOi|s3cr3t|tok123|hudu-KEY-999/);
    expect(out).toContain("scope=all");
  });
});
