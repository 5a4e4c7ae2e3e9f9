import { expect, test, type Page } from "@playwright/test";
import { ADMIN, ADMIN_STATE, VIEWER } from "./env";
import { replayServerAction } from "./server-action";
import { signedInContext, signIn } from "./sign-in";

// Next.js keeps an empty role="alert" route announcer on every page; ours sits in the form.
const formAlert = (page: Page) => page.locator('form [role="alert"]');

test.describe("signed out", () => {
  test("every page redirects to sign-in; health answers", async ({ page, request }) => {
    for (const path of ["/", "/connections", "/match", "/import", "/history", "/users", "/layouts"]) {
      await page.goto(path);
      await expect(page, `visiting ${path}`).toHaveURL(/\/signin/);
    }
    const health = await request.get("/api/health");
    expect(health.status()).toBe(200);
    expect(await health.json()).toEqual({ status: "ok" });
  });

  test("a wrong password and an unknown e-mail get the same message", async ({ page }) => {
    await signIn(page, ADMIN.email, "wrong password!!");
    const wrong = formAlert(page);
    await expect(wrong).toHaveText("Incorrect e-mail or password.");
    await signIn(page, "nobody@example.com", "wrong password!!");
    await expect(formAlert(page)).toHaveText("Incorrect e-mail or password.");
    await expect(page).toHaveURL(/\/signin/);
  });

  test("repeated failures for one account are slowed down with a clear wait", async ({ page }) => {
    const email = "target@example.com";
    for (let i = 0; i < 4; i++) {
      await signIn(page, email, `guess number ${i}`);
      await expect(formAlert(page)).toHaveText("Incorrect e-mail or password.");
    }
    await signIn(page, email, "guess number 5");
    await expect(formAlert(page)).toHaveText(/Too many failed sign-ins\. Try again in \d+ seconds\./);
    // Other accounts are unaffected.
    await signIn(page, ADMIN.email, ADMIN.password);
    await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  });

  // Signing out ends every session of the user (so not the admin's here, whose stored session
  // the other specs use): see sessions.spec.ts.
});

test.describe("roles", () => {
  test.use({ storageState: ADMIN_STATE });

  test("an admin adds a viewer; the viewer sees but is refused changes; no session gets nothing done", async ({
    page,
    browser,
    playwright,
    baseURL,
  }) => {
    // The admin adds a viewer, capturing the action request the form sends.
    await page.goto("/users");
    await page.getByLabel("E-mail").fill(VIEWER.email);
    await page.getByLabel("Role").selectOption("viewer");
    await page.getByLabel("Initial password").fill(VIEWER.password);
    const actionRequest = page.waitForRequest((r) => r.method() === "POST" && !!r.headers()["next-action"]);
    await page.getByRole("button", { name: "Add user" }).click();
    await expect(page.getByText(`Added ${VIEWER.email} as viewer.`)).toBeVisible();
    const captured = await actionRequest;

    // Replaying the same server action without a session creates nothing.
    // Explicitly empty: request contexts made in a test inherit the project's storageState otherwise.
    const anonymous = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
    const body = (captured.postData() ?? "").replace(VIEWER.email, "intruder@example.com");
    const replay = await replayServerAction(anonymous, "/users", captured, body);
    expect(await replay.text()).toContain("unauthenticated");
    await anonymous.dispose();
    await page.reload();
    await expect(page.getByRole("cell", { name: VIEWER.email })).toBeVisible();
    await expect(page.getByRole("cell", { name: "intruder@example.com" })).toHaveCount(0);

    // The viewer sees the page, its form is disabled, and a forced submit is refused.
    const { context: viewerContext, page: viewer } = await signedInContext(browser, VIEWER);
    await viewer.goto("/users");
    await expect(viewer.getByText("You are a viewer: only an admin can add users.")).toBeVisible();
    await expect(viewer.getByRole("button", { name: "Add user" })).toBeDisabled();
    const viewerReplay = await replayServerAction(viewerContext.request, "/users", captured, (captured.postData() ?? "").replace(VIEWER.email, "viewer-made@example.com"));
    expect(await viewerReplay.text()).toContain("forbidden");
    await viewerContext.close();
    await page.reload();
    await expect(page.getByRole("cell", { name: "viewer-made@example.com" })).toHaveCount(0);
  });
});
