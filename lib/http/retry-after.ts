/**
 * Reads a `Retry-After` header: either delta-seconds ("42") or an HTTP date
 * ("Wed, 21 Oct 2026 07:28:00 GMT"). Returns the wait in ms (never negative), or undefined when
 * the header is absent or unreadable, so the caller falls back to its window arithmetic.
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value == null) return undefined;
  const text = value.trim();
  if (text === "") return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}
