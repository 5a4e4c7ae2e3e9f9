import NextAuth from "next-auth";
import { authOptionsFor } from "@/lib/auth/options";

// Built per request: the secret is read from the environment at run time, not build time, and
// the cookies are Secure when this request came over https.
function handler(req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) {
  return NextAuth(authOptionsFor(req.headers))(req, ctx);
}

export { handler as GET, handler as POST };
