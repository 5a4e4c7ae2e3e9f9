import type { Db } from "@/db";
import { listDecisionChanges } from "@/db/queries/decision-history";
import type { MatchDecisionChange } from "@/db/schema";
import type { DecisionChangeView } from "./types";

/** The decision history as the pages show it (newest first). */
export function listDecisionHistory({ db, haloClientId, limit }: { db: Db; haloClientId?: number; limit?: number }): DecisionChangeView[] {
  return listDecisionChanges({ db, haloClientId, limit }).map(toDecisionChangeView);
}

export function toDecisionChangeView(row: MatchDecisionChange): DecisionChangeView {
  return {
    id: row.id,
    haloClientId: row.haloClientId,
    haloClientName: row.haloClientName,
    from: row.fromKind ? { kind: row.fromKind, huduCompanyId: row.fromHuduCompanyId, huduCompanyName: row.fromHuduCompanyName } : null,
    to: row.toKind ? { kind: row.toKind, huduCompanyId: row.toHuduCompanyId, huduCompanyName: row.toHuduCompanyName } : null,
    changedBy: row.changedBy,
    changedAt: row.changedAt.toISOString(),
    source: row.source,
  };
}
