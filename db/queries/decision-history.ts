import { and, desc, eq, lt } from "drizzle-orm";
import type { Db } from "@/db";
import { matchDecisionChanges, type DecisionSource, type MatchDecision, type MatchDecisionChange } from "@/db/schema";
import type { DbOrTx } from "@/db/transaction";

/**
 * The history of match decisions: one row per change of one client's decision, written in the
 * same transaction as the change itself (db/queries/match-decisions.ts), so the history never
 * misses or invents one.
 */

type DecisionState = Pick<MatchDecision, "kind" | "huduCompanyId" | "huduCompanyName"> & { haloClientName?: string | null };

/** Records `from` → `to` for one client, unless nothing changed (a repeated save). */
export function recordDecisionChange(
  tx: DbOrTx,
  {
    haloClientId,
    haloClientName,
    from,
    to,
    changedBy,
    source,
    now,
  }: {
    haloClientId: number;
    haloClientName: string | null;
    from: DecisionState | undefined;
    to: DecisionState | undefined;
    changedBy: string;
    source: DecisionSource;
    now: Date;
  },
): void {
  if (from && to && from.kind === to.kind && (from.huduCompanyId ?? null) === (to.huduCompanyId ?? null)) return;
  if (!from && !to) return;
  tx
    .insert(matchDecisionChanges)
    .values({
      haloClientId,
      haloClientName: haloClientName ?? to?.haloClientName ?? from?.haloClientName ?? null,
      fromKind: from?.kind ?? null,
      fromHuduCompanyId: from?.huduCompanyId ?? null,
      fromHuduCompanyName: from?.huduCompanyName ?? null,
      toKind: to?.kind ?? null,
      toHuduCompanyId: to?.huduCompanyId ?? null,
      toHuduCompanyName: to?.huduCompanyName ?? null,
      changedBy,
      changedAt: now,
      source,
    })
    .run();
}

/** Newest first; one client's changes with `haloClientId`; `before` pages back by id. */
export function listDecisionChanges({
  db,
  haloClientId,
  before,
  limit = 200,
}: {
  db: Db;
  haloClientId?: number;
  before?: number;
  limit?: number;
}): MatchDecisionChange[] {
  return db
    .select()
    .from(matchDecisionChanges)
    .where(
      and(
        haloClientId === undefined ? undefined : eq(matchDecisionChanges.haloClientId, haloClientId),
        before === undefined ? undefined : lt(matchDecisionChanges.id, before),
      ),
    )
    .orderBy(desc(matchDecisionChanges.id))
    .limit(limit)
    .all();
}
