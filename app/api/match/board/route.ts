import { getDb } from "@/db";
import { routeUser } from "@/lib/auth/session";
import { loadBoardData } from "@/lib/decisions/board-data";

export const dynamic = "force-dynamic";

/** Both sides of the saved snapshot and the engine's suggestions (no Halo or Hudu calls). */
export async function GET() {
  const user = await routeUser("viewer");
  if (user instanceof Response) return user;
  return Response.json(loadBoardData({ db: getDb() }));
}
