import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db";
import { requireUser } from "@/lib/auth/session";
import { getImportRunView } from "@/lib/sync/import-report";
import { parseRunId } from "@/lib/sync/run-id";
import { RunMonitor } from "./_components/run-monitor";

export const metadata = { title: "Import run" };

/** One import run: live while it runs, its report once it has ended. */
export default async function ImportRunPage({ params }: { params: Promise<{ run: string }> }) {
  const me = await requireUser();
  const id = parseRunId((await params).run);
  const view = id === null ? undefined : getImportRunView({ db: getDb(), id });
  if (!view) notFound();
  return (
    <section className="space-y-4">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-600">
        <Link href="/import" className="underline">
          Import
        </Link>{" "}
        ›{" "}
        <Link href="/history" className="underline">
          History
        </Link>{" "}
        › Run #{view.id}
      </nav>
      <RunMonitor initial={view} canEdit={me.role === "admin"} />
    </section>
  );
}
