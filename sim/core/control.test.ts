import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startHaloSim, type HaloSim } from "../halo/server";
import { startHuduSim, type HuduSim } from "../hudu/server";
import { haloGet, haloToken, huduFetch } from "../testing";
import { pathMatcher } from "./sim-server";

describe("fault injection and control", () => {
  let halo: HaloSim;
  let hudu: HuduSim;
  let token: string;

  beforeAll(async () => {
    [halo, hudu] = await Promise.all([startHaloSim({ rateLimit: false }), startHuduSim({ rateLimit: false })]);
    token = await haloToken(halo);
  });
  afterAll(async () => {
    await Promise.all([halo.close(), hudu.close()]);
  });
  afterEach(() => {
    halo.control.clearFaults();
    hudu.control.clearFaults();
  });

  it("path patterns: :id, * and RegExp, case-insensitive", () => {
    expect(pathMatcher("/api/client/:id")!.test("/api/Client/12")).toBe(true);
    expect(pathMatcher("/api/client/:id")!.test("/api/Client")).toBe(false);
    expect(pathMatcher("/api/v1/companies*")!.test("/api/v1/companies/3/assets")).toBe(true);
    expect(pathMatcher(/users/)!.test("/api/USERS")).toBe(true);
  });

  it("fail-next answers the given status, body and headers count times, then recovers", async () => {
    halo.control.failNext({ count: 2, status: 503, body: { message: "maintenance" }, headers: { "retry-after": "1" }, match: { method: "GET", path: "/api/client" } });
    // Not matching: by-id path.
    const firstId = (halo.control.state() as { clients: Array<{ id: number }> }).clients[0].id;
    expect((await haloGet(halo, token, `/Client/${firstId}`)).status).toBe(200);
    const first = await haloGet(halo, token, "/Client");
    expect(first.status).toBe(503);
    expect(first.headers.get("retry-after")).toBe("1");
    expect(await first.json()).toEqual({ message: "maintenance" });
    expect((await haloGet(halo, token, "/client")).status).toBe(503);
    expect((await haloGet(halo, token, "/Client")).status).toBe(200);
  });

  it("fail-next with a string body sends text", async () => {
    hudu.control.failNext({ status: 500, body: "<html>oops</html>", headers: { "content-type": "text/html" } });
    const res = await huduFetch(hudu, "GET", "/companies");
    expect(res.status).toBe(500);
    expect(res.headers.get("content-type")).toBe("text/html");
    expect(await res.text()).toBe("<html>oops</html>");
  });

  it("drop-next destroys the socket without an answer", async () => {
    hudu.control.dropNext({ match: { path: /companies/ } });
    await expect(huduFetch(hudu, "GET", "/companies")).rejects.toThrow();
    expect((await huduFetch(hudu, "GET", "/companies")).status).toBe(200);
    expect(hudu.control.requests().some((r) => r.status === 0)).toBe(true);
  });

  it("drop-answer-next applies the request, then destroys the socket: the create landed, its answer is lost", async () => {
    const before = (hudu.control.state() as { companies: unknown[] }).companies.length;
    hudu.control.dropAnswerNext({ match: { method: "POST", path: "/api/v1/companies" } });
    await expect(huduFetch(hudu, "POST", "/companies", { company: { name: "Lost Answer Ltd" } })).rejects.toThrow();
    const companies = (hudu.control.state() as { companies: Array<{ name: string }> }).companies;
    expect(companies).toHaveLength(before + 1);
    expect(companies.filter((c) => c.name === "Lost Answer Ltd")).toHaveLength(1);
    expect(hudu.control.requests().at(-1)).toMatchObject({ method: "POST", status: 0 });
    // Once only: the next request is answered.
    expect((await huduFetch(hudu, "GET", "/companies?name=Lost%20Answer%20Ltd")).status).toBe(200);
    hudu.control.resetData();
  });

  it("fail-next with applied: the create lands, the answer is the failure (a 502 after the work was done)", async () => {
    hudu.control.failNext({ status: 502, body: "Bad Gateway", applied: true, match: { method: "POST", path: "/api/v1/companies" } });
    const res = await huduFetch(hudu, "POST", "/companies", { company: { name: "Applied Anyway Ltd" } });
    expect(res.status).toBe(502);
    expect(await res.text()).toBe("Bad Gateway");
    const companies = (hudu.control.state() as { companies: Array<{ name: string }> }).companies;
    expect(companies.filter((c) => c.name === "Applied Anyway Ltd")).toHaveLength(1);
    expect(hudu.control.requests().at(-1)).toMatchObject({ method: "POST", status: 502 });
    hudu.control.resetData();
  });

  it("delay-next does the work at once and holds the answer back (a client with a shorter time-out gives up on work done)", async () => {
    hudu.control.delayNext({ ms: 400, match: { method: "POST" } });
    const started = Date.now();
    await expect(huduFetch(hudu, "POST", "/companies", { company: { name: "Slow Answer Ltd" } }, AbortSignal.timeout(100))).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(350);
    const companies = (hudu.control.state() as { companies: Array<{ name: string }> }).companies;
    expect(companies.filter((c) => c.name === "Slow Answer Ltd")).toHaveLength(1);
    // Only the next matching request is slow; a patient client gets the answer late.
    hudu.control.delayNext({ ms: 200, match: { path: "/api/v1/api_info" } });
    const slow = Date.now();
    expect((await huduFetch(hudu, "GET", "/api_info")).status).toBe(200);
    expect(Date.now() - slow).toBeGreaterThanOrEqual(190);
    const quick = Date.now();
    expect((await huduFetch(hudu, "GET", "/api_info")).status).toBe(200);
    expect(Date.now() - quick).toBeLessThan(150);
    hudu.control.resetData();
  });

  it("a fault can match on the request body (one record's create), and the log marks requests a fault met", async () => {
    hudu.control.resetCounts();
    hudu.control.failNext({ status: 422, body: { error: "Invalid custom field value", details: ["Email is not valid"] }, match: { method: "POST", bodyIncludes: '"Refuse Me Ltd"' } });
    expect((await huduFetch(hudu, "POST", "/companies", { company: { name: "Fine Ltd" } })).status).toBe(200);
    const refused = await huduFetch(hudu, "POST", "/companies", { company: { name: "Refuse Me Ltd" } });
    expect(refused.status).toBe(422);
    expect(hudu.control.requests().map((r) => [r.status, r.fault])).toEqual([
      [200, undefined],
      [422, "fail"],
    ]);
    hudu.control.resetData();
  });

  it("the request log keeps each request's query string", async () => {
    hudu.control.resetCounts();
    await huduFetch(hudu, "GET", "/companies?page=2&page_size=5");
    await huduFetch(hudu, "GET", "/api_info");
    expect(hudu.control.requests().map((r) => [r.path, r.search])).toEqual([
      ["/api/v1/companies", "?page=2&page_size=5"],
      ["/api/v1/api_info", ""],
    ]);
  });

  it("latency delays answers", async () => {
    hudu.control.setLatency(150);
    const started = Date.now();
    expect((await huduFetch(hudu, "GET", "/api_info")).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it("setRateLimit applies at once", async () => {
    hudu.control.setRateLimit({ limit: 1, windowMs: 60_000 });
    const statuses = [(await huduFetch(hudu, "GET", "/api_info")).status, (await huduFetch(hudu, "GET", "/api_info")).status];
    hudu.control.setRateLimit(false);
    // The first may land just before a minute boundary; the two together must show one refusal at most and end allowed.
    expect(statuses.filter((s) => s === 429).length).toBeLessThanOrEqual(1);
    expect((await huduFetch(hudu, "GET", "/api_info")).status).toBe(200);
  });

  it("expireAllTokens is a no-op on Hudu", async () => {
    hudu.control.expireAllTokens();
    expect((await huduFetch(hudu, "GET", "/api_info")).status).toBe(200);
  });

  it("counts Hudu routes with ids replaced by :id", async () => {
    hudu.control.resetCounts();
    await huduFetch(hudu, "GET", "/companies/1");
    await huduFetch(hudu, "GET", "/companies/2");
    await huduFetch(hudu, "GET", "/companies/2/assets");
    expect(hudu.control.requestCounts()).toEqual({ "GET /api/v1/companies/:id": 2, "GET /api/v1/companies/:id/assets": 1 });
  });

  it("resetData restores the starting data", async () => {
    const before = JSON.stringify(hudu.control.state());
    await huduFetch(hudu, "POST", "/companies", { company: { name: "Temporary" } });
    expect(JSON.stringify(hudu.control.state())).not.toBe(before);
    hudu.control.resetData();
    expect(JSON.stringify(hudu.control.state())).toBe(before);
  });

  describe("over HTTP (/__sim)", () => {
    const post = (sim: { url: string }, path: string, body: unknown = {}) =>
      fetch(`${sim.url}/__sim/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

    it("fail-next, drop-next, latency, counts, state, reset-counts", async () => {
      expect((await post(hudu, "fail-next", { status: 502, body: { error: "bad gateway" }, match: { method: "GET", path: "/api/v1/companies/:id" } })).status).toBe(200);
      expect((await huduFetch(hudu, "GET", "/companies/1")).status).toBe(502);
      await post(hudu, "drop-next", { match: { pathRegex: "api_info$" } });
      await expect(huduFetch(hudu, "GET", "/api_info")).rejects.toThrow();
      await post(hudu, "latency", { ms: 0 });
      await post(hudu, "reset-counts");
      await huduFetch(hudu, "GET", "/api_info");
      expect(await (await fetch(`${hudu.url}/__sim/counts`)).json()).toEqual({ "GET /api/v1/api_info": 1 });
      const requests = await (await fetch(`${hudu.url}/__sim/requests`)).json();
      expect(requests).toEqual([{ method: "GET", path: "/api/v1/api_info", search: "", status: 200, at: expect.any(Number) }]);
      const state = await (await fetch(`${hudu.url}/__sim/state`)).json();
      expect(Object.keys(state).sort()).toEqual(["assetLayouts", "assets", "companies", "matchers", "relations"]);
    });

    it("most-in-flight: the most API requests answered at once since reset-counts", async () => {
      await post(hudu, "latency", { ms: 50 });
      await post(hudu, "reset-counts");
      await Promise.all([1, 2, 3].map(() => huduFetch(hudu, "GET", "/api_info")));
      expect(await (await fetch(`${hudu.url}/__sim/most-in-flight`)).json()).toEqual({ mostInFlight: 3 });
      await post(hudu, "latency", { ms: 0 });
      await post(hudu, "reset-counts");
      await huduFetch(hudu, "GET", "/api_info");
      expect(hudu.control.mostInFlight()).toBe(1);
    });

    it("expire-tokens and rate-limit on Halo; control routes need no auth and are not limited", async () => {
      const own = await haloToken(halo);
      expect((await post(halo, "expire-tokens")).status).toBe(200);
      expect((await haloGet(halo, own, "/Client")).status).toBe(401);
      await post(halo, "rate-limit", { limit: 1, windowMs: 60_000 });
      const fresh = await haloToken(halo); // uses the one allowed request
      expect((await haloGet(halo, fresh, "/Client")).status).toBe(429);
      expect((await fetch(`${halo.url}/__sim/state`)).status).toBe(200);
      await post(halo, "rate-limit", { disabled: true });
      expect((await haloGet(halo, fresh, "/Client")).status).toBe(200);
      token = fresh;
    });

    it("fail-next with applied, and delay-next", async () => {
      await post(hudu, "fail-next", { status: 503, applied: true, match: { method: "POST" } });
      expect((await huduFetch(hudu, "POST", "/companies", { company: { name: "Over HTTP Ltd" } })).status).toBe(503);
      expect((hudu.control.state() as { companies: Array<{ name: string }> }).companies.some((c) => c.name === "Over HTTP Ltd")).toBe(true);
      expect((await post(hudu, "delay-next", { ms: 300, match: { path: "/api/v1/api_info" } })).status).toBe(200);
      await expect(huduFetch(hudu, "GET", "/api_info", undefined, AbortSignal.timeout(80))).rejects.toThrow();
      expect((await post(hudu, "delay-next", {})).status).toBe(400);
      hudu.control.resetData();
    });

    it("edit-record changes a Halo record (or adds one) as an admin would in Halo", async () => {
      const first = (halo.control.state() as { clients: Array<{ id: number; name: string }> }).clients[0];
      expect((await post(halo, "edit-record", { type: "clients", id: first.id, set: { name: "<script>alert(1)</script> Renamed" } })).status).toBe(200);
      const record = (await (await haloGet(halo, token, `/Client/${first.id}`)).json()) as { name: string };
      expect(record.name).toBe("<script>alert(1)</script> Renamed");
      expect((await post(halo, "edit-record", { type: "users", add: { id: 999_999, name: "New Person", client_id: first.id, site_id: 1, inactive: false } })).status).toBe(200);
      expect((await haloGet(halo, token, "/Users/999999")).status).toBe(200);
      expect((await post(halo, "edit-record", { type: "clients", id: -5, set: { name: "x" } })).status).toBe(404);
      expect((await post(halo, "edit-record", { type: "tickets", id: first.id, set: {} })).status).toBe(400);
      expect((await post(halo, "edit-record", { type: "clients", add: { id: first.id } })).status).toBe(400);
      // Hudu has its own API for changes; the route is Halo's.
      expect((await post(hudu, "edit-record", { type: "clients", id: 1, set: {} })).status).toBe(404);
      halo.control.resetData();
      token = await haloToken(halo);
    });

    it("refuses bad control input with 400 and unknown routes with 404", async () => {
      expect((await post(halo, "fail-next", { count: 1 })).status).toBe(400);
      expect((await post(halo, "nope")).status).toBe(404);
    });
  });
});
