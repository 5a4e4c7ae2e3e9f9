import { count, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { snapshotHaloClients, snapshotHuduCompanies, type JobRun, type SnapshotHaloClient, type SnapshotHuduCompany } from "@/db/schema";
import { writeTransaction } from "@/db/transaction";
import { finishJobRun, getLatestJobRun } from "./job-runs";

/**
 * The saved snapshot of both sides. The snapshot tables always hold exactly one complete read: a
 * refresh (a job run of kind "snapshot", db/queries/job-runs.ts) replaces them in one transaction
 * at its very end, so a failed or interrupted refresh leaves the previous snapshot as it was.
 */

export type NewSnapshotHaloClient = typeof snapshotHaloClients.$inferInsert;
export type NewSnapshotHuduCompany = typeof snapshotHuduCompanies.$inferInsert;

/** The newest refresh, whatever its status (what the board shows while refreshing). */
export function getLatestSnapshotRun({ db }: { db: Db }): JobRun | undefined {
  return getLatestJobRun({ db, kind: "snapshot" });
}

/** The refresh that produced the snapshot now in the tables; undefined before the first one. */
export function getCurrentSnapshotRun({ db }: { db: Db }): JobRun | undefined {
  return getLatestJobRun({ db, kind: "snapshot", status: "succeeded" });
}

/** SQLite caps bound parameters per statement; insert in slices well under it. */
const INSERT_SLICE = 200;

function insertInSlices<T>(rows: T[], insert: (slice: T[]) => void): void {
  for (let i = 0; i < rows.length; i += INSERT_SLICE) insert(rows.slice(i, i + INSERT_SLICE));
}

/**
 * Replaces the whole snapshot with a complete read and marks its run succeeded, atomically:
 * readers see either the old snapshot or the new one, never a mix, and the newest succeeded
 * refresh always describes what the tables hold.
 */
export function replaceSnapshot({
  db,
  runId,
  owner,
  haloClients,
  huduCompanies,
  progressJson,
  now = new Date(),
}: {
  db: Db;
  runId: number;
  /** The process that owns the run (lib/jobs); a run someone else took over is not saved. */
  owner: string;
  haloClients: NewSnapshotHaloClient[];
  huduCompanies: NewSnapshotHuduCompany[];
  progressJson: string;
  now?: Date;
}): JobRun {
  return writeTransaction(db, (tx) => {
      const run = finishJobRun({ db: tx, id: runId, owner, status: "succeeded", progressJson, now });
      if (!run) {
        // Marked failed (its process looked dead) or cancelled meanwhile: saving now could
        // overwrite a newer snapshot.
        throw new Error(`Snapshot run ${runId} is no longer running; its data was not saved.`);
      }
      tx.delete(snapshotHaloClients).run();
      tx.delete(snapshotHuduCompanies).run();
      insertInSlices(haloClients, (slice) => tx.insert(snapshotHaloClients).values(slice).run());
      insertInSlices(huduCompanies, (slice) => tx.insert(snapshotHuduCompanies).values(slice).run());
      return run;
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
