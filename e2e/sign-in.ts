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

/** An admin adds a user on /users, as a person would (the caller's page must be an admin's). */
export async function addUser(page: Page, user: { email: string; password: string }, role: "admin" | "viewer") {
  await page.goto("/users");
  await page.getByLabel("E-mail").fill(user.email);
  await page.getByLabel("Role").selectOption(role);
  await page.getByLabel("Initial password").fill(user.password);
  await page.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByText(`Added ${user.email} as ${role}.`)).toBeVisible();
}
