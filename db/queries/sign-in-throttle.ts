import { and, eq, isNull, lt, or } from "drizzle-orm";
import { signInThrottle } from "@/db/schema";
import type { DbOrTx } from "@/db/transaction";

export function getThrottle({ db, key }: { db: DbOrTx; key: string }) {
  return db.select().from(signInThrottle).where(eq(signInThrottle.key, key)).get();
}

export function saveThrottle({
  db,
  key,
  failures,
  lastFailureAt,
  blockedUntil,
}: {
  db: DbOrTx;
  key: string;
  failures: number;
  lastFailureAt: Date;
  blockedUntil: Date | null;
}): void {
  db.insert(signInThrottle)
    .values({ key, failures, lastFailureAt, blockedUntil })
    .onConflictDoUpdate({ target: signInThrottle.key, set: { failures, lastFailureAt, blockedUntil } })
    .run();
}

export function clearThrottle({ db, key }: { db: DbOrTx; key: string }): void {
  db.delete(signInThrottle).where(eq(signInThrottle.key, key)).run();
}

/** Deletes rows whose failures are forgotten and whose hold (if any) is over; returns how many. */
export function deleteStaleThrottles({ db, lastFailureBefore, now }: { db: DbOrTx; lastFailureBefore: Date; now: Date }): number {
  return db
    .delete(signInThrottle)
    .where(
      and(
        lt(signInThrottle.lastFailureAt, lastFailureBefore),
        or(isNull(signInThrottle.blockedUntil), lt(signInThrottle.blockedUntil, now)),
      ),
    )
    .run().changes;
}
