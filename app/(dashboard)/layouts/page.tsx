import Link from "next/link";
import { Alert } from "@/components/ui/form";
import { getDb } from "@/db";
import { requireUser } from "@/lib/auth/session";
import { connectHuduFromSettings } from "@/lib/connections/connect";
import { toSyncError } from "@/lib/errors";
import { readLayoutsOverview, type LayoutsOverview } from "@/lib/layouts/overview";
import { loadSyncSettings } from "@/lib/sync/settings";
import { listSourceInfo } from "@/lib/sync/sources";
import { LayoutsEditor } from "./_components/layouts-editor";
import { OptionsForm } from "./_components/options-form";

export const metadata = { title: "Layouts" };

/**
 * Where sites, contacts and contracts land in Hudu, how Halo's fields fill the layouts, and the
 * import's options. Reads Hudu's layouts on every visit (one request a page of 25 layouts).
 */
export default async function LayoutsPage() {
  const me = await requireUser();
  const db = getDb();
  const canEdit = me.role === "admin";

  let overview: LayoutsOverview | null = null;
  let problem: string | null = null;
  let settingsProblem: string | null = null;
  try {
    overview = await readLayoutsOverview({ db, hudu: await connectHuduFromSettings({ db }) });
  } catch (error) {
    const e = toSyncError(error, "hudu");
    if (e.code === "invalid_config" && !e.service) settingsProblem = e.userMessage;
    else problem = e.userMessage;
  }
  let settings = overview?.settings ?? null;
  if (!settings && !settingsProblem) {
    try {
      settings = loadSyncSettings({ db });
    } catch (error) {
      settingsProblem = toSyncError(error).userMessage;
    }
  }

  return (
    <section className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-xl font-semibold">Layouts</h1>
        <p className="max-w-3xl text-sm text-slate-600">
          Sites, contacts and contracts become Hudu assets, each type in a layout of its own. Choose a layout for each, or let
          the app create the recommended ones; then say which Halo field fills which layout field. Hudu imports nothing into an
          inactive layout and has no delete for layouts, so what will be created is shown before anything is.
        </p>
      </div>
      {!canEdit ? <Alert tone="info">You are a viewer: you can see the layouts and mapping, but only an admin can change them.</Alert> : null}
      {settingsProblem ? <Alert tone="error">{settingsProblem}</Alert> : null}
      {problem ? (
        <Alert tone="error">
          Could not read Hudu&apos;s layouts: {problem}{" "}
          <Link href="/connections" className="underline">
            Check the Hudu connection
          </Link>
          .
        </Alert>
      ) : null}
      {overview ? (
        <LayoutsEditor
          canEdit={canEdit}
          overview={overview}
          sources={{ site: listSourceInfo("site"), contact: listSourceInfo("contact"), contract: listSourceInfo("contract") }}
        />
      ) : null}
      {settings ? <OptionsForm canEdit={canEdit} company={settings.company} options={settings.options} /> : null}
    </section>
  );
}
