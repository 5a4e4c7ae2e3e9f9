import { and, count, desc, eq, lt } from "drizzle-orm";
import type { Db } from "@/db";
import {
  snapshotHaloClients,
  snapshotHuduCompanies,
  snapshotRuns,
  type SnapshotHaloClient,
  type SnapshotHuduCompany,
  type SnapshotRun,
} from "@/db/schema";
import { writeTransaction } from "@/db/transaction";

/**
 * The saved snapshot of both sides and the runs that refresh it. The snapshot tables always hold
 * exactly one complete read: a refresh replaces them in one transaction at its very end, so a
 * failed or interrupted refresh leaves the previous snapshot as it was.
 */

/** A running refresh whose heartbeat is older than this died with its process. */
export const SNAPSHOT_RUN_STALE_MS = 10 * 60_000;

export type NewSnapshotHaloClient = typeof snapshotHaloClients.$inferInsert;
export type NewSnapshotHuduCompany = typeof snapshotHuduCompanies.$inferInsert;

export type SnapshotProgress = Partial<
  Pick<
    SnapshotRun,
    | "phase"
    | "haloClients"
    | "haloClientsTotal"
    | "haloSites"
    | "haloSitesTotal"
    | "haloUsers"
    | "haloUsersTotal"
    | "huduCompanies"
    | "message"
  >
>;

export function getSnapshotRun({ db, id }: { db: Db; id: number }): SnapshotRun | undefined {
  return db.select().from(snapshotRuns).where(eq(snapshotRuns.id, id)).get();
}

/** The newest run, whatever its status (what the page shows while refreshing). */
export function getLatestSnapshotRun({ db }: { db: Db }): SnapshotRun | undefined {
  return db.select().from(snapshotRuns).orderBy(desc(snapshotRuns.id)).limit(1).get();
}

/** The run that produced the snapshot now in the tables; undefined before the first one. */
export function getCurrentSnapshotRun({ db }: { db: Db }): SnapshotRun | undefined {
  return db
    .select()
    .from(snapshotRuns)
    .where(eq(snapshotRuns.status, "succeeded"))
    .orderBy(desc(snapshotRuns.id))
    .limit(1)
    .get();
}

/**
 * Starts a run unless one is already running (then returns that one with `started: false`).
 * A running row whose heartbeat is older than SNAPSHOT_RUN_STALE_MS is marked failed first:
 * its process is gone.
 */
export function startSnapshotRun({
  db,
  startedBy,
  now = new Date(),
}: {
  db: Db;
  startedBy: string;
  now?: Date;
}): { run: SnapshotRun; started: boolean } {
  return writeTransaction(db, (tx) => {
    tx.update(snapshotRuns)
      .set({ status: "failed", finishedAt: now, error: "The refresh stopped without finishing (the server was probably restarted)." })
      .where(and(eq(snapshotRuns.status, "running"), lt(snapshotRuns.heartbeatAt, new Date(now.getTime() - SNAPSHOT_RUN_STALE_MS))))
      .run();
    const running = tx.select().from(snapshotRuns).where(eq(snapshotRuns.status, "running")).orderBy(desc(snapshotRuns.id)).get();
    if (running) return { run: running, started: false };
    const run = tx
      .insert(snapshotRuns)
      .values({ status: "running", startedAt: now, heartbeatAt: now, startedBy, phase: "starting" })
      .returning()
      .get();
    return { run, started: true };
  });
}

export function updateSnapshotRunProgress({
  db,
  id,
  progress,
  now = new Date(),
}: {
  db: Db;
  id: number;
  progress: SnapshotProgress;
  now?: Date;
}): void {
  db.update(snapshotRuns)
    .set({ ...progress, heartbeatAt: now })
    .where(and(eq(snapshotRuns.id, id), eq(snapshotRuns.status, "running")))
    .run();
}

/**
 * A run that failed: the error is shown on the page as is, so it must be the user-facing text
 * (SyncError.userMessage), never a raw error.
 */
