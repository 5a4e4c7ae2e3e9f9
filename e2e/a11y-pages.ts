import { expect, type Page } from "@playwright/test";
import { expectNoA11yViolations } from "./a11y";
import { readDemoInfo } from "./env";
import { expectKeyboardWalk } from "./keyboard";

/** Who looks at a view: nobody signed in yet (first start), signed out, or a signed-in role. */
export type Visitor = "no-users-yet" | "signed-out" | "admin" | "viewer";

export interface ScannedView {
  /** How the report names it. */
  name: string;
  path: string;
  /** The page's h1: proves the visit landed where it meant to (no redirect to sign-in). */
  heading: string | RegExp;
  visitors: readonly Visitor[];
  /** Brings the loaded page into the state to scan (a dialog open, a board loaded, …). */
  show?: (page: Page) => Promise<void>;
  /** Puts back what `show` changed, so the next view and the other specs find the demo as it was. */
  after?: (page: Page) => Promise<void>;
}

const SIGNED_IN = ["admin", "viewer"] as const;

const haloList = (page: Page) => page.getByRole("list", { name: "Halo clients" });

async function boardLoaded(page: Page) {
  await expect(haloList(page).getByRole("listitem").first()).toBeVisible();
  await expect(page.getByRole("list", { name: "Hudu companies" }).getByRole("listitem").first()).toBeVisible();
}

interface BoardJson {
  halo: { id: number; name: string }[];
  suggestions: { haloId: number; candidates: { score: number }[] }[];
}

// The score pill's colour bands (ScorePill in the match board): strong, middling, weak.
const scoreBand = (score: number) => (score >= 0.85 ? "strong" : score >= 0.6 ? "middling" : "weak");

/**
 * Finds, in the demo's data, a client whose candidates' score bands pass `wanted` (so each pill
 * colour is on screen when scanned), searches the board for it and returns its row.
 */
async function showClientWithScores(page: Page, what: string, wanted: (bands: string[]) => boolean) {
  const board = (await (await page.request.get("/api/match/board")).json()) as BoardJson;
  const names = new Map(board.halo.map((c) => [c.id, c.name]));
  const unique = (name: string) => board.halo.filter((c) => c.name === name).length === 1;
  const suggestion = board.suggestions.find(
    (s) => wanted(s.candidates.map((c) => scoreBand(c.score))) && unique(names.get(s.haloId) ?? ""),
  );
  expect(suggestion, `a client with ${what} in the demo data`).toBeTruthy();
  const name = names.get(suggestion!.haloId)!;
  await boardLoaded(page);
  await page.getByRole("searchbox", { name: "Search Halo clients" }).fill(name);
  const row = haloList(page).getByRole("listitem", { name, exact: true });
  await expect(row).toBeVisible();
  return { row, name };
}

/**
 * Every view of the dashboard the accessibility scan covers (e2e/demo/a11y.spec.ts scans each
 * for each of its visitors, and walks it with the keyboard; e2e/global.setup.ts scans the
 * "no-users-yet" ones before the first admin exists). A page that lands adds one line here,
 * e.g. the import run page: { name: "import run", path: `/import/${runId}`, heading: …, visitors: SIGNED_IN }.
 */
