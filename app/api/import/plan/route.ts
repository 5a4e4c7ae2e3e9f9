import { getDb } from "@/db";
import { routeUser } from "@/lib/auth/session";
import { previewStatus } from "@/lib/sync/preview";

export const dynamic = "force-dynamic";

/** The newest preview preparation (polled while it runs) and the totals of the plan shown. */
export async function GET() {
  const user = await routeUser("viewer");
  if (user instanceof Response) return user;
  return Response.json(previewStatus({ db: getDb() }));
}