export function failSnapshotRun({ db, id, error, now = new Date() }: { db: Db; id: number; error: string; now?: Date }): void {
  db.update(snapshotRuns)
    .set({ status: "failed", finishedAt: now, heartbeatAt: now, error, phase: null })
    .where(and(eq(snapshotRuns.id, id), eq(snapshotRuns.status, "running")))
    .run();
}

/** SQLite caps bound parameters per statement; insert in slices well under it. */
const INSERT_SLICE = 200;

function insertInSlices<T>(rows: T[], insert: (slice: T[]) => void): void {
  for (let i = 0; i < rows.length; i += INSERT_SLICE) insert(rows.slice(i, i + INSERT_SLICE));
}

/**
 * Replaces the whole snapshot with a complete read and marks the run succeeded, atomically:
 * readers see either the old snapshot or the new one, never a mix.
 */
export function replaceSnapshot({
  db,
  runId,
  haloClients,
  huduCompanies,
  warnings = [],
  progress = {},
  now = new Date(),
}: {
  db: Db;
  runId: number;
  haloClients: NewSnapshotHaloClient[];
  huduCompanies: NewSnapshotHuduCompany[];
  warnings?: string[];
  progress?: SnapshotProgress;
  now?: Date;
}): SnapshotRun {
  return writeTransaction(db, (tx) => {
    const run = tx.select().from(snapshotRuns).where(eq(snapshotRuns.id, runId)).get();
    if (!run || run.status !== "running") {
      // Someone marked it failed (stale) meanwhile; saving now could overwrite a newer snapshot.
      throw new Error(`Snapshot run ${runId} is no longer running; its data was not saved.`);
    }
    tx.delete(snapshotHaloClients).run();
    tx.delete(snapshotHuduCompanies).run();
    insertInSlices(haloClients, (slice) => tx.insert(snapshotHaloClients).values(slice).run());
    insertInSlices(huduCompanies, (slice) => tx.insert(snapshotHuduCompanies).values(slice).run());
    return tx
      .update(snapshotRuns)
      .set({
        ...progress,
        status: "succeeded",
        finishedAt: now,
        heartbeatAt: now,
        phase: null,
        message: null,
        warningsJson: warnings.length > 0 ? JSON.stringify(warnings.slice(0, 200)) : null,
        haloClients: haloClients.length,
        huduCompanies: huduCompanies.length,
      })
      .where(eq(snapshotRuns.id, runId))
      .returning()
      .get();
  });
}

export function listSnapshotHaloClients({ db }: { db: Db }): SnapshotHaloClient[] {
  return db.select().from(snapshotHaloClients).orderBy(snapshotHaloClients.name, snapshotHaloClients.id).all();
}

export function listSnapshotHuduCompanies({ db }: { db: Db }): SnapshotHuduCompany[] {
  return db.select().from(snapshotHuduCompanies).orderBy(snapshotHuduCompanies.name, snapshotHuduCompanies.id).all();
}

export function getSnapshotHaloClient({ db, id }: { db: Db; id: number }): SnapshotHaloClient | undefined {
  return db.select().from(snapshotHaloClients).where(eq(snapshotHaloClients.id, id)).get();
}

export function getSnapshotHuduCompany({ db, id }: { db: Db; id: number }): SnapshotHuduCompany | undefined {
  return db.select().from(snapshotHuduCompanies).where(eq(snapshotHuduCompanies.id, id)).get();
}

export function countSnapshot({ db }: { db: Db }): { haloClients: number; huduCompanies: number } {
  return {
    haloClients: db.select({ n: count() }).from(snapshotHaloClients).get()?.n ?? 0,
    huduCompanies: db.select({ n: count() }).from(snapshotHuduCompanies).get()?.n ?? 0,
  };
}

/** JSON columns read back with a safe default (the columns are only ever written by us). */
export function parseJsonArray<T>(text: string | null | undefined): T[] {
  if (!text) return [];
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? (value as T[]) : [];
  } catch {
    return [];
  }
}
