import { isSyncError } from "@/lib/errors";
import { HuduClient } from "@/lib/hudu/client";
import type { HuduConfigInput } from "@/lib/hudu/config";
import { failed, passed, skipped, summarise, type ConnectionCheck, type ConnectionTestOptions, type ConnectionTestResult } from "./checks";

export type HuduCheckId = "api_info" | "key" | "companies" | "layouts";

const TEST_RETRY = { maxAttempts: 1, maxRateLimitWaits: 1, maxRateLimitWaitMs: 20_000 };
const DEFAULT_TEST_TIMEOUT_MS = 15_000;

/**
 * Tests Hudu settings: the instance answers with its version (api_info), the API key is
 * accepted, companies can be read, asset layouts can be read.
 */
export async function testHuduConnection(
  config: HuduConfigInput,
  options: ConnectionTestOptions = {},
): Promise<ConnectionTestResult<HuduCheckId>> {
  let client: HuduClient;
  try {
    client = new HuduClient({ ...config, timeoutMs: options.timeoutMs ?? config.timeoutMs ?? DEFAULT_TEST_TIMEOUT_MS }, { retry: TEST_RETRY });
  } catch (error) {
    return summarise([
      failed("api_info", error, "hudu", options),
      skipped("key", "Not tried: fix the settings first."),
      skipped("companies", "Not tried: fix the settings first."),
      skipped("layouts", "Not tried: fix the settings first."),
    ]);
  }
  const host = new URL(client.config.baseUrl).host;
  const checks: Array<ConnectionCheck<HuduCheckId>> = [];

  try {
    const info = await client.apiInfo(options.signal);
    checks.push(passed("api_info", `Reached Hudu ${info.version} at ${host}.`));
    checks.push(passed("key", "Hudu accepted the API key."));
  } catch (error) {
    if (isSyncError(error) && error.code === "hudu_bad_key") {
      checks.push(skipped("api_info", `Reached ${host}, but Hudu tells its version only to a valid API key.`));
      checks.push(failed("key", error, "hudu", options));
    } else {
      checks.push(failed("api_info", error, "hudu", options, apiInfoFailureMessage(error, host)));
      checks.push(skipped("key", "Not tried: Hudu could not be reached at that address."));
    }
    checks.push(skipped("companies", "Not tried: fix the check above first."));
    checks.push(skipped("layouts", "Not tried: fix the check above first."));
    return summarise(checks);
  }

  try {
    await client.peekCompanies(options.signal);
    checks.push(passed("companies", "Can read companies."));
  } catch (error) {
    checks.push(
      failed("companies", error, "hudu", options, isSyncError(error) && error.code === "forbidden"
        ? "Hudu refused to list companies (403). Check the API key's restrictions: it may be limited to certain companies or features."
        : undefined),
    );
  }
  try {
    await client.peekAssetLayouts(options.signal);
    checks.push(passed("layouts", "Can read asset layouts."));
  } catch (error) {
    checks.push(
      failed("layouts", error, "hudu", options, isSyncError(error) && error.code === "forbidden"
        ? "Hudu refused to list asset layouts (403). Check the API key's restrictions in Hudu (Admin > API Keys)."
        : undefined),
    );
  }
  return summarise(checks);
}

function apiInfoFailureMessage(error: unknown, host: string): string | undefined {
  if (!isSyncError(error)) return undefined;
  if (error.code === "not_found" || error.code === "bad_response") {
    return `${host} answered, but not like Hudu's API. Check the Hudu URL: it is the address you open Hudu at, e.g. https://yourname.huducloud.com (without /api/v1).`;
  }
  return undefined;
}
