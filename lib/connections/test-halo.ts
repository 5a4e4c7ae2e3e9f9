import { isSyncError, SyncError } from "@/lib/errors";
import { HaloClient } from "@/lib/halo/client";
import type { HaloConfigInput } from "@/lib/halo/config";
import type { HaloRecordType } from "@/lib/halo/records";
import { failed, formatCount, passed, skipped, summarise, type ConnectionTestOptions, type ConnectionTestResult } from "./checks";

export type HaloCheckId = "token" | "clients" | "sites" | "users" | "contracts";

/** Retry little and wait little: an admin is watching a spinner. */
const TEST_RETRY = { maxAttempts: 1, maxRateLimitWaits: 1, maxRateLimitWaitMs: 20_000 };
const DEFAULT_TEST_TIMEOUT_MS = 15_000;

const reads: Array<{ id: Exclude<HaloCheckId, "token">; type: HaloRecordType; noun: string; permission: string }> = [
  { id: "clients", type: "client", noun: "clients", permission: "read:customers" },
  { id: "sites", type: "site", noun: "sites", permission: "read:customers" },
  { id: "users", type: "user", noun: "users (contacts)", permission: "read:customers" },
  { id: "contracts", type: "contract", noun: "contracts", permission: "read:contracts" },
];

/** Errors after which the other reads would fail the same way, so they are not tried. */
const SERVER_WIDE = new Set(["not_found", "bad_response", "unreachable", "timeout", "unauthorized", "rate_limited", "aborted"]);

/**
 * Tests Halo settings and returns a precise verdict: the token first (bad id or secret, unknown
 * tenant, no authorisation server at that URL, unreachable, timed out), then one small read
 * each of clients, sites, users and contracts (a 403 names the missing permission).
 */
export async function testHaloConnection(
  config: HaloConfigInput,
  options: ConnectionTestOptions = {},
): Promise<ConnectionTestResult<HaloCheckId>> {
  const remaining = reads.map((r) => r.id);
  let client: HaloClient;
  try {
    client = makeClient(config, options);
  } catch (error) {
    return summarise([failed("token", error, "halo", options), ...remaining.map((id) => skipped(id, "Not tried: fix the settings first."))]);
  }

  try {
    await client.getAccessToken(options.signal);
  } catch (error) {
    const diagnosed = await diagnoseTokenFailure(config, error, options);
    return summarise([
      failed("token", diagnosed, "halo", options),
      ...remaining.map((id) => skipped(id, "Not tried: Halo did not give us an access token.")),
    ]);
  }

  const checks: ConnectionTestResult<HaloCheckId>["checks"] = [passed("token", "Signed in to Halo: the client ID, secret and tenant were accepted.")];
  let stop: string | undefined;
  for (const read of reads) {
    if (stop) {
      checks.push(skipped(read.id, stop));
      continue;
    }
    try {
      const { recordCount } = await client.peek(read.type, options.signal);
      checks.push(
        passed(
          read.id,
          recordCount === undefined
            ? `Can read ${read.noun}.`
            : `Can read ${read.noun}: Halo reports ${formatCount(recordCount)} (active and inactive).`,
        ),
      );
    } catch (error) {
      checks.push(failed(read.id, error, "halo", options, readFailureMessage(error, read)));
      if (isSyncError(error) && SERVER_WIDE.has(error.code)) stop = "Not tried: the read above failed for a reason that would stop this one too.";
    }
  }
  return summarise(checks);
}

function makeClient(config: HaloConfigInput, options: ConnectionTestOptions): HaloClient {
  return new HaloClient({ ...config, timeoutMs: options.timeoutMs ?? config.timeoutMs ?? DEFAULT_TEST_TIMEOUT_MS }, { retry: TEST_RETRY });
}

function readFailureMessage(error: unknown, read: (typeof reads)[number]): string | undefined {
  if (!isSyncError(error)) return undefined;
  switch (error.code) {
    case "forbidden":
      return `Halo refused to list ${read.noun} (403): the API application, or the agent it logs in as, lacks permission. In Halo, give the application the "${read.permission}" permission and check the agent's access to ${read.noun}.`;
    case "not_found":
      return `The resource server has no ${read.noun} endpoint at that address. Check the resource server URL: does it end in /api (e.g. https://yourname.halopsa.com/api)?`;
    case "bad_response":
      return `The resource server answered, but not like Halo's API. Check the resource server URL: does it end in /api (e.g. https://yourname.halopsa.com/api)?`;
    case "unauthorized":
      return "Halo gave us a token but the resource server refused it. Check that the resource server and the authorisation server belong to the same Halo, and the tenant.";
    default:
      return undefined;
  }
}

/**
 * Halo does not document what a wrong tenant looks like, and a wrong or missing tenant can look
 * like a bad secret (401 invalid_client) or a missing server (404). Two cheap probes sort it out:
 * - after a 404, GET the token endpoint: anything but 404 means the server is there, so the
 *   tenant is what failed;
 * - after "bad credentials" with a tenant set, ask once more without it: a token then means the
 *   tenant is wrong. When nothing separates the two (a Halo that answers invalid_client for both),
 *   the message names both.
 */
async function diagnoseTokenFailure(config: HaloConfigInput, error: unknown, options: ConnectionTestOptions): Promise<unknown> {
  if (!isSyncError(error)) return error;
  const tenant = config.tenant?.trim() || undefined;
  const tenantError = (extra = "") =>
    new SyncError({
      code: "halo_unknown_tenant",
      service: "halo",
      status: error.status,
      userMessage: tenant
        ? `Halo did not accept the tenant "${tenant}". Check the tenant name under Configuration > Integrations > Halo API > API Details${extra}.`
        : "Halo needs a tenant name for this instance. Copy it from Configuration > Integrations > Halo API > API Details.",
      detail: `${error.detail}; diagnosed by probe`,
    });

  if (error.code === "halo_auth_not_found" && error.status === 404) {
    const status = await makeClient(config, options).probeTokenEndpoint(options.signal);
    return status !== undefined && status !== 404 ? tenantError() : error;
  }
  if (error.code !== "halo_bad_credentials") return error;
  if (tenant) {
    try {
      await makeClient({ ...config, tenant: undefined }, options).getAccessToken(options.signal);
      return tenantError(" (this Halo also works without one, so you can leave it empty)");
    } catch {
      // Inconclusive: fall through to the message that names both causes.
    }
  }
  return new SyncError({
    code: "halo_bad_credentials",
    service: "halo",
    status: error.status,
    userMessage: tenant
      ? `Halo refused the client ID or client secret. Check both (copy them again from the API application in Halo); if they are right, check the tenant "${tenant}".`
      : "Halo refused the client ID or client secret. Check both (copy them again from the API application in Halo); if they are right and your Halo is hosted, enter its tenant name.",
    detail: error.detail,
  });
}