export const SCANNED_VIEWS: readonly ScannedView[] = [
  { name: "first-admin setup", path: "/setup", heading: "Create the first admin", visitors: ["no-users-yet"] },
  {
    name: "first-admin setup, with field errors",
    path: "/setup",
    heading: "Create the first admin",
    visitors: ["no-users-yet"],
    show: async (page) => {
      await page.getByLabel("E-mail").fill("not-an-email");
      await page.getByRole("button", { name: "Create admin and sign in" }).click();
      await expect(page.getByText("Enter a valid e-mail address.")).toBeVisible();
    },
  },
  { name: "sign-in", path: "/signin", heading: "Sign in", visitors: ["signed-out"] },
  {
    name: "sign-in, after a failed attempt",
    path: "/signin",
    heading: "Sign in",
    visitors: ["signed-out"],
    show: async (page) => {
      // An address nobody has: the sign-in throttle of real accounts is left alone.
      await page.getByLabel("E-mail").fill("nobody-a11y@example.com");
      await page.getByLabel("Password").fill("not the password");
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.locator('form [role="alert"]')).toHaveText("Incorrect e-mail or password.");
    },
  },
  { name: "overview", path: "/", heading: "Overview", visitors: SIGNED_IN },
  { name: "connections", path: "/connections", heading: "Connections", visitors: SIGNED_IN },
  {
    name: "connections, after a test",
    path: "/connections",
    heading: "Connections",
    visitors: ["admin"],
    show: async (page) => {
      await page.getByRole("button", { name: "Test Hudu" }).click();
      await expect(page.getByRole("list", { name: "Checks" })).toBeVisible({ timeout: 30_000 });
    },
  },
  { name: "match board", path: "/match", heading: "Match companies", visitors: SIGNED_IN, show: boardLoaded },
  {
    name: "match board, a client selected",
    path: "/match",
    heading: "Match companies",
    visitors: SIGNED_IN,
    show: async (page) => {
      const { row } = await showClientWithScores(page, "a middling best score", (bands) => bands[0] === "middling");
      // A click on the row (not on its buttons) selects it; its candidates light up on the right.
      await row.getByText(/\d+ sites?/).click();
      await expect(page.getByText(/^Selected:/)).toBeVisible();
      await expect(page.getByText("Match here").first()).toBeVisible();
    },
  },
  {
    name: "match board, a client's dialog",
    path: "/match",
    heading: "Match companies",
    visitors: SIGNED_IN,
    show: async (page) => {
      const { row, name } = await showClientWithScores(page, "a strong and a weak candidate", (b) => b.includes("strong") && b.includes("weak"));
      await row.getByRole("button", { name, exact: true }).click();
      await expect(page.getByRole("dialog", { name, exact: true })).toBeVisible();
    },
  },
  {
    name: "match board, a confirmation",
    path: "/match",
    heading: "Match companies",
    visitors: ["admin"],
    show: async (page) => {
      await boardLoaded(page);
      // Whichever bulk action has something to do (another spec may have done the other already).
      const bulk = page.locator("button:enabled").filter({ hasText: /^(Accept [\d,]+ auto-accept|Create [\d,]+ remaining)/ }).first();
      await bulk.click();
      await expect(page.getByRole("dialog", { name: /^(Accept|Create) [\d,]+ \w+s?\?$/ })).toBeVisible();
    },
  },
  {
    name: "match board, refreshing",
    path: "/match",
    heading: "Match companies",
    visitors: ["admin"],
    show: async (page) => {
      await boardLoaded(page);
      // The demo's Halo answers in milliseconds; slowed down, the refresh stays on screen for the scan.
      const { halo } = await readDemoInfo();
      await page.request.post(`${halo.url}/__sim/latency`, { data: { ms: 400 } });
      await page.getByRole("button", { name: "Refresh from Halo and Hudu" }).click();
      await expect(page.getByRole("progressbar", { name: "Snapshot refresh" })).toBeVisible();
    },
    after: async (page) => {
      const { halo } = await readDemoInfo();
      await page.request.post(`${halo.url}/__sim/latency`, { data: { ms: 0 } });
      await expect(page.getByRole("button", { name: "Refresh from Halo and Hudu" })).toBeVisible({ timeout: 150_000 });
    },
  },
  { name: "users", path: "/users", heading: "Users", visitors: SIGNED_IN },
  { name: "layouts", path: "/layouts", heading: "Layouts", visitors: SIGNED_IN },
  { name: "import", path: "/import", heading: "Import", visitors: SIGNED_IN },
  { name: "history", path: "/history", heading: "History", visitors: SIGNED_IN },
  { name: "page not found", path: "/no-such-page", heading: "This page does not exist", visitors: ["signed-out", ...SIGNED_IN] },
];

/** The views one kind of visitor sees. */
export function viewsFor(visitor: Visitor): ScannedView[] {
  return SCANNED_VIEWS.filter((view) => view.visitors.includes(visitor));
}

/**
 * Opens a view (visits its path, checks it landed there, brings it into its state), scans it
 * with axe-core and walks it with the keyboard; then puts back what it changed.
 */
export async function checkView(page: Page, view: ScannedView, label: string): Promise<void> {
  await page.goto(view.path);
  await expect(page.getByRole("heading", { level: 1, name: view.heading })).toBeVisible();
  try {
    await view.show?.(page);
    await expectNoA11yViolations(page, label);
    await expectKeyboardWalk(page, label);
  } finally {
    await view.after?.(page);
  }
}
