import { getDb } from "@/db";
import { routeUser } from "@/lib/auth/session";
import { getImportRunView } from "@/lib/sync/import-report";
import { parseRunId } from "@/lib/sync/run-id";

export const dynamic = "force-dynamic";

/** One import run as its page shows it; polled every second while it runs. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const user = await routeUser("viewer");
  if (user instanceof Response) return user;
  const id = parseRunId((await params).id);
  const view = id === null ? undefined : getImportRunView({ db: getDb(), id });
  if (!view) return Response.json({ error: "There is no such import run." }, { status: 404 });
  return Response.json(view);
}
