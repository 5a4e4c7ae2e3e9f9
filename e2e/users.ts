import { expect, type Page } from "@playwright/test";

/** Adds a user unless they exist (for a beforeAll, which runs again after a failed test restarts the worker). */
export async function ensureUser(page: Page, user: { email: string; password: string }, role: "admin" | "viewer") {
  await page.goto("/users");
  await page.getByLabel("E-mail").fill(user.email);
  await page.getByLabel("Role").selectOption(role);
  await page.getByLabel("Initial password").fill(user.password);
  await page.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByText(`Added ${user.email} as ${role}.`).or(page.getByText("A user with that e-mail already exists."))).toBeVisible();
}

/** The row of one user in the Users table (the signed-in user's own row says "(you)"). */
export const userRow = (page: Page, email: string) =>
  page.getByRole("row").filter({ has: page.getByRole("cell", { name: new RegExp(`^${email.replace(/[.+]/g, "\\$&")}(\\s*\\(you\\))?$`) }) });
