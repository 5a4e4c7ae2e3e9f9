import "server-only";
import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { Role, User } from "@/db/schema";
import { authOptionsFor } from "./options";

export type SessionUser = Pick<User, "id" | "email" | "name" | "role">;

/**
 * The signed-in user, or null. The session callback has just read the user's row (see the jwt
 * callback in ./options.ts), so a removed user, a changed role or a signed-out session takes
 * effect at once, whatever the token says.
 */
export async function currentUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptionsFor(await headers()));
  const user = session?.user;
  if (!user || typeof user.id !== "number") return null;
  return { id: user.id, email: user.email, name: user.name ?? null, role: user.role };
}

/** For pages: the user, or a redirect to sign-in. */
export async function requireUser(): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect("/signin");
  return user;
}

export type ActionResult<T = undefined> =
  | { status: "ok"; message?: string; data?: T }
  | { status: "invalid"; message: string; fieldErrors?: Record<string, string[] | undefined> }
  | { status: "unauthenticated"; message: string }
  | { status: "forbidden"; message: string }
  | { status: "error"; message: string };

const NOT_SIGNED_IN = { status: "unauthenticated", message: "Your session has ended. Sign in again." } as const;
const VIEWER_REFUSED = {
  status: "forbidden",
  message: "Your account can view but not change anything. Ask an admin.",
} as const;

/**
 * Wraps a server action: parse the input with zod, then require a signed-in user (and the
 * admin role unless `role: "viewer"`), then run. Server actions are public POST endpoints,
 * so every one goes through here.
 */
export function validatedAction<S extends z.ZodType, T = undefined>(
  schema: S,
  opts: { role: Role },
  run: (input: z.infer<S>, user: SessionUser) => Promise<ActionResult<T>>,
): (input: unknown) => Promise<ActionResult<T>> {
  return async (input: unknown) => {
    const parsed = schema.safeParse(input instanceof FormData ? Object.fromEntries(input) : input);
    const user = await currentUser();
    if (!user) return NOT_SIGNED_IN;
    if (opts.role === "admin" && user.role !== "admin") return VIEWER_REFUSED;
    if (!parsed.success) {
      const flat = z.flattenError(parsed.error);
      return {
        status: "invalid",
        message: flat.formErrors[0] ?? "Some fields need attention.",
        fieldErrors: flat.fieldErrors as Record<string, string[] | undefined>,
      };
    }
    return run(parsed.data, user);
  };
}

/** For route handlers: the user or a JSON error response. */
export async function routeUser(role: Role): Promise<SessionUser | Response> {
  const user = await currentUser();
  if (!user) return Response.json({ error: NOT_SIGNED_IN.message }, { status: 401 });
  if (role === "admin" && user.role !== "admin") return Response.json({ error: VIEWER_REFUSED.message }, { status: 403 });
  return user;
}
