import { afterEach, beforeEach } from "vitest";
import { openDatabase, type Db } from "@/db";

/**
 * For tests: a fresh in-memory database (migrations applied) before each test, closed after it.
 * Read `.db` inside a test or hook.
 */
export function memoryDbPerTest(): { readonly db: Db } {
  let opened: ReturnType<typeof openDatabase> | undefined;
  beforeEach(() => {
    opened = openDatabase(":memory:");
  });
  afterEach(() => opened?.sqlite.close());
  return {
    get db() {
      if (!opened) throw new Error("memoryDbPerTest: the database opens in beforeEach; read .db inside a test");
      return opened.db;
    },
  };
}

/** The same, handed over as a plain variable: `let db: Db; withMemoryDatabase((opened) => (db = opened));` */
export function withMemoryDatabase(onOpen: (db: Db) => void): void {
  const memory = memoryDbPerTest();
  beforeEach(() => onOpen(memory.db));
}
