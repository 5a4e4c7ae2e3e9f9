import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "@/db";
import { countUsers } from "@/db/queries/users";
import { writeTransaction } from "./transaction";

let dir: string;
let db: Db;
let other: Database.Database;
let close: () => void;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "tx-test-"));
  const file = path.join(dir, "app.db");
  const opened = openDatabase(file);
  db = opened.db;
  // A second process's connection (the CLI beside the dashboard), failing at once instead of waiting.
  other = new Database(file);
  other.pragma("busy_timeout = 0");
  close = () => {
    other.close();
    opened.sqlite.close();
  };
});
afterEach(() => {
  close();
  rmSync(dir, { recursive: true, force: true });
});

describe("writeTransaction", () => {
  it("holds the write lock from its first statement, before it has written anything", () => {
    let otherWriter: unknown = "not tried";
    writeTransaction(db, (tx) => {
      countUsers({ db: tx });
      try {
        other.exec("BEGIN IMMEDIATE");
        other.exec("ROLLBACK");
        otherWriter = "got the lock";
      } catch (error) {
        otherWriter = (error as { code?: string }).code;
      }
    });
    expect(otherWriter).toBe("SQLITE_BUSY");
    // Released at the end.
    other.exec("BEGIN IMMEDIATE");
    other.exec("ROLLBACK");
  });

  it("returns what the work returns and rolls back when it throws", () => {
    expect(writeTransaction(db, () => 42)).toBe(42);
    expect(() =>
      writeTransaction(db, (tx) => {
        tx.run(sql`insert into users (email, password_hash, role) values ('a@b.c', 'x', 'admin')`);
        throw new Error("stop");
      }),
    ).toThrow("stop");
    expect(countUsers({ db })).toBe(0);
  });
});
