import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "@/db";
import { endUserSessions } from "@/db/queries/users";
import { env } from "@/lib/env";
import { clientAddress, servedOverHttps, type HeaderSource } from "@/lib/web/request-facts";
import { isSessionEnded, sessionCallbacks } from "./session-callbacks";
import { checkCredentials } from "./sign-in";

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
        if (isSessionEnded(metadata)) return;
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
    callbacks: sessionCallbacks,
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
