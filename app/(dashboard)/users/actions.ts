"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db";
import { changeUserRole, createUser, getUserByEmail, removeUser, resetUserPassword, type UserChangeResult } from "@/db/queries/users";
import { hashPassword } from "@/lib/auth/password";
import { newPasswordSchema } from "@/lib/auth/password-policy";
import { validatedAction, type ActionResult } from "@/lib/auth/session";

const role = z.enum(["admin", "viewer"], { message: "Pick admin or viewer." });
const userId = z.coerce.number().int().positive();

const addUserSchema = z.object({
  email: z.email("Enter a valid e-mail address.").trim().max(320),
  name: z.string().trim().max(200).optional(),
  role,
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

/** The answer for a change that found no user, or would leave no admin. */
function refused(result: Exclude<UserChangeResult, { status: "ok" }>): ActionResult {
  return result.status === "not-found"
    ? { status: "invalid", message: "That user no longer exists. Reload the page." }
    : { status: "invalid", message: "This is the last admin: make another user an admin first, so someone can still manage the dashboard." };
}

export const changeRoleAction = validatedAction(z.object({ userId, role }), { role: "admin" }, async (input) => {
  const result = changeUserRole({ db: getDb(), id: input.userId, role: input.role });
  if (result.status !== "ok") return refused(result);
  revalidatePath("/users");
  return { status: "ok", message: `${result.user.email} is now ${input.role === "admin" ? "an admin" : "a viewer"}. Their sessions have ended: they sign in again with the new role.` };
});

export const resetPasswordAction = validatedAction(z.object({ userId, password: newPasswordSchema }), { role: "admin" }, async (input) => {
  const user = resetUserPassword({ db: getDb(), id: input.userId, passwordHash: await hashPassword(input.password) });
  if (!user) return refused({ status: "not-found" });
  return { status: "ok", message: `Set a new password for ${user.email}. Their sessions have ended; share the new password with them privately.` };
});

export const removeUserAction = validatedAction(z.object({ userId }), { role: "admin" }, async (input) => {
  const result = removeUser({ db: getDb(), id: input.userId });
  if (result.status !== "ok") return refused(result);
  revalidatePath("/users");
  return { status: "ok", message: `Removed ${result.user.email}. Their sessions have ended.` };
});
