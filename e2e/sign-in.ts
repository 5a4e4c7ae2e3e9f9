import { expect, type Browser, type Page } from "@playwright/test";

/** Fills in and submits the sign-in form (the caller checks the outcome). */
export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/signin");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** A second browser, signed in as someone else (explicitly empty state: a test's contexts inherit the project's otherwise). */
export async function signedInContext(browser: Browser, user: { email: string; password: string }) {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await signIn(page, user.email, user.password);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  return { context, page };
}
