import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { servedOverHttps } from "@/lib/web/request-facts";
import { contentSecurityPolicy, newNonce, STATIC_SECURITY_HEADERS } from "@/lib/web/security-headers";

/**
 * Runs before every request (no matcher: pages, actions, route handlers and static files alike)
 * and gives every response the security headers. The Content-Security-Policy carries a fresh
 * nonce; it is also put on the request, where Next.js reads it and stamps its own scripts with
 * it (which is why every page renders dynamically: see app/layout.tsx).
 * Authorisation is not done here: each page, action and route handler checks the session itself.
 */
export function proxy(request: NextRequest) {
  const e = env();
  const csp = contentSecurityPolicy({
    nonce: newNonce(),
    dev: e.NODE_ENV === "development",
    https: servedOverHttps({ headers: request.headers, publicUrl: e.NEXTAUTH_URL, trustProxy: e.TRUST_PROXY }),
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", csp);
  for (const [name, value] of Object.entries(STATIC_SECURITY_HEADERS)) response.headers.set(name, value);
  return response;
}
