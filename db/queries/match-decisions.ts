import { and, eq, inArray, ne } from "drizzle-orm";
import type { Db } from "@/db";
import { matchDecisions, type DecisionKind, type DecisionSource, type MatchDecision } from "@/db/schema";
import { writeTransaction, type Tx } from "@/db/transaction";
import { recordDecisionChange } from "./decision-history";

/**
 * Match decisions: one row per Halo client. The rule that a Hudu company belongs to at most one
 * Halo client is checked here, inside a transaction (with a friendly answer), and enforced again
 * by the unique index on hudu_company_id. Every change is also written to the decision history
 * (db/queries/decision-history.ts) in the same transaction, with who made it and from what.
 * Read-then-write transactions start IMMEDIATE: the CLI and the server share the file.
 */


export interface DecisionInput {
  haloClientId: number;
  kind: DecisionKind;
  /** Required for `match`, ignored otherwise. */
  huduCompanyId?: number | null;
  haloClientName?: string | null;
  huduCompanyName?: string | null;
}

export type SaveDecisionResult =
  | { status: "saved"; decision: MatchDecision; movedFrom?: MatchDecision }
  /** The company is matched to another client; nothing changed (pass `move: true` to move it). */
  | { status: "conflict"; other: MatchDecision };

export function listDecisions({ db }: { db: Db }): MatchDecision[] {
  return db.select().from(matchDecisions).orderBy(matchDecisions.haloClientId).all();
}

export function getDecision({ db, haloClientId }: { db: Db; haloClientId: number }): MatchDecision | undefined {
  return db.select().from(matchDecisions).where(eq(matchDecisions.haloClientId, haloClientId)).get();
}

export function getDecisionForCompany({ db, huduCompanyId }: { db: Db; huduCompanyId: number }): MatchDecision | undefined {
  return db.select().from(matchDecisions).where(eq(matchDecisions.huduCompanyId, huduCompanyId)).get();
}

function assertValid(input: DecisionInput): void {
  if (input.kind === "match" && (input.huduCompanyId == null || !Number.isInteger(input.huduCompanyId))) {
    throw new Error(`A match decision for Halo client ${input.haloClientId} needs a Hudu company id.`);
  }
}

/**
 * Writes one client's decision row (insert or replace), inside the caller's transaction, and
 * its change from `previous` into the history.
 */
function upsertDecision(
  tx: Tx,
  {
    decision,
    previous,
    huduCompanyId,
    decidedBy,
    source,
    now,
  }: { decision: DecisionInput; previous: MatchDecision | undefined; huduCompanyId: number | null; decidedBy: string; source: DecisionSource; now: Date },
): MatchDecision {
  const row = {
    haloClientId: decision.haloClientId,
    kind: decision.kind,
    huduCompanyId,
    haloClientName: decision.haloClientName ?? null,
    huduCompanyName: huduCompanyId !== null ? (decision.huduCompanyName ?? null) : null,
    decidedBy,
    decidedAt: now,
    source,
  };
  const saved = tx.insert(matchDecisions).values(row).onConflictDoUpdate({ target: matchDecisions.haloClientId, set: row }).returning().get();
  recordDecisionChange(tx, { haloClientId: saved.haloClientId, haloClientName: saved.haloClientName, from: previous, to: saved, changedBy: decidedBy, source, now });
  return saved;
}

/** Deletes one client's decision inside the caller's transaction, recording the removal. */
function removeDecision(tx: Tx, { previous, changedBy, source, now }: { previous: MatchDecision; changedBy: string; source: DecisionSource; now: Date }): void {
  tx.delete(matchDecisions).where(eq(matchDecisions.haloClientId, previous.haloClientId)).run();
  recordDecisionChange(tx, { haloClientId: previous.haloClientId, haloClientName: previous.haloClientName, from: previous, to: undefined, changedBy, source, now });
}

/**
 * Records (or replaces) one client's decision. Matching to a company that another client already
 * has returns `conflict` unless `move` is set, in which case the other client's match is removed
 * (that client goes back to undecided) in the same transaction.
 */
export function saveDecision({
  db,
  decision,
  decidedBy,
  source,
  move = false,
  now = new Date(),
}: {
  db: Db;
  decision: DecisionInput;
  decidedBy: string;
  source: DecisionSource;
  move?: boolean;
  now?: Date;
}): SaveDecisionResult {
  assertValid(decision);
  return writeTransaction(db, (tx) => {
    const huduCompanyId = decision.kind === "match" ? decision.huduCompanyId! : null;
    let movedFrom: MatchDecision | undefined;
    if (huduCompanyId !== null) {
      const other = tx
        .select()
        .from(matchDecisions)
        .where(and(eq(matchDecisions.huduCompanyId, huduCompanyId), ne(matchDecisions.haloClientId, decision.haloClientId)))
        .get();
      if (other) {
        if (!move) return { status: "conflict", other } as const;
        removeDecision(tx, { previous: other, changedBy: decidedBy, source, now });
        movedFrom = other;
      }
    }
    const previous = tx.select().from(matchDecisions).where(eq(matchDecisions.haloClientId, decision.haloClientId)).get();
    const saved = upsertDecision(tx, { decision, previous, huduCompanyId, decidedBy, source, now });
    return { status: "saved", decision: saved, movedFrom } as const;
  });
}

