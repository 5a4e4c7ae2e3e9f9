import { Alert } from "@/components/ui/form";
import { getDb } from "@/db";
import { requireUser } from "@/lib/auth/session";
import { loadConnectionSettings } from "@/lib/settings/connection-settings";
import { loadLastConnectionTests } from "@/lib/settings/connection-tests";
import { ConnectionCard } from "./_components/connection-card";
import { LocalTime } from "@/components/ui/local-time";

export const metadata = { title: "Connections" };

export default async function ConnectionsPage() {
  const me = await requireUser();
  const db = getDb();
  // Browser-safe by construction: secrets appear only as "•••• 1234".
  const settings = loadConnectionSettings({ db });
  const tests = loadLastConnectionTests({ db });
  const canEdit = me.role === "admin";

  return (
    <section className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-xl font-semibold">Connections</h1>
        <p className="max-w-3xl text-sm text-slate-600">
          Where the dashboard finds Halo and Hudu, and the credentials it uses. Secrets are encrypted on this server and
          are never shown again once saved. Save each card, then test it: the test signs in and reads a little of each
          kind of data the import needs.
        </p>
        {settings.updatedAt ? (
          <p className="text-xs text-slate-500">
            Last saved <LocalTime date={settings.updatedAt} />
            {settings.updatedBy ? ` by ${settings.updatedBy}` : ""}.
          </p>
        ) : null}
      </div>
      {!canEdit ? <Alert tone="info">You are a viewer: you can see these settings, but only an admin can change or test them.</Alert> : null}
      <div className="grid items-start gap-6 lg:grid-cols-2">
        <ConnectionCard service="halo" canEdit={canEdit} initialSettings={settings} initialTest={tests.halo} />
        <ConnectionCard service="hudu" canEdit={canEdit} initialSettings={settings} initialTest={tests.hudu} />
      </div>
    </section>
  );
}
