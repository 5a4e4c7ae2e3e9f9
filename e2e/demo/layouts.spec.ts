import { expect, test } from "@playwright/test";
import { expectNoA11yViolations } from "../a11y";
import { readDemoInfo } from "../env";

// Stage two on the fresh demo, as an admin first meets it: set the Hudu layouts up (the app shows
// what it will create and asks first), adjust the mapping and the options, then prepare and open
// the preview. Runs before the other demo specs that import (they find the layouts ready).

test.describe.configure({ mode: "serial" });
test.setTimeout(180_000);

interface SimLayout {
  name: string;
  active: boolean;
  fields: Array<{ label: string; is_destroyed?: boolean }>;
}

test("sets up the three layouts after showing what will be created, and a second set-up has nothing to do", async ({ page }) => {
  const demo = await readDemoInfo();
  const layoutsBefore = ((await (await page.request.get(`${demo.hudu.url}/__sim/state`)).json()) as { assetLayouts: SimLayout[] }).assetLayouts.length;

  await page.goto("/layouts");
  await expect(page.getByText("Not set up yet.")).toBeVisible();
  await expect(page.getByTestId("layout-card-site").getByText("Not set up")).toBeVisible();
  await page.getByRole("button", { name: "Set up layouts…" }).click();

  const dialog = page.getByRole("dialog", { name: "Change Hudu's layouts?" });
  const steps = dialog.getByTestId("setup-steps");
  await expect(steps).toContainText('Sites: create the layout "Sites" with Address (AddressData)');
  await expect(steps).toContainText('Contacts: create the layout "Contacts"');
  await expect(steps).toContainText("Site (AssetTag)");
  await expect(steps).toContainText('Contracts: activate "Contracts".');
  await expect(dialog).toContainText("Hudu has no delete for layouts");
  await dialog.getByRole("button", { name: "Yes, make these changes in Hudu" }).click();

  await expect(page.getByText("All three layouts are ready for an import.")).toBeVisible({ timeout: 30_000 });
  for (const type of ["site", "contact", "contract"]) {
    await expect(page.getByTestId(`layout-card-${type}`).getByText("Ready", { exact: true })).toBeVisible();
  }
  await expect(page.getByLabel("Hudu layout").first()).toHaveValue(/\d+/);

  // Hudu (the simulator's inspection) holds three new active layouts with their Halo ID fields.
  const layouts = ((await (await page.request.get(`${demo.hudu.url}/__sim/state`)).json()) as { assetLayouts: SimLayout[] }).assetLayouts;
  expect(layouts).toHaveLength(layoutsBefore + 3);
  for (const name of ["Sites", "Contacts", "Contracts"]) {
    const layout = layouts.find((l) => l.name === name)!;
    expect(layout.active).toBe(true);
    expect(layout.fields.filter((f) => !f.is_destroyed).map((f) => f.label)).toContain("Halo ID");
  }

  // Everything is in place: set-up is no longer offered.
  await page.reload();
  await expect(page.getByRole("button", { name: "Set up layouts…" })).toHaveCount(0);
  // The page with three layouts and their mapping editors passes the accessibility scan.
  await expectNoA11yViolations(page, "layouts, set up");
});

test("edits a mapping (checked against the layout) and the options, and both are kept", async ({ page }) => {
  await page.goto("/layouts");
  const contacts = page.getByTestId("layout-card-contact");
  // The mobile number goes nowhere: remove its row and save.
  const rows = contacts.getByRole("combobox", { name: /^Layout field \d+$/ });
  const count = await rows.count();
  let mobileRow = -1;
  for (let i = 0; i < count; i++) if ((await rows.nth(i).inputValue()) === "Mobile") mobileRow = i;
  expect(mobileRow).toBeGreaterThanOrEqual(0);
  await contacts.getByRole("button", { name: `Remove mapping ${mobileRow + 1}` }).click();
  await contacts.getByRole("button", { name: "Save mapping" }).click();
  await expect(page.getByText("Saved the mapping for contacts.")).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("layout-card-contact").getByRole("combobox", { name: /^Layout field \d+$/ })).toHaveCount(count - 1);

  // The Halo id cannot be unmapped: its row has no working remove button.
  const haloIdRow = await page.getByTestId("layout-card-contact").getByRole("combobox", { name: /^Layout field \d+$/ }).count();
  await expect(page.getByTestId("layout-card-contact").getByRole("button", { name: `Remove mapping ${haloIdRow}` })).toBeDisabled();

  // Options: import inactive records too; saved and shown again after a reload.
  await page.getByLabel("Include inactive Halo records").check();
  await page.getByRole("button", { name: "Save options" }).click();
  await expect(page.getByText("Saved the options.")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Include inactive Halo records")).toBeChecked();
  await page.getByLabel("Include inactive Halo records").uncheck();
  await page.getByRole("button", { name: "Save options" }).click();
  await expect(page.getByText("Saved the options.")).toBeVisible();
});

test("prepares the preview and shows totals, filters and each client's records with the reason they are skipped", async ({ page }) => {
  const demo = await readDemoInfo();
  const halo = (await (await page.request.get(`${demo.halo.url}/__sim/state`)).json()) as { clients: Array<{ id: number; name: string; inactive: boolean }> };
  const client = halo.clients.find((c) => !c.inactive && /^[A-Za-z][\w &'-]+$/.test(c.name.trim()))!;

  await page.goto("/import");
  await expect(page.getByText("No preview yet")).toBeVisible();
  await page.getByRole("button", { name: "Prepare the preview" }).click();
  await expect(page.getByTestId("preview-info")).toContainText("Preview read", { timeout: 120_000 });

  const totals = page.getByRole("table", { name: "Totals per type and action" });
  await expect(totals.getByRole("rowheader", { name: /Sites → Sites/ })).toBeVisible();
  await expect(totals.getByRole("rowheader", { name: /Contacts → Contacts/ })).toBeVisible();
  // The slot for starting the import is there.
  await expect(page.getByTestId("start-import-slot")).toBeVisible();

  // Nothing is matched on a fresh demo, so every client's records are skipped, each with its reason.
  await page.getByRole("group", { name: "Show" }).getByRole("button", { name: "Skip", exact: true }).click();
  await page.getByRole("searchbox").fill(client.name.trim());
  const group = page.getByRole("region", { name: client.name.trim(), exact: true });
  await expect(group).toBeVisible();
  await expect(group.getByTestId("plan-item").first()).toContainText("not matched yet");
  await expectNoA11yViolations(page, "import preview, filtered");

  // A number in the totals filters the list to exactly those records.
  await page.getByRole("searchbox").fill("");
  const companiesSkipped = totals.getByRole("button", { name: /companies: skip$/ });
  const n = Number((await companiesSkipped.innerText()).replace(/\D/g, ""));
  await companiesSkipped.click();
  await expect(page.getByText(new RegExp(`^${n.toLocaleString("en")} records?`))).toBeVisible();
});
