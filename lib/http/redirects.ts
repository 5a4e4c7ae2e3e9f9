/**
 * Redirects, followed by hand so no credential leaves the server it was meant for.
 *
 * fetch's own redirect handling keeps custom headers (x-api-key) and, on 307/308, the body (a
 * token request's client_secret) when it follows a redirect to another server. Here a redirect
 * is followed only to the same origin, or from http:// to https:// on the same host (a server
 * upgrading the connection); anything else stops with `RedirectRefused`, which names where the
 * server pointed so the admin can correct the saved address.
 */

import { serviceLabel, SyncError, type ServiceName } from "@/lib/errors";

export const MAX_REDIRECTS = 5;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export class RedirectRefused extends Error {
  readonly from: URL;
  /** Where the server pointed; null when its Location header was not an address. */
  readonly to: URL | null;
  readonly reason: "other-server" | "too-many" | "bad-location";

  constructor(init: { from: URL; to: URL | null; reason: RedirectRefused["reason"] }) {
    super(`redirect from ${init.from.origin}${init.from.pathname} to ${init.to ? `${init.to.origin}${init.to.pathname}` : "an unreadable address"} refused (${init.reason})`);
    this.name = "RedirectRefused";
    this.from = init.from;
    this.to = init.to;
    this.reason = init.reason;
  }
}

/** May a request to `from`, with its credentials, be repeated at `to`? */
export function redirectAllowed(from: URL, to: URL): boolean {
  if (to.origin === from.origin) return true;
  return from.protocol === "http:" && to.protocol === "https:" && from.hostname === to.hostname;
}

/** How a request is repeated after a redirect: 303, and 301/302 after a POST, become a GET without body (as browsers do). */
function nextRequest(status: number, init: RequestInit): RequestInit {
  const method = (init.method ?? "GET").toUpperCase();
  if (status === 303 || ((status === 301 || status === 302) && method === "POST")) {
    const headers = new Headers(init.headers);
    headers.delete("content-type");
    return { ...init, method: method === "HEAD" ? "HEAD" : "GET", body: undefined, headers };
  }
  return init;
}

/**
 * fetch, following only allowed redirects (at most MAX_REDIRECTS). Returns the final response and
 * the address that gave it. A 3xx without a Location header is an ordinary answer.
 */
export async function fetchFollowingSafeRedirects(
  fetchImpl: typeof fetch,
  url: URL,
  init: RequestInit,
): Promise<{ response: Response; url: URL }> {
  let current = url;
  let request = init;
  for (let hop = 0; ; hop++) {
    const response = await fetchImpl(current, { ...request, redirect: "manual" });
    const location = REDIRECT_STATUSES.has(response.status) ? response.headers.get("location") : null;
    if (location === null) return { response, url: current };
    // The redirect's own body is never read; release its connection.
    await response.body?.cancel().catch(() => undefined);
    let next: URL;
    try {
      next = new URL(location, current);
    } catch {
      throw new RedirectRefused({ from: current, to: null, reason: "bad-location" });
    }
    if (!redirectAllowed(current, next)) throw new RedirectRefused({ from: current, to: next, reason: "other-server" });
    if (hop >= MAX_REDIRECTS) throw new RedirectRefused({ from: current, to: next, reason: "too-many" });
    request = nextRequest(response.status, request);
    current = next;
  }
}

/** The typed error for a refused redirect: names where the server pointed, never retried. */
export function redirectRefusedError(service: ServiceName, operation: string, refused: RedirectRefused): SyncError {
  const label = serviceLabel(service);
  const from = refused.from.host;
  const to = refused.to ? `${refused.to.origin}${refused.to.pathname}` : "an address that could not be read";
  const userMessage =
    refused.reason === "too-many"
      ? `${label} at ${from} redirected more than ${MAX_REDIRECTS} times (${operation}); the last redirect pointed to ${to}. Check the ${label} address in the settings.`
      : `${label} at ${from} answered with a redirect to ${to} (${operation}), which is another server. Credentials are never sent on to another server: if that is ${label}'s real address, save it as the ${label} address in the settings.`;
  return new SyncError({ code: "invalid_config", service, userMessage, detail: refused.message, cause: refused });
}
