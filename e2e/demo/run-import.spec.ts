import { expect, test, type Page } from "@playwright/test";
import { expectNoA11yViolations } from "../a11y";
import { readDemoInfo } from "../env";
import { preparePreview, setUpLayouts, testBothConnections } from "./steps";

// The whole of stage two on the demo, as an admin does it: test both connections, set the
// layouts up, match, prepare the preview, start the import and watch it reach the end, find it
// in the history; then import again and see that nothing changes. Named to run after the layouts
// and match specs (files run in name order); on a fresh demo it does their part itself.

test.describe.configure({ mode: "serial" });
test.setTimeout(300_000);

interface SimState {
  companies: Array<{ id_number: string | null }>;
  assets: unknown[];
}

async function huduState(page: Page): Promise<SimState> {
  const demo = await readDemoInfo();
  return (await (await page.request.get(`${demo.hudu.url}/__sim/state`)).json()) as SimState;
}

/** Starts an import from the preview and waits on its page until it has finished. */
async function importAndWatch(page: Page): Promise<number> {
  await page.goto("/import");
  const start = page.getByTestId("start-import").getByRole("button", { name: "Start import" });
  await expect(start).toBeEnabled();
  await start.click();
  await expect(page).toHaveURL(/\/import\/\d+$/);
  const runId = Number(page.url().split("/").at(-1));
  await expect(page.getByRole("heading", { name: new RegExp(`^Import #${runId}`) })).toBeVisible();
  const overall = page.getByRole("progressbar", { name: "Overall" });
  await expect(overall).toBeVisible();
  await expect(page.getByTestId("run-state")).toHaveText("Finished", { timeout: 240_000 });
  await expect(overall).toHaveAttribute("aria-valuenow", (await overall.getAttribute("aria-valuemax")) ?? "");
  await expect(page.getByTestId("count-failed")).toHaveText("0");
  return runId;
}

const count = async (page: Page, outcome: string) => Number(((await page.getByTestId(`count-${outcome}`).textContent()) ?? "").replace(/\D/g, ""));

test("says why an import cannot start until both connections have passed a test", async ({ page }) => {
  await preparePreview(page);
  const control = page.getByTestId("start-import");
  await expect(control.getByRole("button", { name: "Start import" })).toBeDisabled();
  await expect(control).toContainText(/Test the (Halo|Hudu) connection first/);

  await testBothConnections(page);
});

test("sets up the layouts and the matches the import needs", async ({ page }) => {
  await setUpLayouts(page);

  await page.goto("/match");
  const read = page.getByRole("button", { name: "Read Halo and Hudu" });
  if (await read.isVisible()) {
    await read.click();
    await expect(page.getByRole("button", { name: "Refresh from Halo and Hudu" })).toBeVisible({ timeout: 150_000 });
  }
  const accept = page.getByRole("button", { name: /^Accept [\d,]+ auto-accept suggestions?$/ });
  if (await accept.isEnabled()) {
    const n = ((await accept.textContent()) ?? "").replace(/\D/g, "");
    await accept.click();
    await page.getByRole("dialog").getByRole("button", { name: `Accept ${n}` }).click();
    await expect(page.getByRole("button", { name: "Accept 0 auto-accept suggestions" })).toBeDisabled();
  }
  const create = page.getByRole("button", { name: /^Create [\d,]+ remaining as new$/ });
  if (await create.isEnabled()) {
    const n = ((await create.textContent()) ?? "").replace(/\D/g, "");
    await create.click();
    await page.getByRole("dialog").getByRole("button", { name: `Create ${n} as new` }).click();
    await expect(page.getByRole("button", { name: "Create 0 remaining as new" })).toBeDisabled();
  }
});

test("previews, imports while the progress moves to the end, and finds the run in the history", async ({ page }) => {
  await preparePreview(page);
  const totals = page.getByRole("table", { name: "Totals per type and action" });
  await expect(totals).toBeVisible();

  const before = await huduState(page);
  const runId = await importAndWatch(page);
  const created = await count(page, "created");
  expect(created).toBeGreaterThan(100);
  // What the page counts is what Hudu now holds (the simulator's own inspection).
  const after = await huduState(page);
  const newCompanies = after.companies.length - before.companies.length;
  expect(newCompanies + (after.assets.length - before.assets.length)).toBe(created);
  expect(after.companies.filter((c) => c.id_number?.startsWith("halo:")).length).toBeGreaterThanOrEqual(newCompanies);
  await expect(page.getByRole("heading", { name: "Failed records (0)" })).toBeVisible();
  await expect(page.getByText("No record failed.")).toBeVisible();
  // The run's report and the history pass the same accessibility scan as every other view.
  await expectNoA11yViolations(page, "the import run page");

  const demo = await readDemoInfo();
  await page.goto("/history");
  const row = page.getByRole("table", { name: "Import runs" }).getByRole("row").filter({ has: page.getByRole("link", { name: `Report of import #${runId}` }) });
  await expect(row).toContainText(demo.admin.email);
  await expect(row).toContainText("Finished");
  await expectNoA11yViolations(page, "the history");
  await row.getByRole("link", { name: `Report of import #${runId}` }).click();
  await expect(page).toHaveURL(new RegExp(`/import/${runId}$`));
  await expect(page.getByTestId("run-state")).toHaveText("Finished");
});

test("a second import finds everything unchanged and writes nothing", async ({ page }) => {
  const demo = await readDemoInfo();
  await page.request.post(`${demo.hudu.url}/__sim/reset-counts`);
  await importAndWatch(page);
  expect(await count(page, "created")).toBe(0);
  expect(await count(page, "updated")).toBe(0);
  expect(await count(page, "archived")).toBe(0);
  expect(await count(page, "unchanged")).toBeGreaterThan(100);
  const counts = (await (await page.request.get(`${demo.hudu.url}/__sim/counts`)).json()) as Record<string, number>;
  expect(Object.keys(counts).filter((key) => /^(POST|PUT|PATCH|DELETE) /.test(key))).toEqual([]);
});
