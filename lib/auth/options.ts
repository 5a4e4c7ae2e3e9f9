import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { getDb } from "@/db";
import { getUserByEmail, normaliseEmail } from "@/db/queries/users";
import { env } from "@/lib/env";
import { DUMMY_HASH, verifyPassword } from "./password";
import { recordFailure, recordSuccess, secondsBlocked, type ThrottleKey } from "./throttle";

/** One message for a wrong password and an unknown e-mail, so neither reveals which. */
export const BAD_CREDENTIALS = "Incorrect e-mail or password.";

const credentialsSchema = z.object({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1024),
});

function clientAddress(headers: unknown): string {
  const get = (name: string): string | undefined => {
    if (!headers) return undefined;
    if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name) ?? undefined;
    const v = (headers as Record<string, string | string[] | undefined>)[name];
    return Array.isArray(v) ? v[0] : v;
  };
  return get("x-forwarded-for")?.split(",")[0]?.trim() || get("x-real-ip") || "unknown";
}

export function tooManyAttemptsMessage(seconds: number): string {
  return `Too many failed sign-ins. Try again in ${seconds} second${seconds === 1 ? "" : "s"}.`;
}

export function authOptions(): NextAuthOptions {
  return {
    secret: env().NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
    pages: { signIn: "/signin", error: "/signin" },
    providers: [
      CredentialsProvider({
        name: "E-mail and password",
        credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(raw, req) {
          const parsed = credentialsSchema.safeParse(raw);
          if (!parsed.success) throw new Error(BAD_CREDENTIALS);
          const db = getDb();
          const email = normaliseEmail(parsed.data.email);
          const keys: ThrottleKey[] = [
            { kind: "email", value: email },
            { kind: "ip", value: clientAddress(req?.headers) },
          ];
          const wait = secondsBlocked({ db, keys });
          if (wait > 0) throw new Error(tooManyAttemptsMessage(wait));

          const user = getUserByEmail({ db, email });
          const ok = await verifyPassword(parsed.data.password, user?.passwordHash ?? DUMMY_HASH);
          if (!user || !ok) {
            recordFailure({ db, keys });
            const waitNow = secondsBlocked({ db, keys });
            throw new Error(waitNow > 0 ? tooManyAttemptsMessage(waitNow) : BAD_CREDENTIALS);
          }
          recordSuccess({ db, email });
          return { id: String(user.id), email: user.email, name: user.name ?? user.email, role: user.role };
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          token.uid = Number(user.id);
          token.role = (user as { role?: "admin" | "viewer" }).role;
        }
        return token;
      },
      session({ session, token }) {
        if (session.user) {
          session.user.id = token.uid as number;
          session.user.role = token.role as "admin" | "viewer";
        }
        return session;
      },
    },
  };
}
