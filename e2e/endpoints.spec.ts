import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { ADMIN_STATE, E2E_DIST_DIR } from "./env";
import { signedInContext } from "./sign-in";
import { ensureUser } from "./users";

/**
 * Every server action and route handler the built app serves, found in the build's own
 * manifests (nothing is listed by hand), called without a session and as a viewer. Each must
 * refuse both, except what the reviewed lists below allow. A new action or handler that forgets
 * its check fails here.
 */

// ---- Reviewed exceptions. Add to these only what is meant to work without a session, or to be
// read by a viewer; each line says why.

/** Actions anyone may call, and the answer that proves they did nothing. */
const PUBLIC_ACTIONS: Record<string, RegExp> = {
  // Creates the first admin while no user exists; afterwards it must say setup is closed.
  "app/(auth)/setup/actions.ts#createFirstAdminAction": /"status":"closed"/,
};
/** Actions a viewer may call: they only read. */
const VIEWER_ACTIONS = new Set<string>([
  "app/(dashboard)/import/actions.ts#reviewMatchersAction", // reads Hudu's matchers and compares them with the board
]);
/** Route handlers anyone may call. */
const PUBLIC_ROUTES = new Set([
  "/api/health", // liveness check for load balancers: says "ok" and nothing else
  "/api/auth/[...nextauth]", // next-auth's own endpoints: sign-in must work without a session
]);
/** Route handlers (by method) a viewer may call: they only read. */
const VIEWER_ROUTES = new Set([
  "GET /api/match/board",
  "GET /api/match/decisions",
  "GET /api/match/snapshot",
  "GET /api/match/decisions/[haloClientId]/history",
  "GET /api/import/plan",
  "GET /api/import/plan/items",
  "GET /api/import/status",
  "GET /api/import/runs/[id]",
  "GET /api/import/runs/[id]/failures",
  "GET /api/import/runs/[id]/failures.csv",
]);
/** Pages anyone may open. */
const PUBLIC_PAGES = new Set(["/signin", "/setup", "/_not-found", "/_global-error"]);

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

// ---- Discovery from the build (scripts/e2e-build.ts builds into E2E_DIST_DIR).

function manifest<T>(file: string): T {
  return JSON.parse(readFileSync(path.join(E2E_DIST_DIR, "server", file), "utf8")) as T;
}

/** "/(dashboard)/users/page" → "/users"; dynamic segments get a sample value. */
function urlPath(entry: string): string {
  const parts = entry
    .split("/")
    .slice(0, -1)
    .filter((p) => p && !/^\(.*\)$/.test(p))
    .map((p) => (p.startsWith("[[...") ? "" : p.startsWith("[...") ? "x" : p.startsWith("[") ? "1" : p));
  return `/${parts.filter(Boolean).join("/")}`;
}

interface Action {
  id: string;
  name: string;
  /** A page that serves the action (actions are posted to a page). */
  page: string;
}

function discoverActions(): Action[] {
  const refs = manifest<{ node: Record<string, { workers: Record<string, unknown>; filename?: string; exportedName?: string }> }>(
    "server-reference-manifest.json",
  );
  return Object.entries(refs.node).map(([id, ref]) => ({
    id,
    name: `${ref.filename}#${ref.exportedName}`,
    page: urlPath(`/${Object.keys(ref.workers)[0].replace(/^app\//, "")}`),
  }));
}

function discoverRoutes(): Array<{ route: string; url: string }> {
  const entries = Object.keys(manifest<Record<string, string>>("app-paths-manifest.json"));
  return entries.filter((e) => e.endsWith("/route")).map((e) => ({ route: e.slice(0, -"/route".length), url: urlPath(e) }));
}

function discoverPages(): string[] {
  const entries = Object.keys(manifest<Record<string, string>>("app-paths-manifest.json"));
  return entries.filter((e) => e.endsWith("/page")).map((e) => (e.startsWith("/_") ? e.slice(0, -"/page".length) : urlPath(e)));
}

