import { and, asc, count, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db";
import { importItems, type ImportItemRow, type ImportItemState, type ImportOutcome } from "@/db/schema";
import { writeTransaction } from "@/db/transaction";

/**
 * An import run's items: saved in one transaction when the run has its plan, then one update per
 * item as it completes. Items that need no request (skips, and unchanged records whose link is
 * in place) are saved already done, so a resumed run only looks at what is left.
 */

export type NewImportItem = Omit<typeof importItems.$inferInsert, "runId" | "seq">;

/** SQLite caps bound parameters per statement; insert in slices well under it. */
const INSERT_SLICE = 50;

export function saveImportItems({ db, runId, items }: { db: Db; runId: number; items: NewImportItem[] }): void {
  writeTransaction(db, (tx) => {
    for (let i = 0; i < items.length; i += INSERT_SLICE) {
      const slice = items.slice(i, i + INSERT_SLICE).map((item, j) => ({ ...item, runId, seq: i + j }));
      tx.insert(importItems).values(slice).run();
    }
  });
}

export function hasImportItems({ db, runId }: { db: Db; runId: number }): boolean {
  return Boolean(db.select({ key: importItems.key }).from(importItems).where(eq(importItems.runId, runId)).limit(1).get());
}

/** What is left to do, in plan order: pending items and creates that may have been sent. */
export function listOpenImportItems({ db, runId }: { db: Db; runId: number }): ImportItemRow[] {
  return db
    .select()
    .from(importItems)
    .where(and(eq(importItems.runId, runId), inArray(importItems.state, ["pending", "sending"] satisfies ImportItemState[])))
    .orderBy(asc(importItems.seq))
    .all();
}

/** Written before a create goes out: after a crash, this item is looked up in Hudu first. */
export function markImportItemSending({ db, runId, key }: { db: Db; runId: number; key: string }): void {
  db.update(importItems)
    .set({ state: "sending" })
    .where(and(eq(importItems.runId, runId), eq(importItems.key, key)))
    .run();
}

export function finishImportItem({
  db,
  runId,
  key,
  outcome,
  huduId = null,
  huduCompanyId = null,
  message = null,
  now = new Date(),
}: {
  db: Db;
  runId: number;
  key: string;
  outcome: ImportOutcome;
  huduId?: number | null;
  huduCompanyId?: number | null;
  message?: string | null;
  now?: Date;
}): void {
  db.update(importItems)
    .set({ state: outcome === "failed" ? "failed" : "done", outcome, huduId, huduCompanyId, message, finishedAt: now })
    .where(and(eq(importItems.runId, runId), eq(importItems.key, key)))
    .run();
}

export interface ImportOutcomeCount {
  type: ImportItemRow["type"];
  action: ImportItemRow["action"];
  /** null while the item is still to do. */
  outcome: ImportOutcome | null;
  n: number;
}

/** Items per type, planned action and outcome: the run page's counts and progress bars. */
export function countImportItems({ db, runId }: { db: Db; runId: number }): ImportOutcomeCount[] {
  return db
    .select({ type: importItems.type, action: importItems.action, outcome: importItems.outcome, n: count() })
    .from(importItems)
    .where(eq(importItems.runId, runId))
    .groupBy(importItems.type, importItems.action, importItems.outcome)
    .all();
}

/** Failed records, in plan order (the run page searches them in the browser; the CSV has them all). */
export function listFailedImportItems({ db, runId, limit = 10_000 }: { db: Db; runId: number; limit?: number }): ImportItemRow[] {
  return db
    .select()
    .from(importItems)
    .where(and(eq(importItems.runId, runId), eq(importItems.outcome, "failed")))
    .orderBy(asc(importItems.seq))
    .limit(limit)
    .all();
}

/** Items per run and outcome, for many runs at once (the history's totals). */
export function countImportOutcomesByRun({ db, runIds }: { db: Db; runIds: number[] }): Array<{ runId: number; outcome: ImportOutcome | null; n: number }> {
  if (runIds.length === 0) return [];
  return db
    .select({ runId: importItems.runId, outcome: importItems.outcome, n: count() })
    .from(importItems)
    .where(inArray(importItems.runId, runIds))
    .groupBy(importItems.runId, importItems.outcome)
    .all();
}
