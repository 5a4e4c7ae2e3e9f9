import { z } from "zod";

/** bcrypt reads at most this many bytes of a password and silently ignores the rest. */
export const MAX_PASSWORD_BYTES = 72;

/**
 * A new password: at least 10 characters, at most 72 bytes in UTF-8, because bcrypt would
 * ignore anything after that (two long passwords sharing their first 72 bytes would both work).
 */
export const newPasswordSchema = z
  .string()
  .min(10, "Use at least 10 characters.")
  .refine((v) => Buffer.byteLength(v, "utf8") <= MAX_PASSWORD_BYTES, {
    message: `Use at most ${MAX_PASSWORD_BYTES} bytes: that is 72 plain letters or digits; accented letters count as 2 and emoji as 4. Longer passwords would be cut short without notice.`,
  });
