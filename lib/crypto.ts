import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { env } from "@/lib/env";

/**
 * Secrets at rest (Halo client secret, Hudu API key): AES-256-GCM with a random 12-byte IV.
 * Stored as "v1:<iv>:<tag>:<ciphertext>" in base64 so the format can change later.
 */
const VERSION = "v1";

function key(explicit?: Buffer): Buffer {
  return explicit ?? Buffer.from(env().SETTINGS_ENCRYPTION_KEY, "base64");
}

export function encryptSecret(plain: string, keyBytes?: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(keyBytes), iv);
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv.toString("base64"), tag.toString("base64"), data.toString("base64")].join(":");
}

export function decryptSecret(stored: string, keyBytes?: Buffer): string {
  const [version, iv, tag, data] = stored.split(":");
  if (version !== VERSION || !iv || !tag || data === undefined) {
    throw new Error("Stored secret is not in a format this version understands");
  }
  const decipher = createDecipheriv("aes-256-gcm", key(keyBytes), Buffer.from(iv, "base64"));
  decipher.setAuthTag(Buffer.from(tag, "base64"));
  try {
    return Buffer.concat([decipher.update(Buffer.from(data, "base64")), decipher.final()]).toString("utf8");
  } catch {
    throw new Error(
      "A stored secret could not be decrypted: SETTINGS_ENCRYPTION_KEY differs from the key it was saved with. Enter the secret again.",
    );
  }
}

/** What a page may show of a secret: never more than its last four characters. */
export function maskSecret(plain: string | null | undefined): string | null {
  if (!plain) return null;
  return `•••• ${plain.slice(-4)}`;
}
