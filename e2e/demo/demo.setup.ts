import { expect, test as setup } from "@playwright/test";
import { DEMO_ADMIN_STATE, readDemoInfo } from "../env";

// The demo is started exactly as `npm run demo` starts it; the sign-in it prints must work.
setup("the demo's printed sign-in works and says it talks to simulators", async ({ page }) => {
  const demo = await readDemoInfo();
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin/);
  await page.getByLabel("E-mail").fill(demo.admin.email);
  await page.getByLabel("Password").fill(demo.admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await expect(page.getByText("talking to the built-in Halo and Hudu simulators")).toBeVisible();
  await page.context().storageState({ path: DEMO_ADMIN_STATE });
});
