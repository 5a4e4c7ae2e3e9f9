import type { Db } from "@/db";

/** An open transaction, as passed to the function given to `writeTransaction`. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** The database or an open transaction on it, so a query can join the caller's transaction. */
export type DbOrTx = Db | Tx;

/**
 * Runs `work` in a transaction that takes the write lock when it begins (SQLite's
 * `BEGIN IMMEDIATE`). Use it for every transaction that reads and then writes.
 *
 * Why: the dashboard and the command line write the same SQLite file. A default (deferred)
 * transaction reads under a shared lock and asks for the write lock only at its first write;
 * if another process wrote in between, SQLite cannot upgrade the lock and fails at once with
 * SQLITE_BUSY (busy_timeout does not help a deferred transaction that already read), or a check
 * made on the read ("no admin left?", "is a refresh running?") is acted on after it went stale.
 * Taking the lock first makes the second writer wait (busy_timeout) and then read fresh data.
 */
export function writeTransaction<T>(db: Db, work: (tx: Tx) => T): T {
  // The one place allowed to open a transaction (eslint's no-restricted-syntax points here).
  // eslint-disable-next-line no-restricted-syntax
  return db.transaction(work, { behavior: "immediate" });
}
