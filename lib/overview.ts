import type { Db } from "@/db";
import { connectionSettings, connectionTests } from "@/db/schema";
import { getMatchSummary } from "@/lib/decisions/summary";

/** Where the admin stands, for the home page: each step's state in plain words. */
export type StepState = "done" | "attention" | "todo" | "not-built";
export interface OverviewStep {
  id: "connections" | "layouts" | "match" | "import";
  title: string;
  href: string;
  state: StepState;
  summary: string;
}

export function getOverview({ db }: { db: Db }): OverviewStep[] {
  return [
    connectionsStep(db),
    {
      id: "layouts",
      title: "Choose Hudu layouts",
      href: "/layouts",
      state: "not-built",
      summary: "Not built yet.",
    },
    matchStep(db),
    {
      id: "import",
      title: "Import",
      href: "/import",
      state: "not-built",
      summary: "Not built yet: no import has run.",
    },
  ];
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
  const tests = db.select().from(connectionTests).all();
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
  const saved = db.select({ id: connectionSettings.id }).from(connectionSettings).get();
  if (!saved) return { ...base, state: "todo", summary: "Not connected yet: enter the Halo and Hudu details and test them." };
  return { ...base, state: "todo", summary: `${untested.join(" and ")} not tested since the settings were saved: test ${untested.length > 1 ? "them" : "it"} on the Connections page.` };
}
