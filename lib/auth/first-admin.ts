import { z } from "zod";
import type { Db } from "@/db";
import { countUsers, createFirstAdmin } from "@/db/queries/users";
import { hashPassword } from "./password";
import { newPasswordSchema } from "./password-policy";

export const setupSchema = z
  .object({
    name: z.string().trim().max(200).optional(),
    email: z.email("Enter a valid e-mail address.").trim().max(320),
    password: newPasswordSchema,
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { message: "The two passwords differ.", path: ["confirm"] });

export type SetupResult =
  | { status: "ok" }
  | { status: "invalid"; fieldErrors: Record<string, string[] | undefined> }
  | { status: "closed"; message: string };

const CLOSED = { status: "closed", message: "Setup is already done. Sign in instead." } as const;

/**
 * Creates the first admin from the /setup form. Anyone can call it (nobody has a session yet),
 * so it checks that no user exists before doing any work: hashing a password costs real CPU,
 * and an open endpoint that hashes on demand is a way to load the server. The insert checks
 * again under the write lock, so two people racing through setup cannot both become admin.
 * `hash` is injectable so a test can see whether it ran.
 */
export async function setUpFirstAdmin({
  db,
  input,
  hash = hashPassword,
}: {
  db: Db;
  input: unknown;
  hash?: (plain: string) => Promise<string>;
}): Promise<SetupResult> {
  if (countUsers({ db }) > 0) return CLOSED;
  const parsed = setupSchema.safeParse(input instanceof FormData ? Object.fromEntries(input) : input);
  if (!parsed.success) return { status: "invalid", fieldErrors: z.flattenError(parsed.error).fieldErrors };
  const user = createFirstAdmin({
    db,
    email: parsed.data.email,
    name: parsed.data.name || null,
    passwordHash: await hash(parsed.data.password),
  });
  return user ? { status: "ok" } : CLOSED;
}
