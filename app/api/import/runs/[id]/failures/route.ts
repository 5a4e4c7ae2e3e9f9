import { getDb } from "@/db";
import { routeUser } from "@/lib/auth/session";
import { listFailedRecords } from "@/lib/sync/import-report";
import { parseRunId } from "@/lib/sync/run-id";

export const dynamic = "force-dynamic";

/** The run's failed records with Hudu's messages and links to Halo and Hudu. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const user = await routeUser("viewer");
  if (user instanceof Response) return user;
  const id = parseRunId((await params).id);
  if (id === null) return Response.json({ error: "There is no such import run." }, { status: 404 });
  return Response.json({ failures: listFailedRecords({ db: getDb(), runId: id }) });
}
