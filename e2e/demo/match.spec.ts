import { readFile } from "node:fs/promises";
import { expect, test, type Locator, type Page } from "@playwright/test";
import type { BoardData, BoardDecision } from "@/lib/decisions/types";
import { readDemoInfo, type DemoInfo } from "../env";
import { replayServerAction } from "../server-action";
import { addUser, signedInContext } from "../sign-in";

// The match board on the demo (simulators behind it), as an admin uses it: read both sides,
// drag a client onto a company, bulk-accept, ignore, create new, and see a decision go stale
// when its company disappears from Hudu. The steps build on each other, so they run in order.

// Signed in as the demo admin by the "demo" project (playwright/.auth/demo-admin.json).
test.describe.configure({ mode: "serial" });
test.setTimeout(180_000);

/** The demo server's facts; E2E_DEMO_INFO may point elsewhere when running against a dev server. */
async function demoInfo(): Promise<DemoInfo> {
  const file = process.env.E2E_DEMO_INFO;
  return file ? (JSON.parse(await readFile(file, "utf8")) as DemoInfo) : readDemoInfo();
}

const haloList = (page: Page) => page.getByRole("list", { name: "Halo clients" });
const huduList = (page: Page) => page.getByRole("list", { name: "Hudu companies" });
const clientRow = (page: Page, name: string) => haloList(page).getByRole("listitem", { name, exact: true });
const companyRow = (page: Page, name: string) => huduList(page).getByRole("listitem", { name, exact: true });
const chip = (page: Page, label: string) =>
  page.getByRole("group", { name: "Filter Halo clients by state" }).getByRole("button", { name: new RegExp(`^${label} [\\d,]+$`) });

async function chipCount(page: Page, label: string): Promise<number> {
  const text = (await chip(page, label).getAttribute("aria-label")) ?? "";
  return Number(text.replace(/\D/g, ""));
}

async function showClient(page: Page, name: string): Promise<Locator> {
  await page.getByRole("searchbox", { name: "Search Halo clients" }).fill(name);
  const row = clientRow(page, name);
  await expect(row).toBeVisible();
  return row;
}

async function showCompany(page: Page, name: string): Promise<Locator> {
  await page.getByRole("searchbox", { name: "Search Hudu companies" }).fill(name);
  const row = companyRow(page, name);
  await expect(row).toBeVisible();
  return row;
}

/** A pointer drag with the mouse: press on the handle, move past the activation distance, drop. */
async function drag(page: Page, handle: Locator, target: Locator) {
  const from = (await handle.boundingBox())!;
  const to = (await target.boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 12, from.y + from.height / 2 + 4, { steps: 3 });
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 15 });
  await expect(target.locator("[data-over]")).toBeVisible();
  await page.mouse.up();
}

async function refreshSnapshot(page: Page) {
  await page.goto("/match");
  const button = page.getByRole("button", { name: /^(Read Halo and Hudu|Refresh from Halo and Hudu)$/ });
  await expect(button).toBeEnabled();
  // The demo's Halo answers in milliseconds, faster than the board polls (every second); real
  // Halo takes minutes. Slow each Halo answer down so the progress is there to be seen.
  await page.request.post(`${demo.halo.url}/__sim/latency`, { data: { ms: 250 } });
  try {
    await button.click();
    await expect(page.getByRole("button", { name: "Refreshing…" })).toBeVisible();
    await expect(page.getByRole("progressbar", { name: "Snapshot refresh" })).toBeVisible();
  } finally {
    await page.request.post(`${demo.halo.url}/__sim/latency`, { data: { ms: 0 } });
  }
  await expect(page.getByRole("button", { name: "Refresh from Halo and Hudu" })).toBeVisible({ timeout: 150_000 });
  await expect(page.getByText(/^Snapshot saved: \d+ Halo clients and \d+ Hudu companies\.$/)).toBeVisible();
  await expect(page.getByTestId("snapshot-info")).toContainText("Snapshot taken just now");
}

async function boardState(page: Page): Promise<{ board: BoardData; decisions: BoardDecision[] }> {
  const board = (await (await page.request.get("/api/match/board")).json()) as BoardData;
  const { decisions } = (await (await page.request.get("/api/match/decisions")).json()) as { decisions: BoardDecision[] };
  return { board, decisions };
}

