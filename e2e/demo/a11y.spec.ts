import { expect, test, type Page } from "@playwright/test";
import { checkView, viewsFor, type Visitor } from "../a11y-pages";
import { DEMO_ADMIN_STATE, DEMO_VIEWER_STATE } from "../env";
import { addUser, signedInContext } from "../sign-in";

// Every view of the demo (real data behind it) scanned with axe-core for WCAG 2.0/2.1 A and AA
// and best practice, for each kind of visitor, and walked with the keyboard. The list of views
// is e2e/a11y-pages.ts. Not serial: one failing view must not hide the others' results.
test.setTimeout(180_000);

const STATES: Record<Exclude<Visitor, "no-users-yet">, string | { cookies: []; origins: [] }> = {
  "signed-out": { cookies: [], origins: [] },
  admin: DEMO_ADMIN_STATE,
  viewer: DEMO_VIEWER_STATE,
};

test.beforeAll(async ({ browser }) => {
  const admin = await browser.newContext({ storageState: DEMO_ADMIN_STATE });
  const page = await admin.newPage();
  await readSnapshotIfNone(page);

  // A viewer of its own, signed in once; its session is stored for the viewer's views.
  const viewer = { email: `a11y-viewer-${Date.now()}@example.com`, password: "viewer password 1" };
  await addUser(page, viewer, "viewer");
  await admin.close();

  const { context } = await signedInContext(browser, viewer);
  await context.storageState({ path: DEMO_VIEWER_STATE });
  await context.close();
});

/** A fresh demo has no snapshot yet: the board needs one to be on screen. */
async function readSnapshotIfNone(page: Page) {
  await page.goto("/match");
  const read = page.getByRole("button", { name: "Read Halo and Hudu" });
  const refresh = page.getByRole("button", { name: "Refresh from Halo and Hudu" });
  await expect(read.or(refresh)).toBeVisible();
  if (await read.isVisible()) await read.click();
  await expect(refresh).toBeVisible({ timeout: 150_000 });
  await expect(page.getByRole("list", { name: "Halo clients" })).toBeVisible();
}

for (const visitor of ["signed-out", "admin", "viewer"] as const) {
  test.describe(visitor, () => {
    test.use({ storageState: STATES[visitor] });
    for (const view of viewsFor(visitor)) {
      test(view.name, async ({ page }) => checkView(page, view, `${view.name} (${visitor})`));
    }
  });
}

test("keyboard: the skip link jumps past the navigation to the page", async ({ page }) => {
  await page.goto("/connections");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to the page" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  // The first control inside the page, not the navigation.
  await expect(page.getByRole("main").locator(":focus")).toHaveCount(1);
  await expect(page.getByRole("navigation", { name: "Main" }).locator(":focus")).toHaveCount(0);
});
