/** Builds the app once into its own dist dir for the browser tests (next start serves it). */
import { spawnSync } from "node:child_process";
import { E2E_DIST_DIR } from "@/e2e/env";

const result = spawnSync("npx", ["next", "build"], {
  stdio: "inherit",
  env: { ...process.env, NEXT_DIST_DIR: E2E_DIST_DIR, NEXT_TELEMETRY_DISABLED: "1" },
});
process.exit(result.status ?? 1);
