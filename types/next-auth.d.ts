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
  }
}
