/**
 * Browser tests use the system Chromium from Debian's packages (Playwright's own browser
 * download does not work on these machines). Installs it when we can, else says how.
 */
import { execSync } from "node:child_process";
import { existsSync } from "node:fs";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const INSTALL = "apt-get update && apt-get install -y chromium";

if (!existsSync(CHROMIUM_PATH)) {
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (isRoot && existsSync("/usr/bin/apt-get")) {
    console.log(`Chromium is missing at ${CHROMIUM_PATH}; installing it: ${INSTALL}`);
    execSync(INSTALL, { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  }
  if (!existsSync(CHROMIUM_PATH)) {
    console.error(
      `Browser tests need Chromium at ${CHROMIUM_PATH}. Install it with:\n  sudo sh -c '${INSTALL}'\n(or set CHROMIUM_PATH to another Chromium binary)`,
    );
    process.exit(1);
  }
}
