import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { generateMsp } from "../data/generate";
import type { HaloData, HaloUser } from "../data/types";
import { haloGet, haloToken, haloTokenResponse } from "../testing";
import { startHaloSim, type HaloSim } from "./server";

/** 250 active users over the tiny clients, so paging has something to cap. */
function dataWith250Users(): HaloData {
  const halo = generateMsp({ seed: 7, size: "tiny" }).halo;
  const template = halo.users[0];
  const users: HaloUser[] = Array.from({ length: 250 }, (_, i) => ({ ...template, id: 10_000 + i, name: `User ${String(i).padStart(3, "0")}`, inactive: false }));
  return { ...halo, users };
}

describe("Halo simulator", () => {
  let sim: HaloSim;
  let token: string;

  beforeAll(async () => {
    sim = await startHaloSim({ data: dataWith250Users(), rateLimit: false });
    token = await haloToken(sim);
  });
  afterAll(() => sim.close());
  afterEach(() => sim.control.clearFaults());

  it("exposes auth and resource URLs on one origin", () => {
    expect(sim.authUrl).toBe(`${sim.url}/auth`);
    expect(sim.resourceUrl).toBe(`${sim.url}/api`);
  });

  describe("token", () => {
    it("issues a bearer token for good credentials", async () => {
      const res = await haloTokenResponse(sim);
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(body).toMatchObject({ token_type: "Bearer", expires_in: 3600, scope: "all" });
      expect(typeof body.access_token).toBe("string");
    });

    it("accepts the tenant as a form field", async () => {
      const res = await haloTokenResponse(sim, { tenant: sim.tenant }, "");
      expect(res.status).toBe(200);
    });

    it("refuses a bad client id or secret with 401 invalid_client", async () => {
      for (const override of [{ client_id: "nope" }, { client_secret: "nope" }] as Array<Record<string, string>>) {
        const res = await haloTokenResponse(sim, override);
        expect(res.status).toBe(401);
        expect(await res.json()).toEqual({ error: "invalid_client" });
      }
    });

    it("refuses a wrong or missing tenant (default style: 400 invalid_request)", async () => {
      const wrong = await haloTokenResponse(sim, {}, "?tenant=other");
      expect(wrong.status).toBe(400);
      expect(await wrong.json()).toMatchObject({ error: "invalid_request" });
      const missing = await haloTokenResponse(sim, {}, "");
      expect(missing.status).toBe(400);
    });

    it("refuses a non-form body and a wrong grant type", async () => {
      const json = await fetch(`${sim.authUrl}/token?tenant=demo`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ grant_type: "client_credentials", client_id: sim.clientId, client_secret: sim.clientSecret }),
      });
      expect(json.status).toBe(400);
      const grant = await haloTokenResponse(sim, { grant_type: "password" });
      expect(grant.status).toBe(400);
      expect(await grant.json()).toEqual({ error: "unsupported_grant_type" });
    });
  });

  describe("resource server", () => {
    it("needs a bearer token", async () => {
      expect((await fetch(`${sim.resourceUrl}/Client`)).status).toBe(401);
      expect((await haloGet(sim, "made-up", "/Client")).status).toBe(401);
    });

    it("wraps lists with record_count, page_no, page_size and the record key", async () => {
      for (const [path, key] of [["/Client", "clients"], ["/Site", "sites"], ["/Users", "users"], ["/ClientContract", "contracts"]] as const) {
        const res = await haloGet(sim, token, `${path}?pageinate=true&page_size=5&page_no=1`);
        expect(res.status).toBe(200);
        const body = await res.json();
        expect(Object.keys(body).sort()).toEqual(["page_no", "page_size", "record_count", key].sort());
        expect(Array.isArray(body[key])).toBe(true);
        expect(body.page_no).toBe(1);
        expect(body.page_size).toBe(5);
        expect(typeof body.record_count).toBe("number");
      }
    });

    it("caps pages at 100 records whatever page_size asks", async () => {
      const seen: number[] = [];
      for (let pageNo = 1; pageNo <= 4; pageNo++) {
        const body = await (await haloGet(sim, token, `/Users?pageinate=true&page_size=1000&page_no=${pageNo}`)).json();
        expect(body.record_count).toBe(250);
        expect(body.page_size).toBe(1000);
        seen.push(body.users.length);
      }
      expect(seen).toEqual([100, 100, 50, 0]);
    });

    it("returns count=N records without paging", async () => {
      const body = await (await haloGet(sim, token, "/Users?count=7")).json();
      expect(body.users).toHaveLength(7);
      expect(body.record_count).toBe(250);
    });

    it("serialises Site.client_id and Users.site_id as doubles", async () => {
      const sites = await (await haloGet(sim, token, "/Site?count=1")).text();
      expect(sites).toMatch(/"client_id":\d+\.0[,}]/);
      const user = await (await haloGet(sim, token, "/Users/10000")).text();
      expect(user).toMatch(/"site_id":\d+\.0[,}]/);
      expect(user).toMatch(/"site_id_int":\d+[,}]/);
      expect(user).toMatch(/"client_id":\d+[,}]/);
      expect(user).not.toMatch(/"client_id":\d+\.0/);
    });

    it("hides inactive records unless includeinactive=true", async () => {
      const state = sim.control.state() as HaloData;
      const inactive = state.sites.filter((s) => s.inactive).length + state.clients.filter((c) => c.inactive).length;
      const clientsAll = (await (await haloGet(sim, token, "/Client?includeinactive=true")).json()).record_count;
      const sitesAll = (await (await haloGet(sim, token, "/Site?includeinactive=true")).json()).record_count;
      const clients = (await (await haloGet(sim, token, "/Client")).json()).record_count;
      const sites = (await (await haloGet(sim, token, "/Site")).json()).record_count;
      expect(clientsAll).toBe(state.clients.length);
      expect(sitesAll).toBe(state.sites.length);
      expect(clientsAll + sitesAll - clients - sites).toBe(inactive);
    });

    it("filters by client_id, site_id and search", async () => {
      const state = sim.control.state() as HaloData;
      const client = state.clients[1];
      const sites = (await (await haloGet(sim, token, `/Site?client_id=${client.id}&includeinactive=true`)).json()).sites;
      expect(sites.length).toBe(state.sites.filter((s) => s.client_id === client.id).length);
      const users = (await (await haloGet(sim, token, "/Users?search=user 01")).json()).users;
      expect(users.map((u: HaloUser) => u.name)).toEqual(Array.from({ length: 10 }, (_, i) => `User 01${i}`));
      const site = state.users[0].site_id;
      const bySite = (await (await haloGet(sim, token, `/Users?site_id=${site}`)).json()).record_count;
      expect(bySite).toBe(250);
    });

    it("returns address lines with includeaddress and the address object by id", async () => {
      const withAddress = (await (await haloGet(sim, token, "/Site?count=1&includeaddress=true")).json()).sites[0];
      expect(withAddress).toHaveProperty("delivery_address_line1");
      expect(withAddress).toHaveProperty("delivery_address_line5");
      expect(withAddress).not.toHaveProperty("delivery_address");
      const plain = (await (await haloGet(sim, token, "/Site?count=1")).json()).sites[0];
      expect(plain).not.toHaveProperty("delivery_address_line1");
      const detail = await (await haloGet(sim, token, `/Site/${plain.id}`)).json();
      expect(Object.keys(detail.delivery_address).sort()).toEqual(["line1", "line2", "line3", "line4", "postcode"]);
    });

    it("adds the detail fields on /Client/{id} only", async () => {
      const listed = (await (await haloGet(sim, token, "/Client?count=50")).json()).clients;
      expect(listed.some((c: Record<string, unknown>) => "main_phonenumber" in c || "accountsemailaddress" in c)).toBe(false);
      expect(listed.some((c: Record<string, unknown>) => "website" in c)).toBe(true);
      const detail = await (await haloGet(sim, token, `/Client/${listed[0].id}`)).json();
      expect(detail).toHaveProperty("accountsemailaddress");
      expect(detail).toHaveProperty("datecreated");
    });

    it("uses Halo's date format and placeholders", async () => {
      const contracts = (await (await haloGet(sim, token, "/ClientContract?includeinactive=true")).json()).contracts;
      for (const c of contracts) {
        expect(c.start_date).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?$/);
        expect(c.last_modified).not.toMatch(/Z$/);
        expect(typeof c.billingdescription).toBe("number");
      }
      expect(contracts.some((c: { next_invoice_date: string }) => c.next_invoice_date === "1899-12-30T00:00:00")).toBe(true);
    });

    it("treats paths case-insensitively and refuses // with 404", async () => {
      expect((await haloGet(sim, token, "/client?count=1")).status).toBe(200);
      expect((await haloGet(sim, token, "/CLIENT?count=1")).status).toBe(200);
      expect((await fetch(`${sim.url}/api//Client`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(404);
      expect((await fetch(`${sim.url}//auth/token`, { method: "POST" })).status).toBe(404);
    });

    it("returns a bare record by id, 404 for an unknown one", async () => {
      const res = await haloGet(sim, token, "/Users/10001");
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ id: 10001, name: "User 001" });
      expect((await haloGet(sim, token, "/Users/999999")).status).toBe(404);
      expect((await haloGet(sim, token, "/Nothing")).status).toBe(404);
    });

    it("expires tokens on demand", async () => {
      const own = await haloToken(sim);
      expect((await haloGet(sim, own, "/Client?count=1")).status).toBe(200);
      sim.control.expireAllTokens();
      expect((await haloGet(sim, own, "/Client?count=1")).status).toBe(401);
      token = await haloToken(sim);
    });

    it("counts requests by route", async () => {
      const [a, b] = (sim.control.state() as HaloData).clients;
      sim.control.resetCounts();
      await haloGet(sim, token, `/Client/${a.id}`);
      await haloGet(sim, token, `/client/${b.id}`);
      await haloGet(sim, token, "/Client?count=1");
      expect(sim.control.requestCounts()).toEqual({ "GET /api/client/:id": 2, "GET /api/client": 1 });
      expect(sim.control.requests().map((r) => r.status)).toEqual([200, 200, 200]);
    });
  });
});

