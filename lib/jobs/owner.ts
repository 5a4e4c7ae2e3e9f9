import { hostname } from "node:os";
import type { JobRun } from "@/db/schema";

/**
 * Which process owns a run: "host/pid/start". The start time tells this process apart from an
 * earlier one with the same pid (a container's server is pid 1 after every restart). Kept on
 * globalThis so dev-mode module reloads keep the same identity as the runs they started.
 */
const globalForOwner = globalThis as unknown as { __jobOwner?: string };

export function processOwner(): string {
  globalForOwner.__jobOwner ??= `${hostname()}/${process.pid}/${Date.now()}`;
  return globalForOwner.__jobOwner;
}

/** A running run's heartbeat moves every second; this long without one means its process is gone. */
export const JOB_STALE_MS = 60_000;

/**
 * Whether the process that owns a running run is gone: a crash or kill -9 leaves the row
 * "running" with nobody working on it. On this host we can ask the operating system; for another
 * host (a shared database file) only the heartbeat tells.
 */
export function isOwnerGone(run: Pick<JobRun, "owner" | "heartbeatAt">, now = Date.now()): boolean {
  if (now - run.heartbeatAt.getTime() > JOB_STALE_MS) return true;
  if (!run.owner) return true;
  const [host, pidText] = run.owner.split("/");
  if (host !== hostname()) return false;
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0) return true;
  if (pid === process.pid) return run.owner !== processOwner();
  return !processExists(pid);
}

function processExists(pid: number): boolean {
  try {
    // Signal 0 checks for existence without touching the process.
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
