import type { Db } from "@/db";
import { deleteDecision, getDecision, saveDecision, saveDecisions } from "@/db/queries/match-decisions";
import { getSnapshotHaloClient, getSnapshotHuduCompany, listSnapshotHuduCompanies } from "@/db/queries/snapshots";
import type { DecisionSource, MatchDecision } from "@/db/schema";
import { buildBoardView, companyNameKey } from "./board-view";
import { listBoardDecisions, loadBoardData } from "./board-data";
import type { DecisionKind } from "./types";

/**
 * The rules of deciding, shared by the board's server actions and the CLI: the client must be in
 * the snapshot (or already have a decision, so a stale one can be changed), the company must be
 * in the snapshot, a company belongs to one client unless the caller confirms a move, and
 * "create new" is refused for a name Hudu already has.
 */

export type DecideResult =
  | { status: "saved"; decision: MatchDecision; movedFrom?: MatchDecision }
  | { status: "unknown-client"; message: string }
  | { status: "unknown-company"; message: string }
  | { status: "company-taken"; message: string; other: MatchDecision }
  | { status: "name-taken"; message: string; huduCompanyId: number; huduCompanyName: string };

export function decide({
  db,
  haloClientId,
  kind,
  huduCompanyId,
  move = false,
  decidedBy,
  source,
}: {
  db: Db;
  haloClientId: number;
  kind: DecisionKind;
  huduCompanyId?: number | null;
  move?: boolean;
  decidedBy: string;
  source: DecisionSource;
}): DecideResult {
  const client = getSnapshotHaloClient({ db, id: haloClientId });
  const existing = getDecision({ db, haloClientId });
  if (!client && !existing) {
    return { status: "unknown-client", message: `Halo client ${haloClientId} is not in the snapshot. Refresh the snapshot and try again.` };
  }
  const clientName = client?.name ?? existing?.haloClientName ?? null;

  let companyName: string | null = null;
  if (kind === "match") {
    const company = huduCompanyId == null ? undefined : getSnapshotHuduCompany({ db, id: huduCompanyId });
    if (!company) {
      return { status: "unknown-company", message: `Hudu company ${huduCompanyId ?? "(none)"} is not in the snapshot. Refresh the snapshot and try again.` };
    }
    companyName = company.name;
  }

  if (kind === "create" && clientName) {
    const key = companyNameKey(clientName);
    const same = listSnapshotHuduCompanies({ db }).find((c) => companyNameKey(c.name) === key);
    if (same) {
      return {
        status: "name-taken",
        message: `Hudu already has a company named "${same.name}", and Hudu refuses a second company with the same name. Match to it instead.`,
        huduCompanyId: same.id,
        huduCompanyName: same.name,
      };
    }
  }

  const result = saveDecision({
    db,
    decision: { haloClientId, kind, huduCompanyId: kind === "match" ? huduCompanyId : null, haloClientName: clientName, huduCompanyName: companyName },
    decidedBy,
    source,
    move,
  });
  if (result.status === "conflict") {
    const otherName = result.other.haloClientName ?? `Halo client ${result.other.haloClientId}`;
    return {
      status: "company-taken",
      message: `"${companyName}" is already matched to ${otherName}.`,
      other: result.other,
    };
  }
  return result;
}

export function undecide({
  db,
  haloClientId,
  changedBy,
  source,
}: {
  db: Db;
  haloClientId: number;
  changedBy: string;
  source: DecisionSource;
}): MatchDecision | undefined {
  return deleteDecision({ db, haloClientId, changedBy, source });
}

export interface BulkResult {
  saved: number;
  /** Asked for but no longer eligible (decided meanwhile, company taken, snapshot changed). */
  skipped: number;
}

/**
 * Accepts the auto-accept suggestions of undecided clients. With `haloClientIds`, only those
 * (the ones the admin confirmed); each is checked again against the current data.
 */
export function acceptAutoSuggestions({
  db,
  haloClientIds,
  decidedBy,
  source,
}: {
  db: Db;
  haloClientIds?: number[];
  decidedBy: string;
  source: DecisionSource;
}): BulkResult {
  const view = buildBoardView(loadBoardData({ db }), listBoardDecisions({ db }));
  const wanted = haloClientIds ? new Set(haloClientIds) : null;
  const eligible = view.autoAcceptable.filter((row) => !wanted || wanted.has(row.id));
  const { saved, skipped } = saveDecisions({
    db,
    decidedBy,
    source,
    decisions: eligible.map((row) => ({
      haloClientId: row.id,
      kind: "match" as const,
      huduCompanyId: row.suggestion!.company.id,
      haloClientName: row.name,
      huduCompanyName: row.suggestion!.company.name,
    })),
  });
  return { saved: saved.length, skipped: skipped.length + (wanted ? wanted.size - eligible.length : 0) };
}

/** Marks the undecided clients with no suggestion (active, no name clash) as create new. */
export function createRemainingAsNew({
  db,
  haloClientIds,
  decidedBy,
}: {
  db: Db;
  haloClientIds?: number[];
  decidedBy: string;
}): BulkResult {
  const view = buildBoardView(loadBoardData({ db }), listBoardDecisions({ db }));
  const wanted = haloClientIds ? new Set(haloClientIds) : null;
  const eligible = view.remaining.filter((row) => !wanted || wanted.has(row.id));
  const { saved, skipped } = saveDecisions({
    db,
    decidedBy,
    source: "bulk",
    decisions: eligible.map((row) => ({ haloClientId: row.id, kind: "create" as const, haloClientName: row.name })),
  });
  return { saved: saved.length, skipped: skipped.length + (wanted ? wanted.size - eligible.length : 0) };
}
