import { isSyncError, type SyncError } from "@/lib/errors";
import { HuduClient } from "@/lib/hudu/client";
import type { HuduConfigInput } from "@/lib/hudu/config";
import { failed, passed, skipped, summarise, type ConnectionCheck, type ConnectionTestOptions, type ConnectionTestResult } from "./checks";

export type HuduCheckId = "api_info" | "key" | "companies" | "layouts";

/** A test never waits out a rate limit: it says until when Hudu is limiting the key. */
const TEST_RETRY = { maxAttempts: 1, maxRateLimitWaits: 0 };
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

  // A 429 earlier in this process (an import, a previous test) holds every request to this Hudu.
  const limitedUntil = client.rateLimitedUntil();
  if (limitedUntil !== undefined) {
    return summarise([
      { id: "api_info", ok: false, message: limitedMessage(limitedUntil), detail: "rate_limited" },
      skipped("key", NOT_TRIED_LIMITED),
      skipped("companies", NOT_TRIED_LIMITED),
      skipped("layouts", NOT_TRIED_LIMITED),
    ]);
  }

  try {
    const info = await client.apiInfo(options.signal);
    checks.push(passed("api_info", `Reached Hudu ${info.version} at ${host}.`));
    checks.push(passed("key", "Hudu accepted the API key."));
  } catch (error) {
    if (isSyncError(error) && error.code === "hudu_bad_key") {
      checks.push(skipped("api_info", `Reached ${host}, but Hudu tells its version only to a valid API key.`));
      checks.push(failed("key", error, "hudu", options));
    } else if (isRateLimited(error)) {
      checks.push(failed("api_info", error, "hudu", options, limitedMessage(error.retryAt)));
      checks.push(skipped("key", NOT_TRIED_LIMITED));
    } else {
      checks.push(failed("api_info", error, "hudu", options, apiInfoFailureMessage(error, host)));
      checks.push(skipped("key", "Not tried: Hudu could not be reached at that address."));
    }
    const why = isRateLimited(error) ? NOT_TRIED_LIMITED : "Not tried: fix the check above first.";
    checks.push(skipped("companies", why));
    checks.push(skipped("layouts", why));
    return summarise(checks);
  }

  const reads: Array<{ id: HuduCheckId; read: () => Promise<unknown>; ok: string; forbidden: string }> = [
    {
      id: "companies",
      read: () => client.peekCompanies(options.signal),
      ok: "Can read companies.",
      forbidden: "Hudu refused to list companies (403). Check the API key's restrictions: it may be limited to certain companies or features.",
    },
    {
      id: "layouts",
      read: () => client.peekAssetLayouts(options.signal),
      ok: "Can read asset layouts.",
      forbidden: "Hudu refused to list asset layouts (403). Check the API key's restrictions in Hudu (Admin > API Keys).",
    },
  ];
  let limited = false;
  for (const { id, read, ok, forbidden } of reads) {
    if (limited) {
      checks.push(skipped(id, NOT_TRIED_LIMITED));
      continue;
    }
    try {
      await read();
      checks.push(passed(id, ok));
    } catch (error) {
      limited = isRateLimited(error);
      const message = limited ? limitedMessage((error as SyncError).retryAt) : isSyncError(error) && error.code === "forbidden" ? forbidden : undefined;
      checks.push(failed(id, error, "hudu", options, message));
    }
  }
  return summarise(checks);
}

const NOT_TRIED_LIMITED = "Not tried: Hudu is limiting this key for now.";

function isRateLimited(error: unknown): error is SyncError {
  return isSyncError(error) && error.code === "rate_limited";
}

/** "Hudu is limiting this key until 14:05": the local time its window resets. */
function limitedMessage(until: number | undefined): string {
  if (until === undefined) return "Hudu is limiting this key (too many requests). Test again in a few minutes.";
  return `Hudu is limiting this key until ${clockTime(until)} (too many requests: its rate limit resets then). Test again after that.`;
}

/** 14:05, or 14:05:30 when the moment is not on a whole minute (server's local time). */
function clockTime(at: number): string {
  const d = new Date(Math.round(at / 1000) * 1000);
  const pad = (n: number) => String(n).padStart(2, "0");
  const hm = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  return d.getSeconds() === 0 ? hm : `${hm}:${pad(d.getSeconds())}`;
}

function apiInfoFailureMessage(error: unknown, host: string): string | undefined {
  if (!isSyncError(error)) return undefined;
  if (error.code === "not_found" || error.code === "bad_response") {
    return `${host} answered, but not like Hudu's API. Check the Hudu URL: it is the address you open Hudu at, e.g. https://yourname.huducloud.com (without /api/v1).`;
  }
  return undefined;
}
