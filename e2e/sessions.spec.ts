import { expect, test, type BrowserContext } from "@playwright/test";
import { ADMIN_STATE } from "./env";
import { addUser, signedInContext, signIn } from "./sign-in";
import { userRow } from "./users";

// Sessions are JWT cookies, yet ending one is immediate: signing out, a role change, a new
// password or a removal makes every copy of that user's cookie worthless on the next request.

test.use({ storageState: ADMIN_STATE });

/** True when the context's cookie no longer opens the dashboard. */
async function isSignedOut(context: BrowserContext): Promise<boolean> {
  const page = await context.newPage();
  await page.goto("/connections");
  const out = /\/signin/.test(page.url());
  await page.close();
  return out;
}

test("signing out ends the session everywhere: a copied cookie stops working", async ({ page, browser }) => {
  const user = { email: "sign-out@example.com", password: "sign out password", role: "viewer" as const };
  await addUser(page, user, user.role);
  const { context, page: theirs } = await signedInContext(browser, user);
  // The same cookie in another browser (a stolen or second device).
  const copy = await browser.newContext({ storageState: await context.storageState() });
  expect(await isSignedOut(copy)).toBe(false);

  await theirs.getByRole("button", { name: "Sign out" }).click();
  await expect(theirs).toHaveURL(/\/signin/);
  expect(await isSignedOut(copy)).toBe(true);
  expect((await (await copy.request.get("/api/auth/session")).json()) as object).toEqual({});
  await context.close();
  await copy.close();
});

test("removing a user ends their session at once", async ({ page, browser }) => {
  const user = { email: "removed@example.com", password: "removed password", role: "admin" as const };
  await addUser(page, user, user.role);
  const { context, page: theirs } = await signedInContext(browser, user);

  await page.goto("/users");
  await userRow(page, user.email).getByRole("button", { name: "Remove" }).click();
  await page.getByRole("button", { name: "Remove user" }).click();
  await expect(page.getByText(`Removed ${user.email}. Their sessions have ended.`)).toBeVisible();
  await expect(userRow(page, user.email)).toHaveCount(0);

  await theirs.reload();
  await expect(theirs).toHaveURL(/\/signin/);
  await signIn(theirs, user.email, user.password);
  await expect(theirs.locator('form [role="alert"]')).toHaveText("Incorrect e-mail or password.");
  await context.close();
});

test("a role change ends the user's sessions; they sign in again with the new role", async ({ page, browser }) => {
  const user = { email: "promoted@example.com", password: "promoted password", role: "viewer" as const };
  await addUser(page, user, user.role);
  const { context, page: theirs } = await signedInContext(browser, user);
  await expect(theirs.getByText("viewer", { exact: true })).toBeVisible();

  await page.goto("/users");
  await userRow(page, user.email).getByRole("button", { name: "Make admin" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Make admin" }).click();
  await expect(page.getByText(`${user.email} is now an admin. Their sessions have ended`)).toBeVisible();
  await expect(userRow(page, user.email).getByRole("cell", { name: "admin", exact: true })).toBeVisible();

  await theirs.reload();
  await expect(theirs).toHaveURL(/\/signin/);
  await signIn(theirs, user.email, user.password);
  await expect(theirs.getByRole("heading", { name: "Overview" })).toBeVisible();
  await expect(theirs.getByText("admin", { exact: true })).toBeVisible();
  await context.close();
});

test("a new password ends the user's sessions and replaces the old one; an over-long one is refused", async ({ page, browser }) => {
  const user = { email: "reset@example.com", password: "first password", role: "viewer" as const };
  await addUser(page, user, user.role);
  const { context, page: theirs } = await signedInContext(browser, user);

  await page.goto("/users");
  await userRow(page, user.email).getByRole("button", { name: "Set password" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("New password").fill("ü".repeat(40));
  await dialog.getByRole("button", { name: "Set password" }).click();
  await expect(dialog.getByText(/^Use at most 72 bytes/)).toBeVisible();
  await dialog.getByLabel("New password").fill("second password");
  await dialog.getByRole("button", { name: "Set password" }).click();
  await expect(page.getByText(`Set a new password for ${user.email}. Their sessions have ended`)).toBeVisible();

  await theirs.reload();
  await expect(theirs).toHaveURL(/\/signin/);
  await signIn(theirs, user.email, user.password);
  await expect(theirs.locator('form [role="alert"]')).toHaveText("Incorrect e-mail or password.");
  await signIn(theirs, user.email, "second password");
  await expect(theirs.getByRole("heading", { name: "Overview" })).toBeVisible();
  await context.close();
});

test("a viewer sees the users but no way to change them", async ({ page, browser }) => {
  const user = { email: "looker@example.com", password: "looker password", role: "viewer" as const };
  await addUser(page, user, user.role);
  const { context, page: theirs } = await signedInContext(browser, user);
  await theirs.goto("/users");
  await expect(userRow(theirs, user.email)).toBeVisible();
  await expect(theirs.getByRole("button", { name: /^(Remove|Set password|Make admin|Make viewer)$/ })).toHaveCount(0);
  await context.close();
});
