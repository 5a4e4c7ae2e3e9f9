import { getDb } from "@/db";
import { routeUser } from "@/lib/auth/session";
import { getImportStartStatus } from "@/lib/sync/import-status";

export const dynamic = "force-dynamic";

/** Whether an import may start now, and why not (the Start import control polls it). */
export async function GET() {
  const user = await routeUser("viewer");
  if (user instanceof Response) return user;
  return Response.json(getImportStartStatus({ db: getDb(), isAdmin: user.role === "admin" }));
}
