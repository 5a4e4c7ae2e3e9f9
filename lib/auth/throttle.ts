import type { Db } from "@/db";
import { clearThrottle, getThrottle, saveThrottle } from "@/db/queries/sign-in-throttle";

/**
 * Slows down repeated failed sign-ins. An account is held after a few failures, an address
 * (which may be a whole office behind one NAT) after more; each further failure doubles the
 * wait, up to a cap. Failures older than the memory window are forgotten.
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

/** Seconds the caller must still wait, or 0 when it may try now. */
export function secondsBlocked({ db, keys, now = Date.now() }: { db: Db; keys: ThrottleKey[]; now?: number }): number {
  let waitMs = 0;
  for (const k of keys) {
    const row = getThrottle({ db, key: keyOf(k) });
    if (row?.blockedUntil && row.blockedUntil.getTime() > now) {
      waitMs = Math.max(waitMs, row.blockedUntil.getTime() - now);
    }
  }
  return Math.ceil(waitMs / 1000);
}

export function recordFailure({ db, keys, now = Date.now() }: { db: Db; keys: ThrottleKey[]; now?: number }): void {
  for (const k of keys) {
    const key = keyOf(k);
    const row = getThrottle({ db, key });
    const fresh = row && now - row.lastFailureAt.getTime() < THROTTLE_POLICY.memoryMs;
    const failures = (fresh ? row.failures : 0) + 1;
    const free = k.kind === "email" ? THROTTLE_POLICY.emailFreeFailures : THROTTLE_POLICY.ipFreeFailures;
    const over = failures - free;
    const blockedUntil =
      over >= 0
        ? new Date(now + Math.min(THROTTLE_POLICY.firstDelayMs * 2 ** over, THROTTLE_POLICY.maxDelayMs))
        : null;
    saveThrottle({ db, key, failures, lastFailureAt: new Date(now), blockedUntil });
  }
}

export function recordSuccess({ db, email }: { db: Db; email: string }): void {
  clearThrottle({ db, key: keyOf({ kind: "email", value: email }) });
}
