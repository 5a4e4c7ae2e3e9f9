import { expect, test, type Response } from "@playwright/test";
import { ADMIN, ADMIN_STATE, readDemoInfo } from "./env";

// Every response carries the security headers; the page scripts run under a nonce-based
// Content-Security-Policy without a single violation; session cookies are Secure whenever the
// dashboard is reached over https.

test.use({ storageState: ADMIN_STATE });

function expectSecurityHeaders(headers: Record<string, string>, what: string) {
  const csp = headers["content-security-policy"] ?? "";
  expect(csp, `CSP on ${what}`).toContain("frame-ancestors 'none'");
  expect(csp, `CSP on ${what}`).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'/);
  expect(csp, `CSP on ${what}`).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(headers["x-content-type-options"], `nosniff on ${what}`).toBe("nosniff");
  expect(headers["referrer-policy"], `Referrer-Policy on ${what}`).toBe("same-origin");
}

test("every kind of response carries the security headers", async ({ page, baseURL }) => {
  const seen: Response[] = [];
  page.on("response", (r) => {
    if (r.url().startsWith(baseURL!)) seen.push(r);
  });
  // Page loads, client-side navigation (RSC payloads), static scripts and styles.
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Users" })).toBeVisible();
  // A server action (refused input: nothing is written).
  await page.getByLabel("E-mail").fill("not an e-mail");
  await page.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByText("Enter a valid e-mail address.")).toBeVisible();

  const kinds = {
    page: seen.find((r) => r.request().resourceType() === "document"),
    rsc: seen.find((r) => r.request().headers()["rsc"] === "1"),
    action: seen.find((r) => r.request().method() === "POST" && !!r.request().headers()["next-action"]),
    script: seen.find((r) => r.request().resourceType() === "script"),
    style: seen.find((r) => r.request().resourceType() === "stylesheet"),
  };
  for (const [kind, response] of Object.entries(kinds)) {
    expect(response, `a ${kind} response was seen`).toBeDefined();
    expectSecurityHeaders(await response!.allHeaders(), `${kind} ${response!.url()}`);
  }
  // Route handlers, next-auth's own endpoints, health, and a page that does not exist.
  for (const path of ["/api/match/board", "/api/auth/session", "/api/health", "/no-such-page"]) {
    const response = await page.request.get(path);
    expectSecurityHeaders(response.headers(), path);
  }
  const anonymous = await page.request.get("/signin", { headers: { cookie: "" } });
  expectSecurityHeaders(anonymous.headers(), "/signin");
});

test("scripts carry the response's nonce, and the dashboard runs without a CSP violation", async ({ page }) => {
  await page.addInitScript(() => {
    const w = window as unknown as { __violations: string[] };
    w.__violations = [];
    document.addEventListener("securitypolicyviolation", (e) => w.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  for (const path of ["/", "/connections", "/match", "/users", "/layouts", "/import", "/history"]) {
    const response = await page.goto(path);
    const nonce = /'nonce-([^']+)'/.exec((await response!.allHeaders())["content-security-policy"] ?? "")?.[1];
    const scripts = await page.locator("script").evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).nonce));
    expect(scripts.length, path).toBeGreaterThan(0);
    expect(scripts.every((n) => n === nonce), `every script on ${path} carries the nonce`).toBe(true);
    // Hydrated: the client-side navigation marks the current page.
    await expect(page.getByRole("navigation", { name: "Main" }).locator('[aria-current="page"]')).toHaveCount(1);
    expect(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations), path).toEqual([]);
  }
});

/** Signs in through next-auth's endpoints with extra request headers; returns the Set-Cookie lines. */
async function signInOverHttp(base: string, user: { email: string; password: string }, headers: Record<string, string>): Promise<string[]> {
  const csrf = await fetch(`${base}/api/auth/csrf`, { headers });
  const jar = csrf.headers.getSetCookie().map((c) => c.split(";")[0]);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { ...headers, "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
    body: new URLSearchParams({ csrfToken, email: user.email, password: user.password, json: "true" }),
  });
  return response.headers.getSetCookie();
}

const sessionCookie = (cookies: string[]) => cookies.find((c) => /^(__Secure-)?next-auth\.session-token=/.test(c));

test("session cookies are Secure when the dashboard is reached over https through a trusted proxy, and only then", async ({ baseURL }) => {
  // The demo server runs with TRUST_PROXY=1 (see playwright.config.ts): it believes X-Forwarded-Proto.
  const demo = await readDemoInfo();
  const overHttps = sessionCookie(await signInOverHttp(demo.url, demo.admin, { "x-forwarded-proto": "https" }));
  expect(overHttps).toMatch(/^__Secure-next-auth\.session-token=/);
  expect(overHttps).toMatch(/;\s*Secure/i);
  expect(overHttps).toMatch(/;\s*HttpOnly/i);
  const overHttp = sessionCookie(await signInOverHttp(demo.url, demo.admin, { "x-forwarded-proto": "http" }));
  expect(overHttp).toMatch(/^next-auth\.session-token=/);
  expect(overHttp).not.toMatch(/;\s*Secure/i);

  // The plain app trusts no proxy: a client claiming https changes nothing.
  const claimed = sessionCookie(await signInOverHttp(baseURL!, ADMIN, { "x-forwarded-proto": "https" }));
  expect(claimed).toMatch(/^next-auth\.session-token=/);
  expect(claimed).not.toMatch(/;\s*Secure/i);
});
