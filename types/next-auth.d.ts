import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface Session {
    user: { id: number; email: string; name?: string | null; role: "admin" | "viewer" };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid?: number;
    role?: "admin" | "viewer";
    /** The user's session version when this token was issued (see users.session_version). */
    sv?: number;
  }
}
