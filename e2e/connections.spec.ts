import { expect, test, type Locator, type Page } from "@playwright/test";
import { ADMIN_STATE, readDemoInfo, type DemoInfo } from "./env";
import { replayServerAction } from "./server-action";
import { addUser, signedInContext } from "./sign-in";

// The plain app, connected by hand to the demo server's simulators (their URLs and credentials
// come from data/e2e-demo/demo.json), as an admin would do it.

test.use({ storageState: ADMIN_STATE });

const card = (page: Page, name: "HaloPSA" | "Hudu") => page.getByRole("region", { name });

async function fillHalo(halo: Locator, demo: DemoInfo, secret = demo.halo.clientSecret) {
  await halo.getByLabel("Authorisation server").fill(`${demo.halo.authUrl}/`);
  await halo.getByLabel("Resource server").fill(demo.halo.resourceUrl);
  await halo.getByLabel("Tenant").fill(demo.halo.tenant);
  await halo.getByLabel("Client ID").fill(` ${demo.halo.clientId} `);
  await halo.getByLabel("Client secret").fill(secret);
}

/** Each check's state, in order, e.g. ["passed", "failed", "skipped"]. */
async function checkStates(section: Locator): Promise<string[]> {
  return section.locator("[data-check]").evaluateAll((items) => items.map((i) => i.getAttribute("data-state") ?? ""));
}

test("an admin enters the Halo and Hudu details, sees what was tidied, and both tests pass", async ({ page }) => {
  const demo = await readDemoInfo();
  await page.goto("/connections");
  await expect(page.getByRole("heading", { name: "Connections" })).toBeVisible();
  const halo = card(page, "HaloPSA");
  const hudu = card(page, "Hudu");
  await expect(halo.getByTestId("halo-status")).toHaveText("Not tested");
  await expect(halo.getByText("Configuration > Integrations > Halo API")).toBeVisible();
  await expect(hudu.getByText("Admin > API Keys")).toBeVisible();

  // A malformed address is refused beside its field, and nothing is saved.
  await fillHalo(halo, demo);
  await halo.getByLabel("Authorisation server").fill("ftp://halo.example.com/auth");
  await halo.getByRole("button", { name: "Save Halo settings" }).click();
  await expect(halo.getByText("The address must start with https://")).toBeVisible();
  await expect(halo.getByText("Some fields need attention. Nothing was saved.")).toBeVisible();

  // Halo: a closing slash and spaces are tidied, and the page says so.
  await fillHalo(halo, demo);
  await halo.getByRole("button", { name: "Save Halo settings" }).click();
  await expect(halo.getByText("Saved the Halo settings.")).toBeVisible();
  await expect(halo.getByText("Authorisation server: removed the closing /")).toBeVisible();
  await expect(halo.getByText("Client ID: removed spaces around it")).toBeVisible();
  await expect(halo.getByLabel("Authorisation server")).toHaveValue(demo.halo.authUrl);
  await expect(halo.getByLabel("Client ID")).toHaveValue(demo.halo.clientId);
  // The secret is gone from the form: only its last four characters are shown.
  const secretInput = halo.getByLabel("Client secret");
  await expect(secretInput).toHaveValue("");
  await expect(secretInput).toHaveAttribute("type", "password");
  await expect(secretInput).toHaveAttribute("placeholder", `•••• ${demo.halo.clientSecret.slice(-4)}`);

  // Hudu: the pasted API address is cut back to the instance address.
  await hudu.getByLabel("Hudu URL").fill(`${demo.hudu.url}/api/v1/`);
  await hudu.getByLabel("API key").fill(demo.hudu.apiKey);
  await hudu.getByRole("button", { name: "Save Hudu settings" }).click();
  await expect(hudu.getByText("Saved the Hudu settings.")).toBeVisible();
  await expect(hudu.getByText(/Hudu URL: removed trailing \/api\/v1/)).toBeVisible();
  await expect(hudu.getByLabel("Hudu URL")).toHaveValue(demo.hudu.url);
  await expect(hudu.getByLabel("API key")).toHaveAttribute("placeholder", `•••• ${demo.hudu.apiKey.slice(-4)}`);

  // Both tests pass, check by check.
  await halo.getByRole("button", { name: "Test Halo" }).click();
  await expect(halo.getByTestId("halo-status")).toHaveText("Working", { timeout: 30_000 });
  await expect(halo.getByText("Halo works.")).toBeVisible();
  expect(await checkStates(halo)).toEqual(["passed", "passed", "passed", "passed", "passed"]);
  await hudu.getByRole("button", { name: "Test Hudu" }).click();
  await expect(hudu.getByTestId("hudu-status")).toHaveText("Working", { timeout: 30_000 });
  expect(await checkStates(hudu)).toEqual(["passed", "passed", "passed", "passed"]);

  // The verdicts are kept: after a reload, and on the overview.
  await page.reload();
  await expect(card(page, "HaloPSA").getByText("Halo works.")).toBeVisible();
  await expect(card(page, "HaloPSA").getByText(/Last tested .+ by admin@example\.com/)).toBeVisible();
  await expect(card(page, "Hudu").getByText("Hudu works.")).toBeVisible();
  await page.goto("/");
  await expect(page.getByText("Halo and Hudu both answered the last test.")).toBeVisible();
});