/** Names that are plain and unique on their side, so a search finds exactly one row. */
function plainUnique<T extends { name: string }>(items: T[]): T[] {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item.name.toLowerCase(), (counts.get(item.name.toLowerCase()) ?? 0) + 1);
  return items.filter((i) => counts.get(i.name.toLowerCase()) === 1 && /^[A-Za-z][A-Za-z0-9 .,'&-]*$/.test(i.name) && i.name === i.name.trim());
}

let demo: DemoInfo;
let me: string;

test.beforeAll(async () => {
  demo = await demoInfo();
  me = demo.admin.email;
});

test("the board reads both sides on demand and shows when", async ({ page }) => {
  await refreshSnapshot(page);
  await expect(haloList(page).getByRole("listitem").first()).toBeVisible();
  await expect(huduList(page).getByRole("listitem").first()).toBeVisible();
  expect(await chipCount(page, "All")).toBeGreaterThan(10);
  expect(await chipCount(page, "Suggested")).toBeGreaterThan(0);
  // Opening the page again costs no API call: the snapshot is read from the database.
  const before = await (await page.request.get(`${demo.hudu.url}/__sim/counts`)).json();
  await page.reload();
  await expect(haloList(page).getByRole("listitem").first()).toBeVisible();
  expect(await (await page.request.get(`${demo.hudu.url}/__sim/counts`)).json()).toEqual(before);
});

test("drag a client onto a company; the match persists after a reload and says who made it", async ({ page }) => {
  const { board, decisions } = await boardState(page);
  const taken = new Set(decisions.map((d) => d.huduCompanyId));
  const suggestedIds = new Set(board.suggestions.flatMap((s) => s.candidates.map((c) => c.huduId)));
  const withSuggestion = new Set(board.suggestions.map((s) => s.haloId));
  const decided = new Set(decisions.map((d) => d.haloClientId));
  // A client the engine has nothing for, and a company nobody is likely to be: a hand match.
  const client = plainUnique(board.halo).find((c) => !withSuggestion.has(c.id) && !decided.has(c.id))!;
  const company = plainUnique(board.hudu).find((c) => !taken.has(c.id) && !suggestedIds.has(c.id) && !c.archived)!;
  expect(client, "an unmatched client in the demo data").toBeTruthy();
  expect(company, "a free company in the demo data").toBeTruthy();

  await page.goto("/match");
  const row = await showClient(page, client.name);
  const target = await showCompany(page, company.name);
  await drag(page, row.getByRole("button", { name: `Drag ${client.name} onto a Hudu company` }), target);

  await expect(row.getByText("Matched", { exact: true })).toBeVisible();
  await expect(row.getByText(company.name)).toBeVisible();
  await expect(target.getByText(`Matched · ${client.name}`)).toBeVisible();

  await page.reload();
  const after = await showClient(page, client.name);
  await expect(after.getByText("Matched", { exact: true })).toBeVisible();
  await expect(after.getByText(company.name)).toBeVisible();
  await expect(after.getByText("Matched", { exact: true })).toHaveAttribute("title", new RegExp(`^Decided by ${me.replace(".", "\\.")} on `));

  // Dropping another client onto the same company asks first; cancelling changes nothing.
  const second = plainUnique(board.halo).find((c) => !withSuggestion.has(c.id) && !decided.has(c.id) && c.id !== client.id)!;
  const secondRow = await showClient(page, second.name);
  await drag(page, secondRow.getByRole("button", { name: `Drag ${second.name} onto a Hudu company` }), await showCompany(page, company.name));
  const dialog = page.getByRole("dialog", { name: "Move this match?" });
  await expect(dialog).toContainText(`${company.name} is already matched to ${client.name}`);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await expect(secondRow.getByText("Unmatched", { exact: true })).toBeVisible();
});

test("keyboard: pick a client up with Space, arrow onto a company, drop with Space", async ({ page }) => {
  const { board, decisions } = await boardState(page);
  const taken = new Set(decisions.map((d) => d.huduCompanyId));
  const decided = new Set(decisions.map((d) => d.haloClientId));
  const withSuggestion = new Set(board.suggestions.map((s) => s.haloId));
  const suggestedIds = new Set(board.suggestions.flatMap((s) => s.candidates.map((c) => c.huduId)));
  const client = plainUnique(board.halo).find((c) => !withSuggestion.has(c.id) && !decided.has(c.id))!;
  const company = plainUnique(board.hudu).find((c) => !taken.has(c.id) && !suggestedIds.has(c.id) && !c.archived)!;

  await page.goto("/match");
  const row = await showClient(page, client.name);
  await showCompany(page, company.name);
  await row.getByRole("button", { name: `Drag ${client.name} onto a Hudu company` }).focus();
  await page.keyboard.press("Space");
  await expect(page.getByRole("status").filter({ hasText: `Picked up ${client.name}.` })).toBeAttached();
  // dnd-kit measures the companies a frame or two after the pick-up; a key pressed sooner (only a
  // script is that fast) finds nothing to move onto and does nothing, so press again until it lands.
  await expect(async () => {
    await page.keyboard.press("ArrowRight");
    await expect(companyRow(page, company.name).locator("[data-over]")).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 10_000 });
  await page.keyboard.press("Space");
  await expect(row.getByText("Matched", { exact: true })).toBeVisible();
  await expect(row.getByText(company.name)).toBeVisible();
});

test("create new for a name Hudu already has is flagged and offers the match instead", async ({ page }) => {
  const { board, decisions } = await boardState(page);
  const decided = new Set(decisions.map((d) => d.haloClientId));
  const taken = new Set(decisions.map((d) => d.huduCompanyId));
  const huduByName = new Map(board.hudu.map((c) => [c.name.trim().toLowerCase(), c]));
  const client = plainUnique(board.halo).find((c) => {
    const same = huduByName.get(c.name.toLowerCase());
    return !decided.has(c.id) && same && !taken.has(same.id) && plainUnique(board.hudu).includes(same);
  })!;
  expect(client, "a client whose name Hudu has").toBeTruthy();
  const company = huduByName.get(client.name.toLowerCase())!;

  await page.goto("/match");
  const row = await showClient(page, client.name);
  await row.getByRole("button", { name: `Create ${client.name} new in Hudu` }).click();
  const dialog = page.getByRole("dialog", { name: "Hudu already has this name" });
  await expect(dialog).toContainText("refuses a second company with the same name");
  await dialog.getByRole("button", { name: `Match to “${company.name}”` }).click();
  await expect(row.getByText("Matched", { exact: true })).toBeVisible();
});

test("bulk: accept every auto-accept suggestion after a confirmation that says how many", async ({ page }) => {
  await page.goto("/match");
  const button = page.getByRole("button", { name: /^Accept [\d,]+ auto-accept suggestions?$/ });
  const n = Number(((await button.textContent()) ?? "").replace(/\D/g, ""));
  expect(n).toBeGreaterThan(0);
  const matchedBefore = await chipCount(page, "Matched");
  await button.click();
  const dialog = page.getByRole("dialog", { name: `Accept ${n} suggestion${n === 1 ? "" : "s"}?` });
  await expect(dialog).toContainText(`${n} Halo client${n === 1 ? "" : "s"}`);
  await dialog.getByRole("button", { name: `Accept ${n}` }).click();
  await expect(page.getByText(`${n} suggestion${n === 1 ? "" : "s"} accepted.`)).toBeVisible();
  await expect.poll(() => chipCount(page, "Matched")).toBe(matchedBefore + n);
  await expect(page.getByRole("button", { name: "Accept 0 auto-accept suggestions" })).toBeDisabled();

  await page.reload();
  await expect.poll(() => chipCount(page, "Matched")).toBe(matchedBefore + n);
  const { decisions } = await boardState(page);
  expect(decisions.filter((d) => d.source === "auto-accept")).toHaveLength(n);
});

test("ignore and create new, one client each; both persist", async ({ page }) => {
  const { board, decisions } = await boardState(page);
  const decided = new Set(decisions.map((d) => d.haloClientId));
  const huduNames = new Set(board.hudu.map((c) => c.name.trim().toLowerCase()));
  const [toIgnore, toCreate] = plainUnique(board.halo).filter((c) => !decided.has(c.id) && !huduNames.has(c.name.toLowerCase()));

  await page.goto("/match");
  let row = await showClient(page, toIgnore.name);
  const ignored = page.waitForResponse((r) => r.request().method() === "POST" && !!r.request().headers()["next-action"]);
  await row.getByRole("button", { name: `Ignore ${toIgnore.name}` }).click();
  await expect(row.getByText("Ignored", { exact: true })).toBeVisible();
  await ignored;

  row = await showClient(page, toCreate.name);
  // The row changes at once (optimistic); reload only once the server action has answered.
  const saved = page.waitForResponse((r) => r.request().method() === "POST" && !!r.request().headers()["next-action"]);
  await row.getByRole("button", { name: `Create ${toCreate.name} new in Hudu` }).click();
  await expect(row.getByText("Create new", { exact: true })).toBeVisible();
  await saved;

  await page.reload();
  await expect((await showClient(page, toIgnore.name)).getByText("Ignored", { exact: true })).toBeVisible();
  await expect((await showClient(page, toCreate.name)).getByText("Create new", { exact: true })).toBeVisible();

  // Undo puts the ignored one back.
  row = await showClient(page, toIgnore.name);
  await row.getByRole("button", { name: `Undo ignore for ${toIgnore.name}` }).click();
  await expect(row.getByText(/^(Suggested|Unmatched)$/)).toBeVisible();
});

test("a decision whose company disappears from Hudu shows as stale after a refresh", async ({ page }) => {
  // A company made for this test, so the demo data other tests rely on stays as it was.
  const name = `Stale Check Holdings ${Date.now()}`;
  const created = await page.request.post(`${demo.hudu.url}/api/v1/companies`, {
    headers: { "x-api-key": demo.hudu.apiKey },
    data: { company: { name } },
  });
  expect(created.ok()).toBe(true);
  const companyId = ((await created.json()) as { company?: { id: number }; id?: number }).company?.id ?? (await created.json()).id;
  await refreshSnapshot(page);

  const { board, decisions } = await boardState(page);
  const decided = new Set(decisions.map((d) => d.haloClientId));
  const client = plainUnique(board.halo).find((c) => !decided.has(c.id))!;
  const row = await showClient(page, client.name);
  await row.getByRole("button", { name: `Match ${client.name} to…` }).click();
  const picker = page.getByRole("dialog", { name: `Match ${client.name} to…` });
  await picker.getByRole("searchbox").fill(name);
  await picker.getByRole("button", { name: `Match ${client.name} to ${name}` }).click();
  await expect(picker).toBeHidden();
  await expect(row.getByText("Matched", { exact: true })).toBeVisible();

  const deleted = await page.request.delete(`${demo.hudu.url}/api/v1/companies/${companyId}`, { headers: { "x-api-key": demo.hudu.apiKey } });
  expect(deleted.ok()).toBe(true);
  await refreshSnapshot(page);

  await expect.poll(() => chipCount(page, "Stale")).toBeGreaterThan(0);
  await chip(page, "Stale").click();
  const stale = clientRow(page, client.name);
  await expect(stale.getByText("Stale", { exact: true })).toBeVisible();
  await expect(stale.getByText(`“${name}” is gone from Hudu`)).toBeVisible();

  // Clearing it makes the client undecided again.
  await stale.getByRole("button", { name: `Clear the stale decision for ${client.name}` }).click();
  await expect(stale).toBeHidden();
  const after = await boardState(page);
  expect(after.decisions.find((d) => d.haloClientId === client.id)).toBeUndefined();
});

test("a viewer sees the board but every control is disabled, and a forced change is refused", async ({ page, browser }) => {
  const viewer = { email: `match-viewer-${Date.now()}@example.com`, password: "viewer password 1" };
  await addUser(page, viewer, "viewer");

  // Capture the admin's "ignore" action request, then undo it.
  const { board, decisions } = await boardState(page);
  const decided = new Set(decisions.map((d) => d.haloClientId));
  const client = plainUnique(board.halo).find((c) => !decided.has(c.id))!;
  await page.goto("/match");
  const row = await showClient(page, client.name);
  const actionRequest = page.waitForRequest((r) => r.method() === "POST" && !!r.headers()["next-action"]);
  await row.getByRole("button", { name: `Ignore ${client.name}` }).click();
  const captured = await actionRequest;
  await expect(row.getByText("Ignored", { exact: true })).toBeVisible();
  await row.getByRole("button", { name: `Undo ignore for ${client.name}` }).click();
  await expect(row.getByText(/^(Suggested|Unmatched)$/)).toBeVisible();
  await expect.poll(async () => (await boardState(page)).decisions.some((d) => d.haloClientId === client.id)).toBe(false);

  const { context, page: viewerPage } = await signedInContext(browser, viewer);
  await viewerPage.goto("/match");
  await expect(viewerPage.getByText("You are a viewer")).toBeVisible();
  const viewerRow = await showClient(viewerPage, client.name);
  await expect(viewerRow.getByRole("button", { name: `Ignore ${client.name}` })).toBeDisabled();
  await expect(viewerRow.getByRole("button", { name: `Drag ${client.name} onto a Hudu company` })).toHaveAttribute("aria-disabled", "true");
  await expect(viewerPage.getByRole("button", { name: "Refresh from Halo and Hudu" })).toBeDisabled();

  const replay = await replayServerAction(context.request, "/match", captured);
  expect(await replay.text()).toContain("forbidden");
  await context.close();
  expect((await boardState(page)).decisions.some((d) => d.haloClientId === client.id)).toBe(false);
});
