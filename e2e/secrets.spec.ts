import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { ADMIN_STATE, E2E_DATA_DIR, readDemoInfo } from "./env";

// The Halo client secret and the Hudu API key go from the browser to the server once, when
// typed, and never come back: not in a page, an RSC payload, a JSON answer or an action
// result. On disk they are only ciphertext.

test.use({ storageState: ADMIN_STATE });

interface Captured {
  url: string;
  method: string;
  status: number;
  body: string;
}

/**
 * Records the body of every response the app sends the page. Requests are passed through
 * page.route so each body is read in full before the browser gets it (Chromium drops bodies
 * of streamed action responses once the page moves on, so listening is not enough).
 */
async function captureResponses(page: Page, origin: string): Promise<{ all: Captured[] }> {
  const all: Captured[] = [];
  await page.route(
    (url) => url.origin === origin,
    async (route) => {
      const request = route.request();
      const response = await route.fetch({ maxRedirects: 0 });
      const body = await response.body();
      all.push({ url: request.url(), method: request.method(), status: response.status(), body: body.toString("utf8") });
      await route.fulfill({ response, body });
    },
  );
  return { all };
}

test("no response carries a secret, and the database file holds neither in plain text", async ({ page, baseURL }) => {
  const demo = await readDemoInfo();
  const secrets = { halo: demo.halo.clientSecret, hudu: demo.hudu.apiKey };
  const captured = await captureResponses(page, new URL(baseURL!).origin);

  // Save both cards with the secrets typed in, then test both.
  await page.goto("/connections");
  const halo = page.getByRole("region", { name: "HaloPSA" });
  const hudu = page.getByRole("region", { name: "Hudu" });
  await halo.getByLabel("Authorisation server").fill(demo.halo.authUrl);
  await halo.getByLabel("Resource server").fill(demo.halo.resourceUrl);
  await halo.getByLabel("Tenant").fill(demo.halo.tenant);
  await halo.getByLabel("Client ID").fill(demo.halo.clientId);
  await halo.getByLabel("Client secret").fill(secrets.halo);
  await halo.getByRole("button", { name: "Save Halo settings" }).click();
  await expect(halo.getByText("Saved the Halo settings.")).toBeVisible();
  await hudu.getByLabel("Hudu URL").fill(demo.hudu.url);
  await hudu.getByLabel("API key").fill(secrets.hudu);
  await hudu.getByRole("button", { name: "Save Hudu settings" }).click();
  await expect(hudu.getByText("Saved the Hudu settings.")).toBeVisible();
  await halo.getByRole("button", { name: "Test Halo" }).click();
  await expect(halo.getByTestId("halo-status")).toHaveText("Working", { timeout: 30_000 });
  await hudu.getByRole("button", { name: "Test Hudu" }).click();
  await expect(hudu.getByTestId("hudu-status")).toHaveText("Working", { timeout: 30_000 });
  // A failed test too: its messages must not echo what was sent.
  await halo.getByLabel("Client secret").fill(`${secrets.halo}-wrong`);
  await halo.getByRole("button", { name: "Save Halo settings" }).click();
  await expect(halo.getByText("Saved the Halo settings.")).toBeVisible();
  await halo.getByRole("button", { name: "Test Halo" }).click();
  await expect(halo.getByTestId("halo-status")).toHaveText("Not working", { timeout: 30_000 });
  await halo.getByLabel("Client secret").fill(secrets.halo);
  await halo.getByRole("button", { name: "Save Halo settings" }).click();
  await expect(halo.getByText("Saved the Halo settings.")).toBeVisible();

  // Walk the dashboard: full page loads, then client-side navigation (RSC payloads).
  for (const path of ["/", "/connections", "/layouts", "/match", "/import", "/history", "/users"]) {
    await page.goto(path);
  }
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const name of ["Overview", "Connections", "Layouts", "Match", "Import", "History", "Users", "Connections"]) {
    await nav.getByRole("link", { name, exact: true }).click();
    await expect(page.getByRole("link", { name, exact: true })).toHaveAttribute("aria-current", "page");
  }

  // JSON endpoints and an explicit RSC request for the page that shows the settings.
  const extra = [
    await page.request.get("/api/health"),
    await page.request.get("/api/auth/session"),
    await page.request.get("/connections", { headers: { RSC: "1" } }),
  ];
  const bodies: Captured[] = [
    ...captured.all,
    ...(await Promise.all(
      extra.map(async (r) => ({ url: r.url(), method: "GET", status: r.status(), body: await r.text() })),
    )),
  ];

  // The walk really covered pages, RSC payloads and action results.
  expect(bodies.some((b) => b.url.startsWith(`${baseURL}/connections`) && b.body.includes("<html"))).toBe(true);
  expect(bodies.some((b) => b.body.includes(`•••• ${secrets.halo.slice(-4)}`))).toBe(true);
  expect(bodies.filter((b) => b.method === "POST" && b.url.startsWith(`${baseURL}/connections`)).length).toBeGreaterThanOrEqual(6);

  for (const b of bodies) {
    for (const [name, secret] of Object.entries(secrets)) {
      expect(b.body.includes(secret), `${name} secret found in ${b.method} ${b.url} (${b.status})`).toBe(false);
    }
  }

  // On disk: the database and its write-ahead log hold only ciphertext.
  for (const file of [`${E2E_DATA_DIR}/app.db`, `${E2E_DATA_DIR}/app.db-wal`]) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch {
      continue;
    }
    for (const [name, secret] of Object.entries(secrets)) {
      expect(bytes.includes(Buffer.from(secret, "utf8")), `${name} secret found in ${file}`).toBe(false);
    }
  }
  expect(readFileSync(`${E2E_DATA_DIR}/app.db`).length).toBeGreaterThan(0);
});
