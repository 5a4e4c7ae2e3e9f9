import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "@/db";
import { endUserSessions, getSessionUser } from "@/db/queries/users";
import type { Role } from "@/db/schema";
import { env } from "@/lib/env";
import { clientAddress, servedOverHttps, type HeaderSource } from "@/lib/web/request-facts";
import { checkCredentials } from "./sign-in";

export { BAD_CREDENTIALS, tooManyAttemptsMessage } from "./sign-in";

/**
 * Thrown by the jwt callback for a token issued before its user's sessions were ended (sign-out,
 * role change, password reset) or whose user is gone. next-auth then treats the request as
 * signed out and clears the cookie. Expected, so not logged as an error.
 */
class SessionEnded extends Error {
  constructor() {
    super("session ended");
    this.name = "SessionEnded";
  }
}

/**
 * next-auth's options for one request. `secureCookies`: mark the session cookies Secure (and
 * give them the __Secure- prefix); true whenever the browser reached us over https.
 */
export function authOptions({ secureCookies }: { secureCookies: boolean }): NextAuthOptions {
  return {
    secret: env().NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
    useSecureCookies: secureCookies,
    pages: { signIn: "/signin", error: "/signin" },
    logger: {
      error(code, metadata) {
        if (metadata instanceof SessionEnded) return;
        console.error(`[next-auth] ${code}`, metadata instanceof Error ? metadata.message : metadata);
      },
    },
    providers: [
      CredentialsProvider({
        name: "E-mail and password",
        credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(raw, req) {
          const outcome = await checkCredentials({
            db: getDb(),
            input: raw,
            address: clientAddress(req?.headers as HeaderSource, env().TRUST_PROXY),
          });
          if (!outcome.ok) throw new Error(outcome.message);
          const { user } = outcome;
          return { id: String(user.id), email: user.email, name: user.name ?? user.email, role: user.role, sessionVersion: user.sessionVersion };
        },
      }),
    ],
    callbacks: {
      /**
       * Runs on sign-in and on every session read (pages, actions, route handlers, /api/auth/session).
       * The token says which session version it was issued at; one primary-key read of the user
       * row proves that version is still current and gives the current role and name, so a
       * sign-out, a role change or a removal takes effect on the very next request.
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
    },
    events: {
      // Signing out ends every session of the user, not just this browser's cookie: a copied
      // token stops working too.
      signOut({ token }) {
        if (typeof token?.uid === "number") endUserSessions({ db: getDb(), id: token.uid });
      },
    },
  };
}

/** The options for a request with these headers (Secure cookies when it came over https). */
export function authOptionsFor(headers: HeaderSource): NextAuthOptions {
  const e = env();
  return authOptions({ secureCookies: servedOverHttps({ headers, publicUrl: e.NEXTAUTH_URL, trustProxy: e.TRUST_PROXY }) });
}
