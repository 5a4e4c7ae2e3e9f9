/**
 * The headers every response carries. Kept free of Next.js imports so they can be tested alone.
 *
 * Scripts: only those carrying this response's nonce (Next.js adds it to its own scripts when
 * it finds the nonce in the request's Content-Security-Policy header), and what they load
 * ('strict-dynamic'). An injected <script> or inline handler does not run. Development adds
 * 'unsafe-eval', which React's dev build needs for its error overlays.
 * Styles: 'unsafe-inline', because the board's virtual lists and drag previews position rows
 * with style attributes (a nonce cannot cover attributes); CSS cannot run code.
 * Nothing may frame the dashboard (clickjacking), and forms post only to it.
 */
export function contentSecurityPolicy({ nonce, dev, https }: { nonce: string; dev: boolean; https: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    // Only over https: on plain http (a local test server) it would send the browser to an https that is not there.
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** The rest: no MIME sniffing, no referrer to other sites, no framing in old browsers. */
export const STATIC_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "same-origin",
  "X-Frame-Options": "DENY",
};

/** A fresh, unguessable nonce for one response. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString("base64");
}
