import type { Db } from "@/db";

/**
 * A statement the import runs once per record (an item finished, a link saved), built and
 * prepared once per database connection instead of on every call: drizzle builds the SQL and
 * SQLite compiles it afresh each time otherwise, a fifth of a large import's CPU and garbage.
 * Keyed by the `db` object, so a transaction's handle gets its own (and drops it with itself).
 */
const statements = new WeakMap<object, Map<string, unknown>>();

export function prepared<T>(db: Db, name: string, build: (db: Db) => T): T {
  let ofDb = statements.get(db);
  if (!ofDb) statements.set(db, (ofDb = new Map()));
  let statement = ofDb.get(name) as T | undefined;
  if (statement === undefined) ofDb.set(name, (statement = build(db)));
  return statement;
}
