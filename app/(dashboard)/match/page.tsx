import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import { getDb } from "@/db";
import { MatchBoard } from "./_components/match-board";
import { boardQueryOptions, decisionsQueryOptions, snapshotStatusQueryOptions } from "./_components/queries";
import { requireUser } from "@/lib/auth/session";
import { getSnapshotStatus, listBoardDecisions, loadBoardData } from "@/lib/decisions/board-data";

export const metadata = { title: "Match" };

/**
 * Stage one: every Halo client gets a Hudu company, "create new" or "ignore". The page reads the
 * saved snapshot only (no Halo or Hudu calls); the same query keys the board polls are filled
 * here so it renders complete on first paint.
 */
export default async function MatchPage() {
  const me = await requireUser();
  const db = getDb();
  const queryClient = new QueryClient();
  await Promise.all([
    queryClient.prefetchQuery({ ...snapshotStatusQueryOptions(), queryFn: () => getSnapshotStatus({ db }) }),
    queryClient.prefetchQuery({ ...boardQueryOptions(), queryFn: () => loadBoardData({ db }) }),
    queryClient.prefetchQuery({ ...decisionsQueryOptions(), queryFn: () => listBoardDecisions({ db }) }),
  ]);
  return (
    <section className="space-y-4">
      <div>
        <h1 className="text-xl font-semibold">Match companies</h1>
        <p className="text-sm text-slate-600">
          Give every Halo client its Hudu company, or mark it <em>create new</em> or <em>ignore</em>. Nothing is imported for a
          client until it is matched or marked create new.
        </p>
      </div>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <MatchBoard me={me.email} canEdit={me.role === "admin"} />
      </HydrationBoundary>
    </section>
  );
}
