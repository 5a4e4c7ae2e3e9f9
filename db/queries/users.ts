import { and, count, eq, ne, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { users, type NewUser, type Role, type User } from "@/db/schema";
import { writeTransaction, type DbOrTx } from "@/db/transaction";

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function countUsers({ db }: { db: DbOrTx }): number {
  return db.select({ n: count() }).from(users).get()?.n ?? 0;
}

export function getUserByEmail({ db, email }: { db: Db; email: string }): User | undefined {
  return db.select().from(users).where(eq(users.email, normaliseEmail(email))).get();
}

export function getUserById({ db, id }: { db: DbOrTx; id: number }): User | undefined {
  return db.select().from(users).where(eq(users.id, id)).get();
}

/** What a signed-in session needs to know about its user, read on every request: one row by key. */
export function getSessionUser({ db, id }: { db: Db; id: number }) {
  return db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, sessionVersion: users.sessionVersion })
    .from(users)
    .where(eq(users.id, id))
    .get();
}

export function listUsers({ db }: { db: Db }): Array<Omit<User, "passwordHash" | "sessionVersion">> {
  return db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, createdAt: users.createdAt })
    .from(users)
    .orderBy(users.createdAt)
    .all();
}

export function createUser({ db, user }: { db: Db; user: NewUser }): User {
  return db
    .insert(users)
    .values({ ...user, email: normaliseEmail(user.email) })
    .returning()
    .get();
}

/**
 * Creates the first admin only while no user exists, atomically, so two people racing
 * through /setup cannot both become admin.
 */
export function createFirstAdmin({
  db,
  email,
  name,
  passwordHash,
}: {
  db: Db;
  email: string;
  name?: string | null;
  passwordHash: string;
}): User | null {
  return writeTransaction(db, (tx) => {
    if (countUsers({ db: tx }) > 0) return null;
    return tx
      .insert(users)
      .values({ email: normaliseEmail(email), name: name ?? null, passwordHash, role: "admin" as Role })
      .returning()
      .get();
  });
}

/** Ends every session of the user (sign-out everywhere); false when there is no such user. */
export function endUserSessions({ db, id }: { db: DbOrTx; id: number }): boolean {
  return (
    db
      .update(users)
      .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, id))
      .run().changes > 0
  );
}

export type UserChangeResult = { status: "ok"; user: User } | { status: "not-found" } | { status: "last-admin" };

function otherAdmins(tx: DbOrTx, id: number): number {
  return tx.select({ n: count() }).from(users).where(and(eq(users.role, "admin"), ne(users.id, id))).get()?.n ?? 0;
}

/**
 * Gives a user another role and ends their sessions (they sign in again with the new rights).
 * The last admin cannot be made a viewer: nobody could manage the dashboard any more. Checked and
 * written under one write lock, so two admins demoting each other at once cannot both succeed.
 */
export function changeUserRole({ db, id, role }: { db: Db; id: number; role: Role }): UserChangeResult {
  return writeTransaction(db, (tx) => {
    const user = getUserById({ db: tx, id });
    if (!user) return { status: "not-found" } as const;
    if (user.role === role) return { status: "ok", user } as const;
    if (user.role === "admin" && otherAdmins(tx, id) === 0) return { status: "last-admin" } as const;
    const updated = tx
      .update(users)
      .set({ role, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, id))
      .returning()
      .get();
    return { status: "ok", user: updated } as const;
  });
}

/** Sets a new password hash and ends the user's sessions (whoever knew the old one is signed out). */
export function resetUserPassword({ db, id, passwordHash }: { db: Db; id: number; passwordHash: string }): User | undefined {
  return db
    .update(users)
    .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, id))
    .returning()
    .get();
}

/** Removes a user (their sessions end with the row); never the last admin. */
export function removeUser({ db, id }: { db: Db; id: number }): UserChangeResult {
  return writeTransaction(db, (tx) => {
    const user = getUserById({ db: tx, id });
    if (!user) return { status: "not-found" } as const;
    if (user.role === "admin" && otherAdmins(tx, id) === 0) return { status: "last-admin" } as const;
    tx.delete(users).where(eq(users.id, id)).run();
    return { status: "ok", user } as const;
  });
}
