import { getDb } from "@/db";
import { countUsers, createFirstAdmin } from "@/db/queries/users";
import { hashPassword } from "@/lib/auth/password";
import { MAX_PASSWORD_BYTES } from "@/lib/auth/password-policy";
import { env } from "@/lib/env";

export async function startServer(): Promise<void> {
  const e = env();
  const db = getDb();
  if (e.ADMIN_PASSWORD && Buffer.byteLength(e.ADMIN_PASSWORD, "utf8") > MAX_PASSWORD_BYTES) {
    // bcrypt would ignore the rest, so the admin would sign in with only its beginning.
    throw new Error(`ADMIN_PASSWORD must be at most ${MAX_PASSWORD_BYTES} bytes (bcrypt ignores the rest).`);
  }
  if (e.ADMIN_EMAIL && e.ADMIN_PASSWORD && countUsers({ db }) === 0) {
    const user = createFirstAdmin({ db, email: e.ADMIN_EMAIL, passwordHash: await hashPassword(e.ADMIN_PASSWORD) });
    if (user) console.log(`Created the first admin ${user.email} from ADMIN_EMAIL.`);
  }
}

/** A server that cannot read its settings or open its database must not start half-working. */
export async function startServerOrExit(): Promise<void> {
  try {
    await startServer();
  } catch (error) {
    console.error(`Halo → Hudu Sync cannot start.\n${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
