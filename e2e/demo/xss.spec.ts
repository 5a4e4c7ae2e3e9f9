import { expect, test, type Page } from "@playwright/test";
import { readDemoInfo, type DemoInfo } from "../env";
import { preparePreview, setUpLayouts, testBothConnections } from "./steps";

// A Halo client whose name is markup that would run if a page put it into the DOM as HTML (a
// <script> and an <img onerror>) travels through the board, the preview and an import run's
// report: each shows the name as literal text, and nothing runs (no dialog, no window flag).
// Named to run after the other demo specs: it imports, and they expect a fresh demo.

test.describe.configure({ mode: "serial" });
test.setTimeout(300_000);

const NAME = `<img src=x onerror="window.__xss=1;alert(1)"><script>window.__xss=2;alert(2)</script> Larkspur Bakery`;
const REFUSAL = "Name contains characters we do not allow";
const CLIENT_ID = 990_001;
const SITE_ID = 990_011;

let demo: DemoInfo;

/** Fails the test if anything the name carries ran on this page. */
function watchForScripts(page: Page): () => Promise<void> {
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return async () => {
    expect(dialogs).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    // The markup is text, not elements.
    expect(await page.locator('img[src="x"]').count()).toBe(0);
  };
}

test.beforeAll(async ({ request }) => {
  demo = await readDemoInfo();
  // The client is added in Halo as an admin would type it, with a site of its own.
  const state = (await (await request.get(`${demo.halo.url}/__sim/state`)).json()) as { clients: Array<Record<string, unknown>>; sites: Array<Record<string, unknown>> };
  const client = state.clients.find((c) => !c.inactive)!;
  const site = state.sites.find((s) => s.client_id === client.id)!;
  const add = async (type: string, record: Record<string, unknown>) => {
    const res = await request.post(`${demo.halo.url}/__sim/edit-record`, { data: { type, add: record } });
    expect(res.ok(), await res.text()).toBe(true);
  };
  await add("clients", { ...client, id: CLIENT_ID, name: NAME, main_site_id: SITE_ID, notes: "<script>window.__xss=3</script>" });
  await add("sites", { ...site, id: SITE_ID, name: "Main", client_id: CLIENT_ID, client_name: NAME, clientsite_name: `${NAME}/Main` });
});

test.afterAll(async ({ request }) => {
  await request.post(`${demo.hudu.url}/__sim/clear-faults`);
});

test("the board shows the name as text and runs nothing; the client is marked create new", async ({ page }) => {
  const check = watchForScripts(page);
  await page.goto("/match");
  const refresh = page.getByRole("button", { name: /^(Read Halo and Hudu|Refresh from Halo and Hudu)$/ });
  await expect(refresh).toBeEnabled();
  await refresh.click();
  await expect(page.getByRole("button", { name: "Refresh from Halo and Hudu" })).toBeEnabled({ timeout: 150_000 });

  await page.getByRole("searchbox", { name: "Search Halo clients" }).fill("Larkspur");
  const row = page.getByRole("list", { name: "Halo clients" }).getByRole("listitem", { name: NAME, exact: true });
  await expect(row).toBeVisible();
  await expect(row.getByText(NAME, { exact: true })).toBeVisible();
  const saved = page.waitForResponse((r) => r.request().method() === "POST" && !!r.request().headers()["next-action"]);
  await row.getByRole("button", { name: `Create ${NAME} new in Hudu` }).click();
  await expect(row.getByText("Create new", { exact: true })).toBeVisible();
  await saved;
  await check();
});

test("the preview shows the name as text and runs nothing", async ({ page }) => {
  // Layouts (set up here unless an earlier spec did) and tested connections: an import may start.
  await setUpLayouts(page);
  await testBothConnections(page);

  const check = watchForScripts(page);
  await preparePreview(page);
  await page.getByRole("searchbox", { name: "Search by name" }).fill("Larkspur");
  // The company to create, under its own name.
  await expect(page.getByRole("region", { name: NAME })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(NAME, { exact: true }).first()).toBeVisible();
  await check();
});

test("an import run's report lists the refused record by its name as text and runs nothing", async ({ page }) => {
  // Hudu refuses this one company (and only it), so the run's report lists it.
  const fault = await page.request.post(`${demo.hudu.url}/__sim/fail-next`, {
    data: { status: 422, body: { error: REFUSAL }, match: { method: "POST", path: "/api/v1/companies", bodyIncludes: "Larkspur Bakery" } },
  });
  expect(fault.ok()).toBe(true);

  const check = watchForScripts(page);
  await page.goto("/import");
  await page.getByRole("button", { name: "Start import" }).click();
  await expect(page).toHaveURL(/\/import\/\d+$/);
  await expect(page.getByTestId("run-state")).toHaveText(/^Finished/, { timeout: 240_000 });
  const failures = page.getByRole("table");
  await expect(failures.getByRole("row").filter({ hasText: REFUSAL }).getByText(NAME, { exact: true }).first()).toBeVisible();
  await page.getByRole("searchbox", { name: "Search failed records" }).fill("Larkspur");
  await expect(failures.getByText(NAME, { exact: true }).first()).toBeVisible();
  await check();
  // And after a reload, from the saved report.
  await page.reload();
  await expect(page.getByRole("table").getByText(NAME, { exact: true }).first()).toBeVisible();
  await check();
});
