import { afterEach, describe, expect, it } from "vitest";
import { startHaloSim } from "@/sim/halo/server";
import { startHuduSim } from "@/sim/hudu/server";
import { testHuduConnection } from "./test-hudu";

/** Each verdict of the Hudu connection test, against the Hudu simulator. */

const running: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

async function sim() {
  const s = await startHuduSim({ rateLimit: false });
  running.push(s);
  return s;
}
const byId = (result: Awaited<ReturnType<typeof testHuduConnection>>) => Object.fromEntries(result.checks.map((c) => [c.id, c]));

describe("testHuduConnection", () => {
  it("passes every check with good settings (a pasted /api/v1 is tolerated)", async () => {
    const s = await sim();
    const result = await testHuduConnection({ baseUrl: `${s.url}/api/v1`, apiKey: s.apiKey });
    expect(result.ok).toBe(true);
    expect(result.checks.map((c) => c.id)).toEqual(["api_info", "key", "companies", "layouts"]);
    expect(byId(result).api_info.message).toMatch(/^Reached Hudu 2\.44\.0 at 127\.0\.0\.1:\d+\.$/);
  });

  it("says the API key was refused, and never shows it", async () => {
    const s = await sim();
    const result = await testHuduConnection({ baseUrl: s.url, apiKey: "not-the-key-123" });
    const checks = byId(result);
    expect(result.ok).toBe(false);
    expect(checks.key).toMatchObject({ ok: false, detail: "hudu_bad_key (HTTP 401)" });
    expect(checks.key.message).toMatch(/^Hudu refused the API key/);
    expect(checks.companies.skipped).toBe(true);
    expect(JSON.stringify(result)).not.toContain("not-the-key-123");
  });

  it("says the URL does not lead to Hudu's API", async () => {
    const s = await sim();
    const result = await testHuduConnection({ baseUrl: `${s.url}/docs`, apiKey: s.apiKey });
    expect(byId(result).api_info.message).toMatch(/answered, but not like Hudu's API\. Check the Hudu URL/);
    // A Halo server is not a Hudu either; it answers 401 there, which reads as a refused key.
    const halo = await startHaloSim({ rateLimit: false });
    running.push(halo);
    const wrong = await testHuduConnection({ baseUrl: halo.url, apiKey: s.apiKey });
    expect(wrong.ok).toBe(false);
    expect(byId(wrong).key.ok).toBe(false);
  });

  it("says Hudu is unreachable", async () => {
    const s = await sim();
    await s.close();
    const result = await testHuduConnection({ baseUrl: s.url, apiKey: s.apiKey });
    expect(byId(result).api_info).toMatchObject({ ok: false, detail: "unreachable" });
    expect(byId(result).api_info.message).toMatch(/^Could not reach Hudu at/);
  });

  it("names a 403 on companies or layouts", async () => {
    const s = await sim();
    s.control.failNext({ status: 403, body: { error: "Forbidden" }, match: { path: "/api/v1/asset_layouts" } });
    const checks = byId(await testHuduConnection({ baseUrl: s.url, apiKey: s.apiKey }));
    expect(checks.companies.ok).toBe(true);
    expect(checks.layouts).toMatchObject({ ok: false, detail: "forbidden (HTTP 403)" });
    expect(checks.layouts.message).toMatch(/^Hudu refused to list asset layouts \(403\)/);
  });

  it("says until when Hudu is limiting the key (the next 5-minute mark, local time) instead of waiting", async () => {
    // One request per clock-aligned 5 minutes: api_info passes, the companies read meets a 429.
    const s = await startHuduSim({ rateLimit: { limit: 1, windowMs: 300_000 } });
    running.push(s);
    const started = Date.now();
    const result = await testHuduConnection({ baseUrl: s.url, apiKey: s.apiKey });
    expect(Date.now() - started).toBeLessThan(5000);
    const refused = s.control.requests().find((r) => r.status === 429)!;
    const boundary = new Date((Math.floor(refused.at / 300_000) + 1) * 300_000);
    const hhmm = `${String(boundary.getHours()).padStart(2, "0")}:${String(boundary.getMinutes()).padStart(2, "0")}`;
    const checks = byId(result);
    expect(checks.api_info.ok).toBe(true);
    expect(checks.companies).toMatchObject({ ok: false, detail: "rate_limited (HTTP 429)" });
    expect(checks.companies.message).toBe(`Hudu is limiting this key until ${hhmm} (too many requests: its rate limit resets then). Test again after that.`);
    expect(checks.layouts).toMatchObject({ skipped: true, message: "Not tried: Hudu is limiting this key for now." });

    // Tested again before then: the answer comes at once, without a request to Hudu.
    s.control.resetCounts();
    const again = byId(await testHuduConnection({ baseUrl: s.url, apiKey: s.apiKey }));
    expect(again.api_info.message).toBe(checks.companies.message);
    expect(again.key.skipped).toBe(true);
    expect(s.control.requests()).toEqual([]);
  });

  it("says Hudu timed out", async () => {
    const s = await sim();
    s.control.setLatency(1500);
    const checks = byId(await testHuduConnection({ baseUrl: s.url, apiKey: s.apiKey }, { timeoutMs: 300 }));
    expect(checks.api_info).toMatchObject({ ok: false, detail: "timeout" });
  });
});
