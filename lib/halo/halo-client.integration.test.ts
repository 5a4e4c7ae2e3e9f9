import { afterEach, describe, expect, it } from "vitest";
import { generateMsp } from "@/sim/data/generate";
import { startHaloSim, type HaloData, type HaloSimOptions } from "@/sim/halo/server";
import type { HttpEvent } from "@/lib/http/events";
import { RollingWindowLimiter, type RateLimitConfig } from "@/lib/http/rate-limiter";
import { HaloClient } from "./client";
import { PAGES_IN_FLIGHT } from "./listing";

/** Integration tests: the Halo client against the Halo simulator on an ephemeral port. */

const running: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

/** Tiny MSP data with exactly 250 active users (more than two of Halo's 100-record pages). */
function dataWith250Users(): HaloData {
  const halo = generateMsp({ seed: 1, size: "tiny" }).halo;
  const users = Array.from({ length: 250 }, (_, i) => ({ ...halo.users[i % halo.users.length], id: 100_000 + i, inactive: false }));
  expect(users).toHaveLength(250);
  return { ...halo, users };
}

async function setup(simOptions: HaloSimOptions = {}, clientRate: RateLimitConfig = { limit: 1000, windowMs: 1000, marginMs: 10 }) {
  const sim = await startHaloSim({ rateLimit: false, ...simOptions });
  running.push(sim);
  const events: HttpEvent[] = [];
  const halo = new HaloClient(
    { authUrl: sim.authUrl, resourceUrl: sim.resourceUrl, tenant: sim.tenant, clientId: sim.clientId, clientSecret: sim.clientSecret, timeoutMs: 3000 },
    { limiter: new RollingWindowLimiter(clientRate), retry: { baseDelayMs: 20, maxDelayMs: 200 }, onEvent: (e) => events.push(e) },
  );
  return { sim, halo, events };
}

describe("HaloClient paging", () => {
  it("reads all 250 users through the 100-record page cap, although 1000 were asked for", async () => {
    const { sim, halo } = await setup({ data: dataWith250Users() });
    // The cap itself: asking 1000 a page gives 100 records and the full record_count.
    const token = await halo.getAccessToken();
    const raw = await fetch(`${sim.resourceUrl}/Users?pageinate=true&page_size=1000&page_no=1`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await raw.json()) as { users: unknown[]; record_count: number };
    expect(body.users).toHaveLength(100);
    expect(body.record_count).toBe(250);

    sim.control.resetCounts();
    const listing = halo.listUsers();
    const users = await listing.toArray();
    expect(users).toHaveLength(250);
    expect(new Set(users.map((u) => u.id)).size).toBe(250);
    expect(listing.problems).toEqual([]);
    expect(listing.recordCount).toBe(250);
    expect(sim.control.requestCounts()["GET /api/users"]).toBe(3);
    // Halo's double-typed ids arrive as clean integers.
    expect(users.every((u) => Number.isInteger(u.siteId) && Number.isInteger(u.clientId))).toBe(true);
  });

  it("asks for 100 a page itself (a server without a cap still sees three requests for 250)", async () => {
    const { sim, halo } = await setup({ data: dataWith250Users(), pageCap: 1000 });
    await halo.getAccessToken();
    sim.control.resetCounts();
    expect(await halo.listUsers().toArray()).toHaveLength(250);
    expect(sim.control.requestCounts()["GET /api/users"]).toBe(3);
  });

  it("includes inactive records only when asked", async () => {
    const data = generateMsp({ seed: 1, size: "tiny" }).halo;
    const { halo } = await setup({ data });
    const active = await halo.listUsers().toArray();
    const all = await halo.listUsers({ includeInactive: true }).toArray();
    expect(all.length).toBe(data.users.length);
    expect(active.length).toBe(data.users.filter((u) => !u.inactive).length);
    expect(active.length).toBeLessThan(all.length);
    expect(active.every((u) => !u.inactive)).toBe(true);
  });

  it("reads clients, sites and contracts into typed records, and one client's detail", async () => {
    const data = generateMsp({ seed: 1, size: "tiny" }).halo;
    const { halo } = await setup({ data });
    const clients = await halo.listClients({ includeInactive: true }).toArray();
    const sites = await halo.listSites({ includeInactive: true }).toArray();
    const contracts = await halo.listContracts({ includeInactive: true }).toArray();
    expect(clients).toHaveLength(data.clients.length);
    expect(sites).toHaveLength(data.sites.length);
    expect(contracts).toHaveLength(data.contracts.length);
    expect(sites.every((s) => typeof s.clientId === "number")).toBe(true);
    expect(sites.some((s) => s.address?.line1)).toBe(true);
    const source = data.clients.find((c) => c.domain && c.datecreated && !c.datecreated.startsWith("1899"))!;
    const detail = await halo.getClient(source.id);
    expect(detail).toMatchObject({ id: source.id, name: source.name.trim(), emailDomain: source.domain, mainSiteId: source.main_site_id });
    expect(detail.createdAt).toBe(new Date(`${source.datecreated}Z`).toISOString());
    const sitesOfClient = await halo.listSites({ clientId: source.id, includeInactive: true }).toArray();
    expect(sitesOfClient.length).toBe(data.sites.filter((s) => s.client_id === source.id).length);
    expect(sitesOfClient.every((s) => s.clientId === source.id)).toBe(true);
  });

  it("skips and reports an unreadable record without stopping the sweep", async () => {
    const data = dataWith250Users();
    const odd = data.users[150] as unknown as Record<string, unknown>;
    odd.name = "  ";
    delete odd.firstname;
    delete odd.surname;
    delete odd.emailaddress;
    const { halo } = await setup({ data });
    const problems: string[] = [];
    const listing = halo.listUsers({ onProblem: (p) => problems.push(p.message) });
    const users = await listing.toArray();
    expect(users).toHaveLength(249);
    expect(listing.problems).toHaveLength(1);
    expect(listing.problems[0]).toMatchObject({ type: "user", scope: "record", id: odd.id });
    expect(problems[0]).toMatch(/^Skipped Halo user \d+: name: the user has no name and no e-mail address/);
  });

  it("reads a sweep's pages ahead, but never more than PAGES_IN_FLIGHT at once for all sweeps together", async () => {
    const tiny = generateMsp({ seed: 1, size: "tiny" }).halo;
    const users = Array.from({ length: 6000 }, (_, i) => ({ ...tiny.users[i % tiny.users.length], id: 100_000 + i }));
    const { sim, halo } = await setup({ data: { ...tiny, users } });
    sim.control.setLatency(20);
    await halo.getAccessToken();
    sim.control.resetCounts();
    // Two sweeps of 60 pages each would ask for 2 × PAGES_IN_FLIGHT pages at a time.
    const [first, second] = await Promise.all([halo.listUsers({ includeInactive: true }).toArray(), halo.listUsers({ includeInactive: true }).toArray()]);
    expect(first).toHaveLength(6000);
    expect(second).toHaveLength(6000);
    expect(sim.control.requestCounts()["GET /api/users"]).toBe(120);
    expect(sim.control.mostInFlight()).toBe(PAGES_IN_FLIGHT);
  });
});

