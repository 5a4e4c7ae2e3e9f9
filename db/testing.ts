import { afterEach, beforeEach } from "vitest";
import { openDatabase, type Db } from "@/db";

/**
 * A fresh in-memory database (migrated) for each test of the calling file, closed after it:
 * `let db: Db; withMemoryDatabase((opened) => (db = opened));`
 */
export function withMemoryDatabase(onOpen: (db: Db) => void): void {
  let close = () => {};
  beforeEach(() => {
    const opened = openDatabase(":memory:");
    close = () => opened.sqlite.close();
    onOpen(opened.db);
  });
  afterEach(() => close());
}