test("a wrong Halo secret gets a precise red verdict; the Hudu verdict stays", async ({ page }) => {
  const demo = await readDemoInfo();
  await page.goto("/connections");
  const halo = card(page, "HaloPSA");
  await expect(halo.getByText("Halo works.")).toBeVisible();

  // Saving a different secret clears the old verdict: it no longer applies.
  await halo.getByLabel("Client secret").fill("this-is-not-the-secret");
  await expect(halo.getByRole("button", { name: "Test Halo" })).toBeDisabled();
  await expect(halo.getByText("Save your changes first")).toBeVisible();
  await halo.getByRole("button", { name: "Save Halo settings" }).click();
  await expect(halo.getByText("Saved the Halo settings.")).toBeVisible();
  await expect(halo.getByTestId("halo-status")).toHaveText("Not tested");
  await expect(halo.getByLabel("Client secret")).toHaveAttribute("placeholder", "•••• cret");

  await halo.getByRole("button", { name: "Test Halo" }).click();
  await expect(halo.getByTestId("halo-status")).toHaveText("Not working", { timeout: 30_000 });
  await expect(halo.getByText("Halo does not work yet.")).toBeVisible();
  const token = halo.locator('[data-check="token"]');
  await expect(token).toHaveAttribute("data-state", "failed");
  await expect(token).toContainText(/refused the client ID or client secret/i);
  expect(await checkStates(halo)).toEqual(["failed", "skipped", "skipped", "skipped", "skipped"]);
  await expect(card(page, "Hudu").getByTestId("hudu-status")).toHaveText("Working");

  await page.goto("/");
  await expect(page.getByText("The last test failed for Halo.")).toBeVisible();

  // Put the right secret back so later specs find a working connection.
  await page.goto("/connections");
  await card(page, "HaloPSA").getByLabel("Client secret").fill(demo.halo.clientSecret);
  await card(page, "HaloPSA").getByRole("button", { name: "Save Halo settings" }).click();
  await expect(card(page, "HaloPSA").getByText("Saved the Halo settings.")).toBeVisible();
});

test("a viewer sees the settings read-only, and a forced save is refused", async ({ page, browser }) => {
  const viewer = { email: "connections-viewer@example.com", password: "viewer password 2" };
  await addUser(page, viewer, "viewer");

  // Capture the admin's save action to replay it as the viewer.
  await page.goto("/connections");
  const halo = card(page, "HaloPSA");
  await halo.getByLabel("Tenant").fill("changed-by-viewer");
  const actionRequest = page.waitForRequest((r) => r.method() === "POST" && !!r.headers()["next-action"]);
  await halo.getByRole("button", { name: "Save Halo settings" }).click();
  const captured = await actionRequest;
  await expect(halo.getByText("Saved the Halo settings.")).toBeVisible();
  await halo.getByLabel("Tenant").fill((await readDemoInfo()).halo.tenant);
  await halo.getByRole("button", { name: "Save Halo settings" }).click();
  await expect(halo.getByLabel("Tenant")).toHaveValue((await readDemoInfo()).halo.tenant);

  const { context, page: viewerPage } = await signedInContext(browser, viewer);
  await viewerPage.goto("/connections");
  await expect(viewerPage.getByText("You are a viewer")).toBeVisible();
  const viewerHalo = card(viewerPage, "HaloPSA");
  await expect(viewerHalo.getByLabel("Client ID")).toBeDisabled();
  await expect(viewerHalo.getByLabel("Client ID")).not.toHaveValue("");
  await expect(viewerHalo.getByRole("button", { name: /Save|Test/ })).toHaveCount(0);

  const replay = await replayServerAction(context.request, "/connections", captured);
  expect(await replay.text()).toContain("forbidden");
  await context.close();
  await page.reload();
  await expect(card(page, "HaloPSA").getByLabel("Tenant")).not.toHaveValue("changed-by-viewer");
});

test("a saved secret is never sent to a new server: moving an address asks for the secret again", async ({ page }) => {
  const demo = await readDemoInfo();
  await page.goto("/connections");
  const hudu = card(page, "Hudu");
  await expect(hudu.getByLabel("Hudu URL")).toHaveValue(demo.hudu.url);

  // The form says so as soon as the address points elsewhere, and the save is refused.
  await hudu.getByLabel("Hudu URL").fill("https://elsewhere.example.com");
  await expect(hudu.getByText("The address now points to another server (elsewhere.example.com): enter the API key again.")).toBeVisible();
  await hudu.getByRole("button", { name: "Save Hudu settings" }).click();
  await expect(hudu.getByText("Some fields need attention. Nothing was saved.")).toBeVisible();
  await expect(
    hudu.getByText("The Hudu URL now points to another server (elsewhere.example.com): enter the API key again. A saved API key is never sent to a server it was not entered for."),
  ).toBeVisible();

  // Plain http to a server elsewhere is refused outright, key or not.
  await hudu.getByLabel("Hudu URL").fill("http://hudu.example.com");
  await hudu.getByLabel("API key").fill("some-new-key");
  await hudu.getByRole("button", { name: "Save Hudu settings" }).click();
  await expect(hudu.getByText(/^Use https:\/\/: over http:\/\/ the credentials would cross the network unencrypted/)).toBeVisible();

  // Halo: either server counts.
  const halo = card(page, "HaloPSA");
  await halo.getByLabel("Resource server").fill("https://collector.example.com/api");
  await halo.getByRole("button", { name: "Save Halo settings" }).click();
  await expect(halo.getByText(/^The Halo resource server now points to another server \(collector\.example\.com\): enter the client secret again/)).toBeVisible();

  // Nothing was saved: both still point at the simulators, and still work.
  await page.reload();
  await expect(card(page, "Hudu").getByLabel("Hudu URL")).toHaveValue(demo.hudu.url);
  await expect(card(page, "HaloPSA").getByLabel("Resource server")).toHaveValue(demo.halo.resourceUrl);
});