describe("HaloClient short reads", () => {
  it("fails a sweep that ends before record_count, naming both figures", async () => {
    const { halo } = await setup({ data: dataWith250Users(), recordCountExtra: { Users: 4 } });
    await expect(halo.listUsers().toArray()).rejects.toMatchObject({
      code: "bad_response",
      service: "halo",
      userMessage: "Halo reported 254 users but sent 250.",
    });
    expect(await halo.listClients().toArray()).not.toHaveLength(0);
  });
});

describe("HaloClient tokens", () => {
  it("gets a new token and retries when the token expires mid-sweep", async () => {
    const { sim, halo } = await setup({ data: dataWith250Users() });
    // Pages 2 and 3 are asked for ahead as soon as page 1 says there are 250 users; the answer
    // time keeps them at the server while the tokens expire, so both are refused once.
    sim.control.setLatency(200);
    let read = 0;
    for await (const _user of halo.listUsers()) {
      read++;
      if (read === 100) sim.control.expireAllTokens();
    }
    expect(read).toBe(250);
    const counts = sim.control.requestCounts();
    expect(counts["POST /auth/token"]).toBe(2);
    expect(counts["GET /api/users"]).toBe(5); // 3 pages + the two refused with 401
    expect(sim.control.requests().filter((r) => r.status === 401)).toHaveLength(2);
  });

  it("reuses a cached token and refreshes one shortly before it expires", async () => {
    const { sim, halo } = await setup({ tokenLifetimeSeconds: 2 });
    await halo.listClients().toArray();
    await halo.listSites().toArray();
    expect(sim.control.requestCounts()["POST /auth/token"]).toBe(1);
    // Lifetime 2 s: refreshed a tenth of the lifetime early, so after 1.85 s a new one is fetched.
    await new Promise((r) => setTimeout(r, 1850));
    await halo.listClients().toArray();
    expect(sim.control.requestCounts()["POST /auth/token"]).toBe(2);
    expect(sim.control.requests().some((r) => r.status === 401)).toBe(false);
  });
});

