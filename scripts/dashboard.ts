/**
 * Building and starting the production dashboard from a script (`npm run demo`, bench:board):
 * build only when the code is newer than the build, run Next directly, wait until it answers.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { HEAP_CEILING_FLAG } from "@/lib/jobs/heap-ceiling";

function newestSourceMtime(dirs: string[]): number {
  let newest = 0;
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(tsx?|css|js|mjs|sql|json)$/.test(entry.name) && !entry.name.endsWith(".test.ts")) {
        newest = Math.max(newest, statSync(full).mtimeMs);
      }
    }
  };
  dirs.forEach(walk);
  for (const f of ["package.json", "next.config.js", "tsconfig.json", "instrumentation.ts"]) {
    if (existsSync(f)) newest = Math.max(newest, statSync(f).mtimeMs);
  }
  return newest;
}

const nextBin = () => path.resolve("node_modules", "next", "dist", "bin", "next");

/**
 * Builds into `distDir` unless a build newer than every source file is there; with `reuse`, any
 * build is taken as is. Throws when there is none to reuse or the build fails.
 */
export function buildIfNeeded({ distDir, reuse = false }: { distDir: string; reuse?: boolean }): void {
  const buildId = path.join(distDir, "BUILD_ID");
  if (reuse) {
    if (!existsSync(buildId)) throw new Error(`no build in ${distDir}; run without --no-build`);
    return;
  }
  const stale = !existsSync(buildId) || statSync(buildId).mtimeMs < newestSourceMtime(["app", "components", "lib", "db"]);
  if (!stale) return;
  console.log("Building the dashboard (first run, or the code changed)…");
  const result = spawnSync(process.execPath, [nextBin(), "build"], {
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) throw new Error("the build failed (see above)");
}

/**
 * Starts `next start` on the build in `distDir`. Node runs Next directly (not through npx) so
 * that stopping the parent's child stops the server too: a signal to npx does not reach it.
 */
export function startDashboard({ distDir, port, host, env }: { distDir: string; port: number; host: string; env: Record<string, string> }): ChildProcess {
  // The ceiling `npm start` gives Node, so imports run in the demo as in production.
  return spawn(process.execPath, [HEAP_CEILING_FLAG, nextBin(), "start", "-p", String(port), "-H", host], {
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, ...env, NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: "1" },
  });
}

/** Waits until `url`/api/health answers; throws when the server exits or the time runs out. */
export async function waitForHealth(url: string, child: ChildProcess, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the dashboard exited with code ${child.exitCode} (see above)`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`the dashboard did not answer at ${url} within ${timeoutMs / 1000} s`);
}
