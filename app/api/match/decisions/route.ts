import { getDb } from "@/db";
import { routeUser } from "@/lib/auth/session";
import { listBoardDecisions } from "@/lib/decisions/board-data";

export const dynamic = "force-dynamic";

/** Every match decision: small, refetched after each change on the board. */
export async function GET() {
  const user = await routeUser("viewer");
  if (user instanceof Response) return user;
  return Response.json({ decisions: listBoardDecisions({ db: getDb() }) });
}