describe("HaloClient pacing and retries", () => {
  it("stays under the rolling window without idling: no 429s", async () => {
    // 25 pages of 10 users + 1 token = 26 requests at 10 per second.
    const { sim, halo } = await setup(
      { data: dataWith250Users(), pageCap: 10, rateLimit: { limit: 10, windowMs: 1000 } },
      { limit: 10, windowMs: 1000, marginMs: 20 },
    );
    const started = Date.now();
    const users = await halo.listUsers().toArray();
    const elapsed = Date.now() - started;
    expect(users).toHaveLength(250);
    expect(sim.control.requests().filter((r) => r.status === 429)).toHaveLength(0);
    // Two full windows must pass (requests 11 and 21), but not much more: no idling.
    expect(elapsed).toBeGreaterThanOrEqual(2000);
    // Generous: the simulators share a busy machine with other test files.
    expect(elapsed).toBeLessThan(6000);
  });

  it("on a 429 without Retry-After waits for the rolling window to free a slot, without hammering", async () => {
    // Another integration on the same key has just spent the whole window; our client cannot
    // know, so its first request is refused. Halo sends no Retry-After.
    const rate = { limit: 10, windowMs: 1000 };
    const { sim, halo, events } = await setup({ data: dataWith250Users(), pageCap: 20, rateLimit: rate }, { ...rate, marginMs: 20 });
    await Promise.all(Array.from({ length: 10 }, () => fetch(`${sim.resourceUrl}/Client`)));
    sim.control.resetCounts();
    const users = await halo.listUsers().toArray();
    expect(users).toHaveLength(250);
    const log = sim.control.requests();
    const refused = log.filter((r) => r.status === 429);
    expect(refused).toHaveLength(1);
    // The retry waited for the window to roll instead of knocking again at once.
    const next = log[log.indexOf(refused[0]) + 1];
    expect(next.at - refused[0].at).toBeGreaterThanOrEqual(900);
    // 13 pages + 1 token, all but the refused one answered.
    expect(log).toHaveLength(15);
    const wait = events.find((e) => e.type === "wait" && e.reason === "rate_limited");
    expect(wait?.message).toMatch(/^Waiting \d(\.\d)? s: Halo asked us to slow down \(rate limit\)\.$/);
  });

  it("recovers from a burst of 5xx and a dropped connection by retrying", async () => {
    const { sim, halo, events } = await setup({ data: dataWith250Users() });
    await halo.getAccessToken();
    sim.control.failNext({ count: 2, status: 503, match: { path: "/api/users" } });
    sim.control.dropNext({ count: 1, match: { path: "/api/users" } });
    let read = 0;
    for await (const _user of halo.listUsers()) {
      // A second burst, on a later page.
      if (++read === 100) sim.control.failNext({ count: 1, status: 500, match: { path: "/api/users" } });
    }
    expect(read).toBe(250);
    const statuses = sim.control.requests().map((r) => r.status);
    expect(statuses.filter((s) => s === 503)).toHaveLength(2);
    expect(statuses.filter((s) => s === 0)).toHaveLength(1);
    expect(statuses.filter((s) => s === 500)).toHaveLength(1);
    expect(events.filter((e) => e.type === "retry")).toHaveLength(4);
  });

  it("gives up after the configured attempts and says what failed", async () => {
    const { sim, halo } = await setup();
    await halo.getAccessToken();
    sim.control.failNext({ count: 10, status: 502, match: { path: "/api/client" } });
    const error = await halo.listClients().toArray().catch((e) => e);
    expect(error).toMatchObject({ code: "server_error", service: "halo", status: 502 });
    expect(error.userMessage).toMatch(/^Halo had an internal error \(502\) while trying to list clients \(page 1\)/);
    expect(sim.control.requestCounts()["GET /api/client"]).toBe(4);
  });

  it("never retries a 4xx", async () => {
    const { sim, halo } = await setup();
    await halo.getAccessToken();
    await expect(halo.getClient(99999)).rejects.toMatchObject({ code: "not_found", status: 404 });
    sim.control.failNext({ status: 400, body: { message: "bad filter" }, match: { path: "/api/site" } });
    await expect(halo.listSites().toArray()).rejects.toMatchObject({ code: "bad_request", status: 400 });
    const counts = sim.control.requestCounts();
    expect(counts["GET /api/client/:id"]).toBe(1);
    expect(counts["GET /api/site"]).toBe(1);
  });

  it("reports a missing permission as forbidden", async () => {
    const { halo } = await setup({ permissions: { ClientContract: false } });
    const error = await halo.listContracts().toArray().catch((e) => e);
    expect(error).toMatchObject({ code: "forbidden", status: 403 });
    expect(error.userMessage).toMatch(/refused permission to list contracts/);
  });
});