/**
 * Records many decisions at once (bulk accept, bulk create, `match --auto`). A decision that
 * would take a company another client already has, or that two inputs both want, is skipped and
 * returned in `skipped`; clients that already have a decision are skipped unless `overwrite`.
 */
export function saveDecisions({
  db,
  decisions,
  decidedBy,
  source,
  overwrite = false,
  now = new Date(),
}: {
  db: Db;
  decisions: DecisionInput[];
  decidedBy: string;
  source: DecisionSource;
  overwrite?: boolean;
  now?: Date;
}): { saved: MatchDecision[]; skipped: Array<{ decision: DecisionInput; reason: "decided" | "company-taken" }> } {
  decisions.forEach(assertValid);
  return writeTransaction(db, (tx) => {
    const existing = tx.select().from(matchDecisions).all();
    const byClient = new Map(existing.map((d) => [d.haloClientId, d]));
    const companyOwner = new Map<number, number>();
    for (const d of existing) if (d.huduCompanyId !== null) companyOwner.set(d.huduCompanyId, d.haloClientId);

    const saved: MatchDecision[] = [];
    const skipped: Array<{ decision: DecisionInput; reason: "decided" | "company-taken" }> = [];
    for (const decision of decisions) {
      const current = byClient.get(decision.haloClientId);
      if (current && !overwrite) {
        skipped.push({ decision, reason: "decided" });
        continue;
      }
      const huduCompanyId = decision.kind === "match" ? decision.huduCompanyId! : null;
      if (huduCompanyId !== null) {
        const owner = companyOwner.get(huduCompanyId);
        if (owner !== undefined && owner !== decision.haloClientId) {
          skipped.push({ decision, reason: "company-taken" });
          continue;
        }
      }
      if (current?.huduCompanyId != null) companyOwner.delete(current.huduCompanyId);
      if (huduCompanyId !== null) companyOwner.set(huduCompanyId, decision.haloClientId);
      const savedRow = upsertDecision(tx, { decision, previous: current, huduCompanyId, decidedBy, source, now });
      byClient.set(savedRow.haloClientId, savedRow);
      saved.push(savedRow);
    }
    return { saved, skipped };
  });
}

/** Removes a client's decision (unmatch / undo); returns the removed row, if there was one. */
export function deleteDecision({
  db,
  haloClientId,
  changedBy,
  source,
  now = new Date(),
}: {
  db: Db;
  haloClientId: number;
  changedBy: string;
  source: DecisionSource;
  now?: Date;
}): MatchDecision | undefined {
  return writeTransaction(db, (tx) => {
    const previous = tx.select().from(matchDecisions).where(eq(matchDecisions.haloClientId, haloClientId)).get();
    if (previous) removeDecision(tx, { previous, changedBy, source, now });
    return previous;
  });
}

export function deleteDecisions({
  db,
  haloClientIds,
  changedBy,
  source,
  now = new Date(),
}: {
  db: Db;
  haloClientIds: number[];
  changedBy: string;
  source: DecisionSource;
  now?: Date;
}): number {
  if (haloClientIds.length === 0) return 0;
  return writeTransaction(db, (tx) => {
    const previous = tx.select().from(matchDecisions).where(inArray(matchDecisions.haloClientId, haloClientIds)).all();
    for (const row of previous) removeDecision(tx, { previous: row, changedBy, source, now });
    return previous.length;
  });
}

export interface StaleDecision {
  decision: MatchDecision;
  /** client: the Halo client is gone from the snapshot; company: the matched Hudu company is. */
  reason: "client-gone" | "company-gone";
}

/**
 * Decisions whose Halo client, or whose matched Hudu company, is not in the given snapshot.
 * Pure over its inputs so the board, the overview and the importer all judge staleness alike.
 */
export function findStaleDecisions({
  decisions,
  haloClientIds,
  huduCompanyIds,
}: {
  decisions: MatchDecision[];
  haloClientIds: ReadonlySet<number>;
  huduCompanyIds: ReadonlySet<number>;
}): StaleDecision[] {
  const out: StaleDecision[] = [];
  for (const decision of decisions) {
    if (!haloClientIds.has(decision.haloClientId)) out.push({ decision, reason: "client-gone" });
    else if (decision.kind === "match" && decision.huduCompanyId !== null && !huduCompanyIds.has(decision.huduCompanyId))
      out.push({ decision, reason: "company-gone" });
  }
  return out;
}
