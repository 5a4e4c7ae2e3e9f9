import { z } from "zod";
import { getDb } from "@/db";
import { routeUser } from "@/lib/auth/session";
import { listDecisionHistory } from "@/lib/decisions/history";

export const dynamic = "force-dynamic";

const params = z.object({ haloClientId: z.coerce.number().int().positive() });

/** Every change of one client's decision, newest first (the board's client dialog). */
export async function GET(_request: Request, { params: raw }: { params: Promise<{ haloClientId: string }> }) {
  const user = await routeUser("viewer");
  if (user instanceof Response) return user;
  const parsed = params.safeParse(await raw);
  if (!parsed.success) return Response.json({ error: "The Halo client id must be a whole number." }, { status: 400 });
  return Response.json({ changes: listDecisionHistory({ db: getDb(), haloClientId: parsed.data.haloClientId }) });
}
