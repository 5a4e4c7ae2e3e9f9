import type { Db } from "@/db";
import { findStaleDecisions, listDecisions } from "@/db/queries/match-decisions";
import { getCurrentSnapshotRun } from "@/db/queries/snapshots";
import { snapshotHaloClients, snapshotHuduCompanies } from "@/db/schema";

export interface MatchSummary {
  snapshotTakenAt: Date | null;
  haloClients: number;
  huduCompanies: number;
  matched: number;
  create: number;
  ignored: number;
  /** Clients in the snapshot with no decision. */
  undecided: number;
  stale: number;
}

/** Counts for the overview, without running the matching engine. */
export function getMatchSummary({ db }: { db: Db }): MatchSummary {
  const run = getCurrentSnapshotRun({ db });
  const haloIds = new Set(db.select({ id: snapshotHaloClients.id }).from(snapshotHaloClients).all().map((r) => r.id));
  const huduIds = new Set(db.select({ id: snapshotHuduCompanies.id }).from(snapshotHuduCompanies).all().map((r) => r.id));
  const decisions = listDecisions({ db });
  const stale = new Set(findStaleDecisions({ decisions, haloClientIds: haloIds, huduCompanyIds: huduIds }).map((s) => s.decision.haloClientId));
  const summary: MatchSummary = {
    snapshotTakenAt: run ? (run.finishedAt ?? run.startedAt) : null,
    haloClients: haloIds.size,
    huduCompanies: huduIds.size,
    matched: 0,
    create: 0,
    ignored: 0,
    undecided: 0,
    stale: stale.size,
  };
  let decidedInSnapshot = 0;
  for (const d of decisions) {
    if (haloIds.has(d.haloClientId)) decidedInSnapshot++;
    if (stale.has(d.haloClientId)) continue;
    if (d.kind === "match") summary.matched++;
    else if (d.kind === "create") summary.create++;
    else summary.ignored++;
  }
  summary.undecided = haloIds.size - decidedInSnapshot;
  return summary;
}
