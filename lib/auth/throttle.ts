import type { Db } from "@/db";
import { deleteStaleThrottles, getThrottle, saveThrottle, clearThrottle } from "@/db/queries/sign-in-throttle";
import { writeTransaction, type DbOrTx } from "@/db/transaction";

/**
 * Slows down repeated failed sign-ins. An account is held after a few failures, an address
 * (which may be a whole office behind one NAT) after more; each further failure doubles the
 * wait, up to a cap. Failures older than the memory window are forgotten, and their rows deleted.
 *
 * An attempt is counted *before* the password is checked (`claimAttempt`), under the write lock,
 * so guesses sent in parallel cannot all pass the check while the first is still hashing: the
 * n-th concurrent guess sees the n-1 before it. A successful sign-in gives its attempt back.
 */
export const THROTTLE_POLICY = {
  emailFreeFailures: 5,
  ipFreeFailures: 20,
  firstDelayMs: 30_000,
  maxDelayMs: 15 * 60_000,
  memoryMs: 15 * 60_000,
} as const;

export type ThrottleKey = { kind: "email" | "ip"; value: string };

function keyOf(k: ThrottleKey): string {
  return `${k.kind}:${k.value.toLowerCase()}`;
}

function freeFailures(k: ThrottleKey): number {
  return k.kind === "email" ? THROTTLE_POLICY.emailFreeFailures : THROTTLE_POLICY.ipFreeFailures;
}

/** When a key with this many counted failures is held until (null: not held). */
function blockedUntilFor(k: ThrottleKey, failures: number, now: number): Date | null {
  const over = failures - freeFailures(k);
  return over >= 0 ? new Date(now + Math.min(THROTTLE_POLICY.firstDelayMs * 2 ** over, THROTTLE_POLICY.maxDelayMs)) : null;
}

/** Seconds the caller must still wait, or 0 when it may try now. */
export function secondsBlocked({ db, keys, now = Date.now() }: { db: DbOrTx; keys: ThrottleKey[]; now?: number }): number {
  let waitMs = 0;
  for (const k of keys) {
    const row = getThrottle({ db, key: keyOf(k) });
    if (row?.blockedUntil && row.blockedUntil.getTime() > now) {
      waitMs = Math.max(waitMs, row.blockedUntil.getTime() - now);
    }
  }
  return Math.ceil(waitMs / 1000);
}

export type Claim = { allowed: true } | { allowed: false; waitSeconds: number };

/**
 * Counts one sign-in attempt against every key, unless a key is already held (then nothing is
 * counted and the caller must refuse without checking the password). Forgets stale rows first.
 */
export function claimAttempt({ db, keys, now = Date.now() }: { db: Db; keys: ThrottleKey[]; now?: number }): Claim {
  return writeTransaction(db, (tx) => {
    deleteStaleThrottles({ db: tx, lastFailureBefore: new Date(now - THROTTLE_POLICY.memoryMs), now: new Date(now) });
    const wait = secondsBlocked({ db: tx, keys, now });
    if (wait > 0) return { allowed: false, waitSeconds: wait };
    for (const k of keys) {
      const key = keyOf(k);
      const row = getThrottle({ db: tx, key });
      const fresh = row && now - row.lastFailureAt.getTime() < THROTTLE_POLICY.memoryMs;
      const failures = (fresh ? row.failures : 0) + 1;
      saveThrottle({ db: tx, key, failures, lastFailureAt: new Date(now), blockedUntil: blockedUntilFor(k, failures, now) });
    }
    return { allowed: true };
  });
}

/**
 * The claimed attempt was the right password: the account starts afresh and the address gets
 * its attempt back (an office signing in all morning must not lock itself out).
 */
export function recordSuccess({ db, keys, now = Date.now() }: { db: Db; keys: ThrottleKey[]; now?: number }): void {
  writeTransaction(db, (tx) => {
    for (const k of keys) {
      const key = keyOf(k);
      if (k.kind === "email") {
        clearThrottle({ db: tx, key });
        continue;
      }
      const row = getThrottle({ db: tx, key });
      if (!row) continue;
      const failures = Math.max(0, row.failures - 1);
      if (failures === 0) clearThrottle({ db: tx, key });
      else saveThrottle({ db: tx, key, failures, lastFailureAt: row.lastFailureAt, blockedUntil: blockedUntilFor(k, failures, now) });
    }
  });
}
