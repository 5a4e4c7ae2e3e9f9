import type { Db } from "@/db";
import { connectionTests } from "@/db/schema";

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
  const tests = db.select().from(connectionTests).all();
  const halo = tests.find((t) => t.service === "halo");
  const hudu = tests.find((t) => t.service === "hudu");
  const connected = Boolean(halo?.ok && hudu?.ok);
  const connectionSummary =
    !halo && !hudu
      ? "Not connected yet: enter the Halo and Hudu details and test them."
      : connected
        ? "Halo and Hudu both answered the last test."
        : `Last test failed for ${[!halo?.ok && "Halo", !hudu?.ok && "Hudu"].filter(Boolean).join(" and ")}.`;

  return [
    {
      id: "connections",
      title: "Connect Halo and Hudu",
      href: "/connections",
      state: connected ? "done" : halo || hudu ? "attention" : "todo",
      summary: connectionSummary,
    },
    {
      id: "layouts",
      title: "Choose Hudu layouts",
      href: "/layouts",
      state: "not-built",
      summary: "Not built yet.",
    },
    {
      id: "match",
      title: "Match companies",
      href: "/match",
      state: "not-built",
      summary: "Not built yet.",
    },
    {
      id: "import",
      title: "Import",
      href: "/import",
      state: "not-built",
      summary: "Not built yet: no import has run.",
    },
  ];
}