/** Calls a server action the way the browser does; the body is any argument (the check must come first). */
function callAction(request: APIRequestContext, action: Action) {
  return request.post(action.page, {
    headers: { "next-action": action.id, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component" },
    data: "[{}]",
    maxRedirects: 0,
  });
}

/** The answer refuses: our typed result, or a redirect to sign-in. */
async function refusal(response: Awaited<ReturnType<typeof callAction>>): Promise<string> {
  const body = await response.text();
  const redirect = response.headers()["x-action-redirect"] ?? "";
  if (/"status":"unauthenticated"/.test(body) || redirect.startsWith("/signin")) return "unauthenticated";
  if (/"status":"forbidden"/.test(body)) return "forbidden";
  return `not refused (HTTP ${response.status()}): ${body.slice(0, 300)}`;
}

// ---- The checks

test.use({ storageState: ADMIN_STATE });

const viewer = { email: "endpoint-viewer@example.com", password: "viewer password 3" };

test.beforeAll(async ({ browser }) => {
  const admin = await browser.newContext({ storageState: ADMIN_STATE });
  await ensureUser(await admin.newPage(), viewer, "viewer");
  await admin.close();
});

test("the build's manifests list the actions and handlers this test must cover", () => {
  const actions = discoverActions().map((a) => a.name);
  // A few known ones, so an empty or misread manifest cannot pass everything below vacuously.
  expect(actions).toEqual(expect.arrayContaining(["app/(dashboard)/users/actions.ts#addUserAction", "app/(dashboard)/connections/actions.ts#saveConnectionAction"]));
  expect(discoverRoutes().map((r) => r.url)).toEqual(expect.arrayContaining(["/api/match/board", "/api/health"]));
  // Every reviewed exception still exists (a stale one would hide nothing, but misleads).
  for (const name of [...Object.keys(PUBLIC_ACTIONS), ...VIEWER_ACTIONS]) expect(actions).toContain(name);
});

test("every server action refuses a caller without a session, and a viewer unless it only reads", async ({ browser, playwright, baseURL }) => {
  const anonymous = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const { context: viewerContext } = await signedInContext(browser, viewer);

  for (const action of discoverActions()) {
    const publicAnswer = PUBLIC_ACTIONS[action.name];
    const asAnonymous = await callAction(anonymous, action);
    if (publicAnswer) {
      expect(await asAnonymous.text(), `${action.name} without a session`).toMatch(publicAnswer);
      continue;
    }
    expect(await refusal(asAnonymous), `${action.name} without a session`).toBe("unauthenticated");
    if (VIEWER_ACTIONS.has(action.name)) continue;
    expect(await refusal(await callAction(viewerContext.request, action)), `${action.name} as a viewer`).toBe("forbidden");
  }
  await anonymous.dispose();
  await viewerContext.close();
});

test("every route handler refuses a caller without a session, and a viewer unless it only reads", async ({ browser, playwright, baseURL }) => {
  const anonymous = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const { context: viewerContext } = await signedInContext(browser, viewer);

  for (const { route, url } of discoverRoutes()) {
    if (PUBLIC_ROUTES.has(route)) continue;
    for (const method of METHODS) {
      const what = `${method} ${route}`;
      const call = (request: APIRequestContext) => request.fetch(url, { method, maxRedirects: 0, data: method === "GET" ? undefined : "{}" });
      const asAnonymous = await call(anonymous);
      if (asAnonymous.status() === 405) continue; // the handler does not answer this method
      expect(asAnonymous.status(), `${what} without a session`).toBe(401);
      const asViewer = (await call(viewerContext.request)).status();
      if (VIEWER_ROUTES.has(`${method} ${route}`)) expect([401, 403], `${what} as a viewer is allowed`).not.toContain(asViewer);
      else expect(asViewer, `${what} as a viewer`).toBe(403);
    }
  }
  await anonymous.dispose();
  await viewerContext.close();
});

test("every page sends a caller without a session to sign-in", async ({ playwright, baseURL }) => {
  const anonymous = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const pages = discoverPages().filter((p) => !PUBLIC_PAGES.has(p));
  expect(pages).toEqual(expect.arrayContaining(["/", "/users", "/connections"]));
  for (const url of pages) {
    const response = await anonymous.get(url, { maxRedirects: 0 });
    expect(response.headers()["location"] ?? "", `${url} without a session`).toMatch(/^\/signin/);
  }
  await anonymous.dispose();
});
