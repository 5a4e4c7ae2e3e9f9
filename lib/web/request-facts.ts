/**
 * What the dashboard may believe about an incoming request: the client's address and whether
 * the browser reached us over https.
 *
 * Next.js fills X-Forwarded-For and X-Forwarded-Proto only when the client did not send them,
 * so without a reverse proxy in front both are whatever the client chose to say. They are
 * believed only when TRUST_PROXY says how many proxies stand in front: each proxy appends the
 * address it saw, so the client's real address is that many entries from the right (entries
 * further left were written by the client and prove nothing).
 */

/** Headers as a Fetch `Headers` or as next-auth's plain object. */
export type HeaderSource = Headers | Record<string, string | string[] | undefined> | undefined | null;

function header(headers: HeaderSource, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name) ?? undefined;
  const value = (headers as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(value) ? value.join(",") : value;
}

/** The `hops`-th entry from the right of a comma-separated forwarding header. */
function fromRight(value: string | undefined, hops: number): string | undefined {
  const entries = (value ?? "").split(",").map((e) => e.trim()).filter(Boolean);
  return entries.length >= hops ? entries[entries.length - hops] : undefined;
}

/**
 * The client's address as the nearest trusted proxy saw it, or undefined when it cannot be
 * known (no trusted proxy: the sign-in throttle then works per account only).
 */
export function clientAddress(headers: HeaderSource, trustProxy: number): string | undefined {
  if (trustProxy < 1) return undefined;
  return fromRight(header(headers, "x-forwarded-for"), trustProxy) ?? header(headers, "x-real-ip")?.trim() ?? undefined;
}

/**
 * True when the browser talks to the dashboard over https: its public URL says so, or a trusted
 * proxy reports https. Session cookies are then marked Secure (never sent over plain http).
 */
export function servedOverHttps({
  headers,
  publicUrl,
  trustProxy,
}: {
  headers: HeaderSource;
  publicUrl: string | undefined;
  trustProxy: number;
}): boolean {
  if (publicUrl?.toLowerCase().startsWith("https://")) return true;
  if (trustProxy < 1) return false;
  return fromRight(header(headers, "x-forwarded-proto"), 1)?.toLowerCase() === "https";
}
