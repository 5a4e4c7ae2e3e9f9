import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { Alert } from "@/components/ui/form";
import { getDb } from "@/db";
import { requireUser } from "@/lib/auth/session";
import { toSyncError } from "@/lib/errors";
import { previewStatus } from "@/lib/sync/preview";
import { loadSyncSettings } from "@/lib/sync/settings";
import { Preview } from "./_components/preview";
import { previewStatusQueryOptions } from "./_components/queries";
import { MatchersOption } from "./_components/matchers-option";
import { StartImport } from "./_components/start-import";

export const metadata = { title: "Import" };

/**
 * Stage two: what an import would do, exactly (the planner is pure: the same input gives the
 * same plan), before anything is written. The page reads the saved preview only; preparing a
 * new one reads Halo and Hudu in the background.
 */
export default async function ImportPage() {
  const me = await requireUser();
  const db = getDb();
  const queryClient = new QueryClient();
  await queryClient.prefetchQuery({ ...previewStatusQueryOptions(), queryFn: () => previewStatus({ db }) });
  let matchers: { write: boolean; integrationId: number | null } | null = null;
  let settingsProblem: string | null = null;
  try {
    matchers = loadSyncSettings({ db }).matchers;
  } catch (error) {
    settingsProblem = toSyncError(error).userMessage;
  }
  return (
    <section className="space-y-4">
      <div>
        <h1 className="text-xl font-semibold">Import</h1>
        <p className="max-w-3xl text-sm text-slate-600">
          What an import would create, update, leave alone, archive or skip in Hudu, and why, record by record. Set up the{" "}
          <Link href="/layouts" className="underline">
            layouts
          </Link>{" "}
          and{" "}
          <Link href="/match" className="underline">
            match the companies
          </Link>{" "}
          first: nothing is imported for a client that is not matched or marked create new.
        </p>
      </div>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <Preview
          canEdit={me.role === "admin"}
          startSlot={<StartImport />}
          matchersSlot={
            matchers ? <MatchersOption canEdit={me.role === "admin"} write={matchers.write} integrationId={matchers.integrationId} /> : <Alert tone="error">{settingsProblem}</Alert>
          }
        />
      </HydrationBoundary>
    </section>
  );
}
