import { sql } from "drizzle-orm";
import { getDb } from "@/db";

export const dynamic = "force-dynamic";

/** Liveness and database check for load balancers and the test harness; needs no session. */
export function GET() {
  try {
    getDb().run(sql`select 1`);
    return Response.json({ status: "ok" });
  } catch {
    return Response.json({ status: "error", message: "Database unavailable" }, { status: 503 });
  }
}
