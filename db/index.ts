import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { env } from "@/lib/env";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema>;

const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");

/** Opens (creating if needed) a database file, in WAL mode, with every migration applied. */
export function openDatabase(file: string): { db: Db; sqlite: Database.Database } {
  if (file !== ":memory:") mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("foreign_keys = ON");
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  return { db, sqlite };
}

// One cached connection per process; kept on globalThis so dev-mode reloads reuse it.
const globalForDb = globalThis as unknown as { __haloHuduDb?: { db: Db; sqlite: Database.Database } };

export function getDb(): Db {
  globalForDb.__haloHuduDb ??= openDatabase(env().DATABASE_PATH);
  return globalForDb.__haloHuduDb.db;
}
