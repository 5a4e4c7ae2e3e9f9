import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bodyExcerpt, BODY_EXCERPT_CHARS, errorForLog, SyncError } from "@/lib/errors";
import { HuduClient } from "@/lib/hudu/client";
import { RollingWindowLimiter } from "./rate-limiter";

/**
 * Error details and log lines carry only a short, redacted excerpt of a response body: a server
 * that echoes our key (or sends tokens) back in an odd answer must not get it into the log.
 */
const API_KEY = "hudu-api-key-REAL-5678";
const oddBody = JSON.stringify({
  error: `key ${API_KEY} is not allowed here`,
  access_token: "tok-should-not-be-logged",
  note: "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload.signature",
  padding: "x".repeat(5000),
});

let base = "";
const server = createServer((req, res) => {
  req.resume();
  res.writeHead(200, { "content-type": "application/json" }).end(oddBody);
});
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("response bodies in errors", () => {
  it("reach a Hudu error's detail only as a short redacted excerpt", async () => {
    const hudu = new HuduClient({ baseUrl: base, apiKey: API_KEY }, { limiter: new RollingWindowLimiter({ limit: 100, windowMs: 1000, marginMs: 0 }) });
    const error = (await hudu.peekCompanies().catch((e: unknown) => e)) as SyncError;
    expect(error).toBeInstanceOf(SyncError);
    const line = errorForLog(error);
    for (const text of [error.detail, line]) {
      expect(text).not.toContain(API_KEY);
      expect(text).not.toContain("tok-should-not-be-logged");
      expect(text).not.toContain("eyJhbGciOiJIUzI1NiJ9");
      expect(text).toContain("[redacted]");
      expect(text.length).toBeLessThan(BODY_EXCERPT_CHARS + 200);
    }
  });
});

describe("bodyExcerpt and SyncError", () => {
  it("flattens, cuts and redacts", () => {
    expect(bodyExcerpt("  a\n\n b  ")).toBe("a b");
    expect(bodyExcerpt("y".repeat(1000))).toHaveLength(BODY_EXCERPT_CHARS + 1);
    expect(bodyExcerpt('{"client_secret":"abc123"} known-SECRET', ["known-SECRET"])).toBe('{"client_secret":"[redacted]"} [redacted]');
  });

  it("redacts a detail built carelessly, and logs an unknown error's stack redacted", () => {
    const e = new SyncError({ code: "bad_response", userMessage: "x", detail: "GET /x: 200; body: access_token=abc.def Bearer zzz" });
    expect(e.detail).toBe("GET /x: 200; body: access_token=[redacted] Bearer [redacted]");
    expect(errorForLog(new Error("failed with Bearer qqq"))).toMatch(/^Error: failed with Bearer \[redacted\]\n\s+at /);
  });
});
