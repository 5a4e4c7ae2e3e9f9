import { afterEach, describe, expect, it } from "vitest";
import { startHaloSim, type HaloSimOptions } from "@/sim/halo/server";
import type { HaloConfigInput } from "@/lib/halo/config";
import { testHaloConnection } from "./test-halo";

/** Each verdict of the Halo connection test, against the Halo simulator. */

const running: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

async function sim(options: HaloSimOptions = {}) {
  const s = await startHaloSim({ rateLimit: false, ...options });
  running.push(s);
  const config: HaloConfigInput = {
    authUrl: s.authUrl,
    resourceUrl: s.resourceUrl,
    tenant: s.tenant,
    clientId: s.clientId,
    clientSecret: s.clientSecret,
  };
  return { s, config };
}

const byId = (result: Awaited<ReturnType<typeof testHaloConnection>>) => Object.fromEntries(result.checks.map((c) => [c.id, c]));

describe("testHaloConnection", () => {
  it("passes every check with good settings and reports record counts", async () => {
    const { s, config } = await sim();
    const result = await testHaloConnection(config);
    expect(result.ok).toBe(true);
    expect(result.checks.map((c) => c.id)).toEqual(["token", "clients", "sites", "users", "contracts"]);
    const checks = byId(result);
    const data = s.control.state() as { clients: unknown[]; users: unknown[] };
    expect(checks.clients.message).toBe(`Can read clients: Halo reports ${data.clients.length} (active and inactive).`);
    expect(checks.users.message).toBe(`Can read users (contacts): Halo reports ${data.users.length} (active and inactive).`);
  });

  it("says the client ID or secret is wrong", async () => {
    const { config } = await sim({ wrongTenantStyle: "400-invalid-request" });
    for (const bad of [{ clientId: "00000000-0000-0000-0000-000000000000" }, { clientSecret: "nope" }]) {
      const result = await testHaloConnection({ ...config, ...bad });
      expect(result.ok).toBe(false);
      const checks = byId(result);
      expect(checks.token).toMatchObject({ ok: false, detail: "halo_bad_credentials (HTTP 401)" });
      expect(checks.token.message).toMatch(/^Halo refused the client ID or client secret\./);
      expect(checks.clients).toMatchObject({ ok: false, skipped: true });
    }
  });

  it.each(["400-invalid-request", "404"] as const)("says check the tenant when the tenant is wrong (%s)", async (style) => {
    const { config } = await sim({ wrongTenantStyle: style });
    const result = await testHaloConnection({ ...config, tenant: "acme-wrong" });
    const token = byId(result).token;
    expect(token.ok).toBe(false);
    expect(token.detail).toMatch(/^halo_unknown_tenant/);
    expect(token.message).toMatch(/tenant "acme-wrong"\. Check the tenant name/);
  });

  it("says a tenant is needed when a hosted Halo gets none", async () => {
    const { config } = await sim({ wrongTenantStyle: "404" });
    const token = byId(await testHaloConnection({ ...config, tenant: "" })).token;
    expect(token.detail).toMatch(/^halo_unknown_tenant/);
    expect(token.message).toMatch(/^Halo needs a tenant name/);
  });

  it("names both causes when Halo answers invalid_client for a wrong tenant too", async () => {
    const { config } = await sim({ wrongTenantStyle: "401-invalid-client" });
    const token = byId(await testHaloConnection({ ...config, tenant: "acme-wrong" })).token;
    expect(token.detail).toMatch(/^halo_bad_credentials/);
    expect(token.message).toMatch(/if they are right, check the tenant "acme-wrong"/);
  });

  it("says check the tenant when an on-premises Halo works without one", async () => {
    const { config } = await sim({ wrongTenantStyle: "401-invalid-client", tenantRequired: false });
    const token = byId(await testHaloConnection({ ...config, tenant: "acme-wrong" })).token;
    expect(token.detail).toMatch(/^halo_unknown_tenant/);
    expect(token.message).toMatch(/leave it empty/);
  });

  it("says the authorisation server was not found (does it end in /auth?)", async () => {
    const { s, config } = await sim();
    for (const authUrl of [s.url, `${s.url}/authorise`]) {
      const token = byId(await testHaloConnection({ ...config, authUrl })).token;
      expect(token.detail).toMatch(/^halo_auth_not_found/);
      expect(token.message).toMatch(/does it end in \/auth/);
    }
  });

  it("says Halo is unreachable", async () => {
    const { s, config } = await sim();
    await s.close();
    const result = await testHaloConnection(config);
    const token = byId(result).token;
    expect(token.detail).toBe("unreachable");
    expect(token.message).toMatch(/^Could not reach Halo at 127\.0\.0\.1:\d+ \(get an access token\)/);
  });

  it("says Halo timed out", async () => {
    const { s, config } = await sim();
    s.control.setLatency(1500);
    const started = Date.now();
    const token = byId(await testHaloConnection(config, { timeoutMs: 300 })).token;
    expect(token.detail).toBe("timeout");
    expect(token.message).toMatch(/^Halo did not answer within 0\.3 s \(get an access token\)/);
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it("names the missing permission on a 403 and still tries the other reads", async () => {
    const { config } = await sim({ permissions: { Users: false, ClientContract: false } });
    const result = await testHaloConnection(config);
    const checks = byId(result);
    expect(result.ok).toBe(false);
    expect(checks.token.ok).toBe(true);
    expect(checks.clients.ok).toBe(true);
    expect(checks.sites.ok).toBe(true);
    expect(checks.users).toMatchObject({ ok: false, detail: "forbidden (HTTP 403)" });
    expect(checks.users.message).toMatch(/^Halo refused to list users \(contacts\) \(403\).*"read:customers" permission/);
    expect(checks.contracts.message).toMatch(/"read:contracts" permission/);
  });

  it("says the resource server URL looks wrong and skips the other reads", async () => {
    const { s, config } = await sim();
    const result = await testHaloConnection({ ...config, resourceUrl: `${s.url}/apis` });
    const checks = byId(result);
    expect(checks.token.ok).toBe(true);
    expect(checks.clients.message).toMatch(/does it end in \/api/);
    expect(checks.sites).toMatchObject({ ok: false, skipped: true });
  });

  it("reports incomplete settings without calling anything", async () => {
    const result = await testHaloConnection({ authUrl: "not a url", resourceUrl: "https://x.example/api", clientId: "", clientSecret: "s" });
    expect(result.checks[0]).toMatchObject({ id: "token", ok: false, detail: "invalid_config" });
    expect(result.checks[0].message).toMatch(/^The Halo settings are incomplete/);
    expect(JSON.stringify(result)).not.toContain('"s"');
  });
});
