import { count, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { users, type NewUser, type Role, type User } from "@/db/schema";

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function countUsers({ db }: { db: Db }): number {
  return db.select({ n: count() }).from(users).get()?.n ?? 0;
}

export function getUserByEmail({ db, email }: { db: Db; email: string }): User | undefined {
  return db.select().from(users).where(eq(users.email, normaliseEmail(email))).get();
}

export function getUserById({ db, id }: { db: Db; id: number }): User | undefined {
  return db.select().from(users).where(eq(users.id, id)).get();
}

export function listUsers({ db }: { db: Db }): Array<Omit<User, "passwordHash">> {
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
  return db.transaction((tx) => {
    const existing = tx.select({ n: count() }).from(users).get()?.n ?? 0;
    if (existing > 0) return null;
    return tx
      .insert(users)
      .values({ email: normaliseEmail(email), name: name ?? null, passwordHash, role: "admin" as Role })
      .returning()
      .get();
  });
}
