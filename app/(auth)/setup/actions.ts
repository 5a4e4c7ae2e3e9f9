"use server";

import { z } from "zod";
import { getDb } from "@/db";
import { createFirstAdmin } from "@/db/queries/users";
import { hashPassword } from "@/lib/auth/password";
import { newPasswordSchema } from "@/lib/auth/password-policy";

const setupSchema = z
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

/**
 * Creates the first admin. Needs no session (nobody can have one yet), so it refuses as soon
 * as any user exists: it can never add a second admin.
 */
export async function createFirstAdminAction(input: unknown): Promise<SetupResult> {
  const parsed = setupSchema.safeParse(input instanceof FormData ? Object.fromEntries(input) : input);
  if (!parsed.success) return { status: "invalid", fieldErrors: z.flattenError(parsed.error).fieldErrors };
  const user = createFirstAdmin({
    db: getDb(),
    email: parsed.data.email,
    name: parsed.data.name || null,
    passwordHash: await hashPassword(parsed.data.password),
  });
  if (!user) return { status: "closed", message: "Setup is already done. Sign in instead." };
  return { status: "ok" };
}
