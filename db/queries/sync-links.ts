import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { prepared } from "@/db/prepared";
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
  const p = sql.placeholder;
  // On conflict the row takes the values it was to be inserted with.
  const excluded = (column: { name: string }) => sql`excluded.${sql.identifier(column.name)}`;
  const upsert = prepared(db, "upsertSyncLink", (d) =>
    d
      .insert(syncLinks)
      .values({ haloType: p("haloType"), haloId: p("haloId"), huduId: p("huduId"), huduCompanyId: p("huduCompanyId"), contentHash: p("contentHash"), syncedAt: p("syncedAt") })
      .onConflictDoUpdate({
        target: [syncLinks.haloType, syncLinks.haloId],
        set: { huduId: excluded(syncLinks.huduId), huduCompanyId: excluded(syncLinks.huduCompanyId), contentHash: excluded(syncLinks.contentHash), syncedAt: excluded(syncLinks.syncedAt) },
      })
      .returning()
      .prepare(),
  );
  return upsert.get({ haloType, haloId, huduId, huduCompanyId, contentHash, syncedAt })!;
}

export function deleteSyncLink({ db, haloType, haloId }: { db: Db; haloType: LinkedHaloType; haloId: number }): void {
  db.delete(syncLinks)
    .where(and(eq(syncLinks.haloType, haloType), eq(syncLinks.haloId, haloId)))
    .run();
}
