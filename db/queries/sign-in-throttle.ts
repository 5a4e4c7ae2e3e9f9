import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { signInThrottle } from "@/db/schema";

export function getThrottle({ db, key }: { db: Db; key: string }) {
  return db.select().from(signInThrottle).where(eq(signInThrottle.key, key)).get();
}

export function saveThrottle({
  db,
  key,
  failures,
  lastFailureAt,
  blockedUntil,
}: {
  db: Db;
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

export function clearThrottle({ db, key }: { db: Db; key: string }): void {
  db.delete(signInThrottle).where(eq(signInThrottle.key, key)).run();
}
