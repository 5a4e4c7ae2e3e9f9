import { randomBytes } from "node:crypto";
import { defineConfig, devices } from "@playwright/test";
import { freePortSync } from "./scripts/free-port";
import { DEMO_ADMIN_STATE, E2E_DATA_DIR, E2E_DEMO_DATA_DIR, E2E_DIST_DIR } from "./e2e/env";

// Chosen once in the main process; workers inherit the environment, so they see the same ports.
process.env.E2E_APP_PORT ??= String(freePortSync());
process.env.E2E_DEMO_PORT ??= String(freePortSync());
const appPort = Number(process.env.E2E_APP_PORT);
const demoPort = Number(process.env.E2E_DEMO_PORT);
const appUrl = `http://127.0.0.1:${appPort}`;
const demoUrl = `http://127.0.0.1:${demoPort}`;

const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

// Secrets for the throwaway test servers only: random per run (start-up refuses made-up ones).
process.env.E2E_NEXTAUTH_SECRET ??= randomBytes(32).toString("base64");
process.env.E2E_SETTINGS_ENCRYPTION_KEY ??= randomBytes(32).toString("base64");
const testSecrets = {
  NEXTAUTH_SECRET: process.env.E2E_NEXTAUTH_SECRET,
  SETTINGS_ENCRYPTION_KEY: process.env.E2E_SETTINGS_ENCRYPTION_KEY,
  NEXT_TELEMETRY_DISABLED: "1",
};

export default defineConfig({
  testDir: "./e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: appUrl,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromiumPath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    { name: "setup", testMatch: /global\.setup\.ts/, use: { ...devices["Desktop Chrome"] } },
    {
      name: "chromium",
      dependencies: ["setup"],
      testIgnore: [/global\.setup\.ts/, /demo\//],
      use: { ...devices["Desktop Chrome"], viewport: { width: 1400, height: 900 } },
    },
    // The demo exactly as `npm run demo` starts it: simulators, demo admin, settings pre-filled.
    { name: "demo-setup", testMatch: /demo\/demo\.setup\.ts/, use: { ...devices["Desktop Chrome"], baseURL: demoUrl } },
    {
      name: "demo",
      dependencies: ["demo-setup"],
      testMatch: /demo\/.*\.spec\.ts/,
      use: {
        ...devices["Desktop Chrome"],
        baseURL: demoUrl,
        storageState: DEMO_ADMIN_STATE,
        viewport: { width: 1400, height: 900 },
      },
    },
  ],
  webServer: [
    {
      // A fresh database every run: the first-admin setup is part of the tests.
      // npm start: the production start command, heap ceiling included.
      command: `rm -rf ${E2E_DATA_DIR} && npm start -- -p ${appPort} -H 127.0.0.1`,
      url: `${appUrl}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: {
        ...testSecrets,
        NEXT_DIST_DIR: E2E_DIST_DIR,
        DATABASE_PATH: `${E2E_DATA_DIR}/app.db`,
        NEXTAUTH_URL: appUrl,
      },
    },
    {
      command: `npx tsx scripts/demo.ts --port ${demoPort} --data-dir ${E2E_DEMO_DATA_DIR} --fresh --no-build --size demo`,
      url: `${demoUrl}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      // As if behind one reverse proxy: the specs check that X-Forwarded-Proto: https then gives
      // Secure cookies (the plain app above trusts no proxy, the default).
      env: { NEXT_DIST_DIR: E2E_DIST_DIR, NEXT_TELEMETRY_DISABLED: "1", TRUST_PROXY: "1" },
    },
  ],
});
