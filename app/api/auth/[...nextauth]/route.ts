import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";

// Built per request so the secret is read from the environment at run time, not build time.
function handler(req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) {
  return NextAuth(authOptions())(req, ctx);
}

export { handler as GET, handler as POST };