describe("Halo simulator options", () => {
  const sims: HaloSim[] = [];
  const start = async (opts: Parameters<typeof startHaloSim>[0]) => {
    const sim = await startHaloSim({ rateLimit: false, ...opts });
    sims.push(sim);
    return sim;
  };
  afterAll(async () => {
    await Promise.all(sims.map((s) => s.close()));
  });

  it("lets tokens expire after tokenLifetimeSeconds", async () => {
    const sim = await start({ tokenLifetimeSeconds: 0.3 });
    const token = await haloToken(sim);
    expect((await haloGet(sim, token, "/Client?count=1")).status).toBe(200);
    await new Promise((r) => setTimeout(r, 400));
    expect((await haloGet(sim, token, "/Client?count=1")).status).toBe(401);
  });

  it("offers each wrong-tenant style", async () => {
    const a = await start({ wrongTenantStyle: "401-invalid-client" });
    const resA = await haloTokenResponse(a, {}, "?tenant=other");
    expect(resA.status).toBe(401);
    expect(await resA.json()).toEqual({ error: "invalid_client" });
    const b = await start({ wrongTenantStyle: "404" });
    expect((await haloTokenResponse(b, {}, "?tenant=other")).status).toBe(404);
  });

  it("does not need a tenant when tenantRequired is false", async () => {
    const sim = await start({ tenantRequired: false });
    expect((await haloTokenResponse(sim, {}, "")).status).toBe(200);
  });

  it("answers 403 on endpoints without permission", async () => {
    const sim = await start({ permissions: { Users: false } });
    const token = await haloToken(sim);
    expect((await haloGet(sim, token, "/Users")).status).toBe(403);
    expect((await haloGet(sim, token, "/Users/41")).status).toBe(403);
    expect((await haloGet(sim, token, "/Client")).status).toBe(200);
  });

  it("shows inactive records by default when inactiveHiddenByDefault is false", async () => {
    const sim = await start({ inactiveHiddenByDefault: false });
    const token = await haloToken(sim);
    const state = sim.control.state() as HaloData;
    expect((await (await haloGet(sim, token, "/Users")).json()).record_count).toBe(state.users.length);
  });

  it("can leave website out of the Client list", async () => {
    const sim = await start({ clientListWebsite: false });
    const token = await haloToken(sim);
    const clients = (await (await haloGet(sim, token, "/Client")).json()).clients;
    expect(clients.some((c: Record<string, unknown>) => "website" in c)).toBe(false);
  });

  it("can report a larger record_count than it serves, so a sweep ends early", async () => {
    const sim = await start({ recordCountExtra: { Users: 4 } });
    let token = await haloToken(sim);
    const served = (sim.control.state() as HaloData).users.filter((u) => !u.inactive).length;
    const page = async (n: number) => (await haloGet(sim, token, `/Users?pageinate=true&page_size=100&page_no=${n}`)).json();
    const first = await page(1);
    expect(first.record_count).toBe(served + 4);
    expect(first.users).toHaveLength(Math.min(100, served));
    expect((await page(Math.ceil(served / 100) + 1)).users).toEqual([]);
    const clients = await (await haloGet(sim, token, "/Client")).json();
    expect(clients.record_count).toBe(clients.clients.length);

    sim.setRecordCountExtra({});
    expect((await page(1)).record_count).toBe(served);
    sim.setRecordCountExtra({ Users: 1 });
    sim.control.resetData();
    token = await haloToken(sim);
    expect((await page(1)).record_count).toBe(served + 4);
  });

  it("rate limits with a rolling window, the token call included", async () => {
    const sim = await start({ rateLimit: { limit: 5, windowMs: 500 } });
    const token = await haloToken(sim); // 1
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await haloGet(sim, token, "/Client?count=1")).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
    const res = await haloGet(sim, token, "/Client?count=1");
    expect(res.headers.get("retry-after")).toBeNull();
    expect(await res.text()).toBe("Rate Limit Reached - 5 Requests per rolling 0.5 second window");
    await new Promise((r) => setTimeout(r, 550));
    expect((await haloGet(sim, token, "/Client?count=1")).status).toBe(200);
  });

  it("words the 429 from the configured figures and scales windows", async () => {
    const sim = await start({ rateLimit: { limit: 2, windowMs: 300_000 }, rateLimitScale: 1 });
    const token = await haloToken(sim);
    await haloGet(sim, token, "/Client");
    const res = await haloGet(sim, token, "/Client");
    expect(res.status).toBe(429);
    expect(await res.text()).toBe("Rate Limit Reached - 2 Requests per rolling 5 minute window");

    const scaled = await start({ rateLimit: { limit: 1, windowMs: 30_000 }, rateLimitScale: 100 }); // 300 ms window
    const t2 = await haloToken(scaled);
    expect((await haloGet(scaled, t2, "/Client")).status).toBe(429);
    await new Promise((r) => setTimeout(r, 350));
    expect((await haloGet(scaled, t2, "/Client")).status).toBe(200);
  });
});
