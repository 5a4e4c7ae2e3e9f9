import type { NextAuthOptions } from "next-auth";
import { getDb } from "@/db";
import { getSessionUser } from "@/db/queries/users";
import type { Role } from "@/db/schema";

/**
 * Thrown by the jwt callback for a token issued before its user's sessions were ended (sign-out,
 * role change, new password) or whose user is gone. next-auth then treats the request as
 * signed out and clears the cookie. Expected, so not logged as an error.
 */
class SessionEnded extends Error {
  constructor() {
    super("session ended");
    this.name = "SessionEnded";
  }
}

export function isSessionEnded(error: unknown): boolean {
  return error instanceof SessionEnded;
}

export const sessionCallbacks: NonNullable<NextAuthOptions["callbacks"]> = {
  /**
   * Runs on sign-in and on every session read (pages, actions, route handlers, /api/auth/session).
   * The token says which session version it was issued at; one primary-key read of the user row
   * proves that version is still current and gives the current role and name, so a sign-out, a
   * role change or a removal takes effect on the very next request (bench:session measures it).
   */
  jwt({ token, user }) {
    if (user) {
      const signedIn = user as typeof user & { role: Role; sessionVersion: number };
      return { ...token, uid: Number(signedIn.id), role: signedIn.role, sv: signedIn.sessionVersion };
    }
    const current = typeof token.uid === "number" ? getSessionUser({ db: getDb(), id: token.uid }) : undefined;
    if (!current || current.sessionVersion !== token.sv) throw new SessionEnded();
    return { ...token, role: current.role, email: current.email, name: current.name };
  },
  session({ session, token }) {
    session.user = { id: token.uid as number, email: token.email ?? "", name: token.name, role: token.role as Role };
    return session;
  },
};
