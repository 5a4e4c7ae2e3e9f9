import { and, asc, count, eq, gt, inArray, max, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { prepared } from "@/db/prepared";
import { importItems, type ImportItemRow, type ImportItemState, type ImportOutcome } from "@/db/schema";
import { writeTransaction } from "@/db/transaction";

/**
 * An import run's items: saved in one transaction when the run has its plan, then one update per
 * item as it completes. Items that need no request (skips, and unchanged records whose link is
 * in place) are saved already done, so a resumed run only looks at what is left.
 */

export type NewImportItem = Omit<typeof importItems.$inferInsert, "runId" | "seq">;

/**
 * Saves items in one transaction (all of them or none), after those saved before. `items` may be
 * a lazy iterable: a large plan's rows (~70 MB of JSON for 76,000 items) are then made a slice at
 * a time instead of all at once. One prepared insert is run per item: building a many-row insert
 * afresh for every few items cost the import a second of CPU per 10,000 items, during which the
 * requests in flight waited.
 */
export function saveImportItems({
  db,
  runId,
  items,
  skipSaved = false,
}: {
  db: Db;
  runId: number;
  items: Iterable<NewImportItem>;
  /** Leave an item already saved (same key) as it is instead of failing. */
  skipSaved?: boolean;
}): void {
  writeTransaction(db, (tx) => {
    // After the items saved before (a plan saved in parts keeps its order).
    let seq = (tx.select({ last: max(importItems.seq) }).from(importItems).where(eq(importItems.runId, runId)).get()?.last ?? -1) + 1;
    const p = sql.placeholder;
    const insert = tx.insert(importItems).values({
      runId,
      seq: p("seq"),
      key: p("key"),
      type: p("type"),
      action: p("action"),
      haloId: p("haloId"),
      haloClientId: p("haloClientId"),
      name: p("name"),
      companyName: p("companyName"),
      itemJson: p("itemJson"),
      state: p("state"),
      outcome: p("outcome"),
      huduId: p("huduId"),
      huduCompanyId: p("huduCompanyId"),
      message: p("message"),
      // Raw: the column's own encoding would call getTime() on a null.
      finishedAt: sql`${p("finishedAtMs")}`,
    });
    const statement = (skipSaved ? insert.onConflictDoNothing() : insert).prepare();
    for (const item of items) {
      statement.run({
        seq: seq++,
        key: item.key,
        type: item.type,
        action: item.action,
        haloId: item.haloId,
        haloClientId: item.haloClientId ?? null,
        name: item.name,
        companyName: item.companyName,
        itemJson: item.itemJson,
        state: item.state,
        outcome: item.outcome ?? null,
        huduId: item.huduId ?? null,
        huduCompanyId: item.huduCompanyId ?? null,
        message: item.message ?? null,
        finishedAtMs: item.finishedAt ? item.finishedAt.getTime() : null,
      });
    }
  });
}

export function hasImportItems({ db, runId }: { db: Db; runId: number }): boolean {
  return Boolean(db.select({ key: importItems.key }).from(importItems).where(eq(importItems.runId, runId)).limit(1).get());
}

const OPEN_STATES = ["pending", "sending"] satisfies ImportItemState[];

/**
 * What is left to do of these types, in plan order, a page at a time: pending items and creates
 * that may have been sent, after plan position `afterSeq`. (A large run's items do not all fit in
 * memory comfortably: each carries its plan entry.)
 */
export function listOpenImportItems({
  db,
  runId,
  types,
  afterSeq = -1,
  limit,
}: {
  db: Db;
  runId: number;
  types: ImportItemRow["type"][];
  afterSeq?: number;
  limit: number;
}): ImportItemRow[] {
  return db
    .select()
    .from(importItems)
    .where(and(eq(importItems.runId, runId), inArray(importItems.type, types), inArray(importItems.state, OPEN_STATES), gt(importItems.seq, afterSeq)))
    .orderBy(asc(importItems.seq))
    .limit(limit)
    .all();
}

/** How many items of these types are left to do. */
export function countOpenImportItems({ db, runId, types }: { db: Db; runId: number; types: ImportItemRow["type"][] }): number {
  return (
    db
      .select({ n: count() })
      .from(importItems)
      .where(and(eq(importItems.runId, runId), inArray(importItems.type, types), inArray(importItems.state, OPEN_STATES)))
      .get()?.n ?? 0
  );
}

/** Written before a create goes out: after a crash, this item is looked up in Hudu first. */
export function markImportItemSending({ db, runId, key }: { db: Db; runId: number; key: string }): void {
  prepared(db, "markImportItemSending", (d) =>
    d
      .update(importItems)
      .set({ state: "sending" })
      .where(and(eq(importItems.runId, sql.placeholder("runId")), eq(importItems.key, sql.placeholder("key"))))
      .prepare(),
  ).run({ runId, key });
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
  // An update's values take placeholders only as raw SQL, so the time goes in as the column stores it (ms).
  const raw = (name: string) => sql`${sql.placeholder(name)}`;
  prepared(db, "finishImportItem", (d) =>
    d
      .update(importItems)
      .set({ state: raw("state"), outcome: raw("outcome"), huduId: raw("huduId"), huduCompanyId: raw("huduCompanyId"), message: raw("message"), finishedAt: raw("finishedAtMs") })
      .where(and(eq(importItems.runId, sql.placeholder("runId")), eq(importItems.key, sql.placeholder("key"))))
      .prepare(),
  ).run({ state: outcome === "failed" ? "failed" : "done", outcome, huduId, huduCompanyId, message, finishedAtMs: now.getTime(), runId, key });
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

/** Every item's saved plan entry (JSON), in plan order (bench:import counts the requests the plan needs). */
export function listImportItemJson({ db, runId }: { db: Db; runId: number }): string[] {
  return db
    .select({ itemJson: importItems.itemJson })
    .from(importItems)
    .where(eq(importItems.runId, runId))
    .orderBy(asc(importItems.seq))
    .all()
    .map((row) => row.itemJson);
}
