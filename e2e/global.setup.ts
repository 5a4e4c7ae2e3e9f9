import { expect, test as setup } from "@playwright/test";
import { checkView, viewsFor } from "./a11y-pages";
import { ADMIN, ADMIN_STATE } from "./env";

// Setup is only reachable before the first admin exists, so its accessibility scan runs here.
setup("the first-admin setup passes the accessibility scan and the keyboard walk", async ({ page }) => {
  for (const view of viewsFor("no-users-yet")) await checkView(page, view, view.name);
});

// Runs first on a fresh database: a signed-out visit lands on setup, the first admin is
// created there, and the signed-in session is stored for the other specs.
setup("first admin is created through /setup, and only then", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole("heading", { name: "Create the first admin" })).toBeVisible();

  // Field checks before anything is written.
  await page.getByLabel("E-mail").fill("not-an-email");
  await page.getByLabel("Password", { exact: true }).fill("short");
  await page.getByLabel("Repeat password").fill("short");
  await page.getByRole("button", { name: "Create admin and sign in" }).click();
  await expect(page.getByText("Enter a valid e-mail address.")).toBeVisible();
  await expect(page.getByText("Use at least 10 characters.")).toBeVisible();

  await page.getByLabel("Name").fill(ADMIN.name);
  await page.getByLabel("E-mail").fill(ADMIN.email);
  await page.getByLabel("Password", { exact: true }).fill(ADMIN.password);
  await page.getByLabel("Repeat password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Create admin and sign in" }).click();
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await expect(page.getByText(ADMIN.email)).toBeVisible();

  // Setup closes once a user exists.
  await page.goto("/setup");
  await expect(page).toHaveURL(/\/signin$|\/$/);

  await page.context().storageState({ path: ADMIN_STATE });
});
