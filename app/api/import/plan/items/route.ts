import { z } from "zod";
import { getDb } from "@/db";
import { routeUser } from "@/lib/auth/session";
import { previewPage } from "@/lib/sync/preview";
import { planActions, syncRecordTypes } from "@/lib/sync/types";

export const dynamic = "force-dynamic";

const querySchema = z.object({
  action: z.enum([...planActions, "changes"]).optional(),
  type: z.enum(syncRecordTypes).optional(),
  q: z.string().max(200).optional(),
  page: z.coerce.number().int().min(1).max(100_000).optional(),
  pageSize: z.coerce.number().int().min(1).max(500).optional(),
});

/** One page of the newest plan's items, filtered and grouped per company (server paging). */
export async function GET(request: Request) {
  const user = await routeUser("viewer");
  if (user instanceof Response) return user;
  const params = Object.fromEntries([...new URL(request.url).searchParams].filter(([, v]) => v !== ""));
  const parsed = querySchema.safeParse(params);
  if (!parsed.success) return Response.json({ error: "The filter is not one the preview knows." }, { status: 400 });
  const page = previewPage({ db: getDb(), query: parsed.data });
  if (!page) return Response.json({ error: "No preview has been prepared yet." }, { status: 404 });
  return Response.json(page);
}
