import { z } from "zod";
import type { Db } from "@/db";
import { getUserByEmail, normaliseEmail } from "@/db/queries/users";
import type { User } from "@/db/schema";
import { DUMMY_HASH, verifyPassword } from "./password";
import { claimAttempt, recordSuccess, secondsBlocked, type ThrottleKey } from "./throttle";

/** One message for a wrong password and an unknown e-mail, so neither reveals which. */
export const BAD_CREDENTIALS = "Incorrect e-mail or password.";

export function tooManyAttemptsMessage(seconds: number): string {
  return `Too many failed sign-ins. Try again in ${seconds} second${seconds === 1 ? "" : "s"}.`;
}

const credentialsSchema = z.object({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1024),
});

export type SignInOutcome = { ok: true; user: User } | { ok: false; message: string };

/**
 * Checks an e-mail and password against the users table, throttled per account and (when the
 * client's address is known, see lib/web/request-facts.ts) per address. The attempt is counted
 * before the password is hashed, so parallel guesses cannot outrun the throttle.
 * `verify` is the password check (bcrypt); injectable so a test can count how often it runs.
 */
export async function checkCredentials({
  db,
  input,
  address,
  verify = verifyPassword,
  now = Date.now,
}: {
  db: Db;
  input: unknown;
  address: string | undefined;
  verify?: (plain: string, hash: string) => Promise<boolean>;
  now?: () => number;
}): Promise<SignInOutcome> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: BAD_CREDENTIALS };
  const email = normaliseEmail(parsed.data.email);
  const keys: ThrottleKey[] = [{ kind: "email", value: email }, ...(address ? [{ kind: "ip" as const, value: address }] : [])];

  const claim = claimAttempt({ db, keys, now: now() });
  if (!claim.allowed) return { ok: false, message: tooManyAttemptsMessage(claim.waitSeconds) };

  const user = getUserByEmail({ db, email });
  // An unknown e-mail is compared against a dummy hash so both failures take the same time.
  const ok = await verify(parsed.data.password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok) {
    const wait = secondsBlocked({ db, keys, now: now() });
    return { ok: false, message: wait > 0 ? tooManyAttemptsMessage(wait) : BAD_CREDENTIALS };
  }
  recordSuccess({ db, keys, now: now() });
  return { ok: true, user };
}
