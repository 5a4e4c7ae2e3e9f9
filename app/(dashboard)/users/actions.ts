"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db";
import { createUser, getUserByEmail } from "@/db/queries/users";
import { hashPassword } from "@/lib/auth/password";
import { newPasswordSchema } from "@/lib/auth/password-policy";
import { validatedAction } from "@/lib/auth/session";

const addUserSchema = z.object({
  email: z.email("Enter a valid e-mail address.").trim().max(320),
  name: z.string().trim().max(200).optional(),
  role: z.enum(["admin", "viewer"], { message: "Pick admin or viewer." }),
  password: newPasswordSchema,
});

export const addUserAction = validatedAction(addUserSchema, { role: "admin" }, async (input) => {
  const db = getDb();
  if (getUserByEmail({ db, email: input.email })) {
    return { status: "invalid", message: "A user with that e-mail already exists.", fieldErrors: { email: ["Already a user."] } };
  }
  createUser({
    db,
    user: { email: input.email, name: input.name || null, role: input.role, passwordHash: await hashPassword(input.password) },
  });
  revalidatePath("/users");
  return { status: "ok", message: `Added ${input.email} as ${input.role}.` };
});
