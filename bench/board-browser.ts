/**
 * The match board in Chromium (bench:board): a built dashboard over a saved snapshot of N Halo
 * clients and N Hudu companies (bench/synthetic.ts), signed in as an admin. Counts the DOM nodes
 * of /match once the board is shown (the lists are virtualised, so the count must not grow with
 * N) and times one decision: from the click on a client's "Ignore" to the board showing it (the
 * decision is applied to the cached decisions at once and the whole board view is recomputed in
 * the browser, before the server answers).
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type Page } from "@playwright/test";
import { openDatabase } from "@/db";
import { createFirstAdmin } from "@/db/queries/users";
import { hashPassword } from "@/lib/auth/password";
import { saveSnapshot } from "@/lib/snapshot/refresh";
import { buildIfNeeded, startDashboard, waitForHealth } from "@/scripts/dashboard";
import { freePortSync } from "@/scripts/free-port";
import { generateSynthetic } from "./synthetic";

const ADMIN = { email: "bench@example.com", password: "bench password 1" };
const DIST_DIR = process.env.NEXT_DIST_DIR || ".next";
/** Decisions timed per size; the median is reported. */
const DECISIONS = 5;

export interface BoardInBrowser {
  clientsEachSide: number;
  domNodes: number;
  /** Rows the two virtualised lists render. */
  rowsRendered: number;
  decisionMs: { median: number; all: number[] };
}

function seedDatabase(file: string, n: number, passwordHash: string) {
  const { db, sqlite } = openDatabase(file);
  const data = generateSynthetic(n, n, 42);
  createFirstAdmin({ db, email: ADMIN.email, name: "Bench Admin", passwordHash });
  saveSnapshot({
    db,
    startedBy: "bench",
    haloClients: data.halo.map((c) => ({ id: c.id, name: c.name, website: c.website ?? null, phone: c.phone ?? null, emailDomainsJson: JSON.stringify(c.emailDomains ?? []), inactive: c.inactive ?? false })),
    huduCompanies: data.hudu.map((c) => ({
      id: c.id,
      name: c.name,
      nickname: c.nickname ?? null,
      website: c.website ?? null,
      phone: c.phone ?? null,
      idNumber: c.idNumber ?? null,
      integrationsJson: JSON.stringify(c.integrations ?? []),
      archived: c.archived ?? false,
    })),
  });
  sqlite.close();
}

/** The board is shown: both lists have rows. The first open runs the matching engine on the server. */
async function openBoard(page: Page) {
  await page.goto("/match", { timeout: 300_000 });
  await page.getByRole("list", { name: "Halo clients" }).getByRole("listitem").first().waitFor({ timeout: 300_000 });
  await page.getByRole("list", { name: "Hudu companies" }).getByRole("listitem").first().waitFor({ timeout: 300_000 });
}

/**
 * One decision, timed inside the page: click the first "Ignore …" button and wait until its row
 * offers "Undo ignore for …" (then one more frame, so the time includes the render's layout).
 * A string, not a function: tsx would add helpers to a function that the page does not have.
 */
const TIME_ONE_DECISION = `new Promise((resolve, reject) => {
  const button = document.querySelector('button[aria-label^="Ignore "]:not([disabled])');
  if (!button) return reject(new Error("no client to ignore on the board"));
  const undo = "Undo ignore for " + button.getAttribute("aria-label").slice("Ignore ".length);
  const done = () => [...document.querySelectorAll("button[aria-label]")].some((b) => b.getAttribute("aria-label") === undo);
  const started = performance.now();
  const observer = new MutationObserver(() => {
    if (!done()) return;
    observer.disconnect();
    requestAnimationFrame(() => resolve(performance.now() - started));
  });
  observer.observe(document.body, { subtree: true, childList: true, attributes: true });
  button.click();
})`;

function timeOneDecision(page: Page): Promise<number> {
  return page.evaluate(TIME_ONE_DECISION) as Promise<number>;
}

async function measureSize(n: number, passwordHash: string, env: Record<string, string>): Promise<BoardInBrowser> {
  const dir = mkdtempSync(path.join(tmpdir(), "bench-board-browser-"));
  const dbFile = path.join(dir, "app.db");
  seedDatabase(dbFile, n, passwordHash);
  const port = freePortSync();
  const url = `http://127.0.0.1:${port}`;
  const server = startDashboard({ distDir: DIST_DIR, port, host: "127.0.0.1", env: { ...env, DATABASE_PATH: dbFile, NEXTAUTH_URL: url } });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--no-first-run"] });
  try {
    await waitForHealth(url, server);
    const page = await browser.newPage({ baseURL: url, viewport: { width: 1400, height: 900 } });
    await page.goto("/signin");
    await page.getByLabel("E-mail").fill(ADMIN.email);
    await page.getByLabel("Password").fill(ADMIN.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Overview" }).waitFor();
    await openBoard(page);
    const domNodes = (await page.evaluate('document.getElementsByTagName("*").length')) as number;
    const rowsRendered = await page.getByRole("listitem").count();
    const all: number[] = [];
    for (let i = 0; i < DECISIONS; i++) {
      all.push(Math.round(await timeOneDecision(page)));
      // Let the server's answer and the refetch that follows settle before the next click.
      await page.waitForLoadState("networkidle");
    }
    const sorted = [...all].sort((a, b) => a - b);
    return { clientsEachSide: n, domNodes, rowsRendered, decisionMs: { median: sorted[Math.floor(sorted.length / 2)], all } };
  } finally {
    await browser.close();
    server.kill("SIGTERM");
    await new Promise((resolve) => server.once("exit", resolve));
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Builds the dashboard if the code is newer than the build, then measures each size in turn. */
export async function measureBoardInBrowser(sizes: number[]): Promise<BoardInBrowser[]> {
  buildIfNeeded({ distDir: DIST_DIR });
  const env = { NEXTAUTH_SECRET: randomBytes(32).toString("base64"), SETTINGS_ENCRYPTION_KEY: randomBytes(32).toString("base64") };
  const passwordHash = await hashPassword(ADMIN.password);
  const out: BoardInBrowser[] = [];
  for (const n of sizes) out.push(await measureSize(n, passwordHash, env));
  return out;
}
