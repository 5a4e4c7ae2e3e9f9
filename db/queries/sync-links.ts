import { and, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { syncLinks, type SyncLink } from "@/db/schema";

/**
 * Links from Halo records (site, contact, contract) to the Hudu assets they became. The planner
 * reads them all at once; the executor upserts one after each create or update and deletes one
 * after an archive. Companies are linked by match decisions (db/queries/match-decisions.ts).
 */

export type LinkedHaloType = SyncLink["haloType"];

export function listSyncLinks({ db }: { db: Db }): SyncLink[] {
  return db.select().from(syncLinks).all();
}

export function getSyncLink({ db, haloType, haloId }: { db: Db; haloType: LinkedHaloType; haloId: number }): SyncLink | undefined {
  return db
    .select()
    .from(syncLinks)
    .where(and(eq(syncLinks.haloType, haloType), eq(syncLinks.haloId, haloId)))
    .get();
}

export function upsertSyncLink({
  db,
  haloType,
  haloId,
  huduId,
  huduCompanyId,
  contentHash,
  syncedAt = new Date(),
}: {
  db: Db;
  haloType: LinkedHaloType;
  haloId: number;
  huduId: number;
  huduCompanyId: number | null;
  contentHash: string | null;
  syncedAt?: Date;
}): SyncLink {
  const values = { huduId, huduCompanyId, contentHash, syncedAt };
  return db
    .insert(syncLinks)
    .values({ haloType, haloId, ...values })
    .onConflictDoUpdate({ target: [syncLinks.haloType, syncLinks.haloId], set: values })
    .returning()
    .get();
}

export function deleteSyncLink({ db, haloType, haloId }: { db: Db; haloType: LinkedHaloType; haloId: number }): void {
  db.delete(syncLinks)
    .where(and(eq(syncLinks.haloType, haloType), eq(syncLinks.haloId, haloId)))
    .run();
}
