import type { Db } from "@/db";
import { getConnectionSettingsRow } from "@/db/queries/connection-settings";
import { listConnectionTests } from "@/db/queries/connection-tests";
import { getMatchSummary } from "@/lib/decisions/summary";
import { SyncError } from "@/lib/errors";
import { listImportRunSummaries } from "@/lib/sync/import-report";
import { nextRunAt } from "@/lib/sync/import-schedule";
import { loadSyncSettings } from "@/lib/sync/settings";

/** Where the admin stands, for the home page: each step's state in plain words. */
export type StepState = "done" | "attention" | "todo" | "running";
export interface OverviewStep {
  id: "connections" | "layouts" | "match" | "import";
  title: string;
  href: string;
  state: StepState;
  summary: string;
}

export function getOverview({ db }: { db: Db }): OverviewStep[] {
  return [connectionsStep(db), layoutsStep(db), matchStep(db), importStep(db)];
}

/** From the saved choices only: the overview never calls Hudu (the Layouts page checks each layout there). */
function layoutsStep(db: Db): OverviewStep {
  const base = { id: "layouts", title: "Choose Hudu layouts", href: "/layouts" } as const;
  let chosen: string[];
  try {
    const { layouts } = loadSyncSettings({ db });
    chosen = (["site", "contact", "contract"] as const).filter((type) => layouts[type] !== null);
  } catch (error) {
    const why = error instanceof SyncError ? error.userMessage : "The saved layout settings cannot be read.";
    return { ...base, state: "attention", summary: why };
  }
  if (chosen.length === 3) return { ...base, state: "done", summary: "Sites, contacts and contracts each have a Hudu layout." };
  const missing = 3 - chosen.length;
  return {
    ...base,
    state: "todo",
    summary: `${missing} of sites, contacts and contracts ${missing === 1 ? "has" : "have"} no Hudu layout yet: choose one or let the app set up the recommended ones.`,
  };
}

function importStep(db: Db): OverviewStep {
  const base = { id: "import", title: "Import", href: "/import" } as const;
  const [last] = listImportRunSummaries({ db, limit: 1 });
  const next = nextRunAt({ db });
  const scheduled = next ? ` Next scheduled run ${next.toISOString().slice(0, 16).replace("T", " ")} UTC.` : "";
  if (!last) return { ...base, state: "todo", summary: `No import has run yet: read the preview, then start one.${scheduled}` };
  const t = last.totals;
  const counts = `${t.created} created, ${t.updated} updated, ${t.unchanged} unchanged, ${t.archived} archived, ${t.failed} failed`;
  const when = formatAge(new Date(last.startedAt));
  if (last.status === "running" || last.status === "paused") {
    return { ...base, href: `/import/${last.id}`, state: "running", summary: `An import started ${when} is ${last.status}: ${counts} so far.` };
  }
  if (last.status === "failed") {
    return { ...base, href: `/import/${last.id}`, state: "attention", summary: `The last import (${when}) stopped: ${last.error ?? "see its report"}.${scheduled}` };
  }
  const state: StepState = t.failed > 0 || last.status === "cancelled" ? "attention" : "done";
  const ended = last.status === "cancelled" ? "was cancelled" : "finished";
  return { ...base, href: `/import/${last.id}`, state, summary: `The last import (${when}) ${ended}: ${counts}.${scheduled}` };
}

function matchStep(db: Db): OverviewStep {
  const m = getMatchSummary({ db });
  const base = { id: "match", title: "Match companies", href: "/match" } as const;
  if (!m.snapshotTakenAt) {
    return { ...base, state: "todo", summary: "No snapshot yet: read Halo and Hudu on the Match page to start matching." };
  }
  const parts = [
    `${m.matched} matched`,
    `${m.create} create new`,
    `${m.ignored} ignored`,
    `${m.undecided} undecided`,
    ...(m.stale > 0 ? [`${m.stale} stale`] : []),
  ];
  return {
    ...base,
    state: m.stale > 0 ? "attention" : m.undecided === 0 && m.haloClients > 0 ? "done" : "todo",
    summary: `${m.haloClients} Halo clients: ${parts.join(", ")}. Snapshot taken ${formatAge(m.snapshotTakenAt)}.`,
  };
}

/** "just now", "5 minutes ago", "3 hours ago", "2 days ago". */
export function formatAge(when: Date, now: Date = new Date()): string {
  const seconds = Math.max(0, Math.round((now.getTime() - when.getTime()) / 1000));
  if (seconds < 60) return "just now";
  const units: Array<[number, string]> = [
    [86_400, "day"],
    [3_600, "hour"],
    [60, "minute"],
  ];
  for (const [size, unit] of units) {
    if (seconds >= size) {
      const n = Math.floor(seconds / size);
      return `${n} ${unit}${n === 1 ? "" : "s"} ago`;
    }
  }
  return "just now";
}

function connectionsStep(db: Db): OverviewStep {
  const tests = listConnectionTests({ db });
  const halo = tests.find((t) => t.service === "halo");
  const hudu = tests.find((t) => t.service === "hudu");
  const base = { id: "connections", title: "Connect Halo and Hudu", href: "/connections" } as const;
  if (halo?.ok && hudu?.ok) return { ...base, state: "done", summary: "Halo and Hudu both answered the last test." };
  const failed = [halo && !halo.ok && "Halo", hudu && !hudu.ok && "Hudu"].filter(Boolean);
  // Saving changed settings clears that service's last test, so "untested" includes "changed since".
  const untested = [!halo && "Halo", !hudu && "Hudu"].filter(Boolean);
  if (failed.length > 0) {
    return {
      ...base,
      state: "attention",
      summary: `The last test failed for ${failed.join(" and ")}.${untested.length ? ` ${untested.join(" and ")} not tested yet.` : ""}`,
    };
  }
  const saved = getConnectionSettingsRow({ db });
  if (!saved) return { ...base, state: "todo", summary: "Not connected yet: enter the Halo and Hudu details and test them." };
  return { ...base, state: "todo", summary: `${untested.join(" and ")} not tested since the settings were saved: test ${untested.length > 1 ? "them" : "it"} on the Connections page.` };
}
