import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { connectionTests, type ConnectionTestRow } from "@/db/schema";
import type { DbOrTx } from "@/db/transaction";

export type ConnectionService = ConnectionTestRow["service"];

export function listConnectionTests({ db }: { db: Db }): ConnectionTestRow[] {
  return db.select().from(connectionTests).all();
}

/** Keeps only the latest test per service: the page shows the last verdict, not a history. */
export function saveConnectionTest({
  db,
  service,
  ok,
  checksJson,
  testedAt,
  testedBy,
}: {
  db: Db;
  service: ConnectionService;
  ok: boolean;
  checksJson: string;
  testedAt: Date;
  testedBy: string | null;
}): ConnectionTestRow {
  const values = { ok, checksJson, testedAt, testedBy };
  return db
    .insert(connectionTests)
    .values({ service, ...values })
    .onConflictDoUpdate({ target: connectionTests.service, set: values })
    .returning()
    .get();
}

export function deleteConnectionTest({ db, service }: { db: DbOrTx; service: ConnectionService }): void {
  db.delete(connectionTests).where(eq(connectionTests.service, service)).run();
}
