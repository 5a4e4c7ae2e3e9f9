import type { Db } from "@/db";
import { getActiveJobRun } from "@/db/queries/job-runs";
import { importStartCheck } from "./import-start";

/** What the Start import control needs to know: may it start, and if not, why (browser-safe JSON). */
export interface ImportStartStatus {
  /** Only admins start imports. */
  allowed: boolean;
  canStart: boolean;
  reason: string | null;
  /** The import running or paused now, if any (the control links to it). */
  active: { id: number; status: "running" | "paused" } | null;
}

export function getImportStartStatus({ db, isAdmin }: { db: Db; isAdmin: boolean }): ImportStartStatus {
  const check = importStartCheck({ db });
  const active = getActiveJobRun({ db, kind: "import" });
  return {
    allowed: isAdmin,
    canStart: check.ok,
    reason: check.ok ? null : check.reason,
    active: active && (active.status === "running" || active.status === "paused") ? { id: active.id, status: active.status } : null,
  };
}
