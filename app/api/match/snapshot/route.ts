import { getDb } from "@/db";
import { routeUser } from "@/lib/auth/session";
import { getSnapshotStatus } from "@/lib/decisions/board-data";

export const dynamic = "force-dynamic";

/** The newest snapshot refresh (polled every second while one runs) and the snapshot in use. */
export async function GET() {
  const user = await routeUser("viewer");
  if (user instanceof Response) return user;
  return Response.json(getSnapshotStatus({ db: getDb() }));
}
