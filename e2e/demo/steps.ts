import { expect, type Page } from "@playwright/test";

// Steps several demo specs take on the way to an import, written once. Each accepts a demo where
// an earlier spec took the step already (specs run in name order, on one demo).

/** Sets the three Hudu layouts up unless they are; ends with them ready for an import. */
export async function setUpLayouts(page: Page): Promise<void> {
  await page.goto("/layouts");
  const setUp = page.getByRole("button", { name: "Set up layouts…" });
  if (await setUp.isVisible()) {
    await setUp.click();
    await page.getByRole("dialog", { name: "Change Hudu's layouts?" }).getByRole("button", { name: "Yes, make these changes in Hudu" }).click();
  }
  await expect(page.getByText("All three layouts are ready for an import.")).toBeVisible({ timeout: 30_000 });
}

/** Tests both connections on the Connections page (an import starts only after both passed). */
export async function testBothConnections(page: Page): Promise<void> {
  await page.goto("/connections");
  for (const service of ["halo", "hudu"] as const) {
    await page.getByRole("button", { name: service === "halo" ? "Test Halo" : "Test Hudu" }).click();
    await expect(page.getByTestId(`${service}-status`)).toHaveText("Working", { timeout: 30_000 });
  }
}

/** Reads Halo and Hudu for the preview, as the Import page's button does. */
export async function preparePreview(page: Page): Promise<void> {
  await page.goto("/import");
  await page.getByRole("button", { name: /^(Prepare the preview|Prepare a new preview)$/ }).click();
  await expect(page.getByTestId("preview-info")).toContainText("Preview read", { timeout: 120_000 });
}
