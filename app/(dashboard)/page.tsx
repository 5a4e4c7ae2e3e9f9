import Link from "next/link";
import { getDb } from "@/db";
import { requireUser } from "@/lib/auth/session";
import { getOverview, type StepState } from "@/lib/overview";

export const metadata = { title: "Overview" };

const BADGE: Record<StepState, { text: string; className: string }> = {
  done: { text: "Done", className: "bg-green-100 text-green-800" },
  attention: { text: "Needs attention", className: "bg-red-100 text-red-800" },
  todo: { text: "To do", className: "bg-slate-200 text-slate-700" },
  running: { text: "Running", className: "bg-blue-100 text-blue-800" },
};

export default async function OverviewPage() {
  await requireUser();
  const steps = getOverview({ db: getDb() });
  return (
    <section className="space-y-4">
      <div>
        <h1 className="text-xl font-semibold">Overview</h1>
        <p className="text-sm text-slate-600">Four steps bring your Halo customers into Hudu. Here is where you stand.</p>
      </div>
      <ol className="grid gap-3 md:grid-cols-2">
        {steps.map((step, i) => (
          <li key={step.id}>
            <Link
              href={step.href}
              className="block h-full rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-brand-500"
            >
              <div className="flex items-center justify-between gap-2">
                <h2 className="font-medium">
                  {i + 1}. {step.title}
                </h2>
                <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${BADGE[step.state].className}`}>
                  {BADGE[step.state].text}
                </span>
              </div>
              <p className="mt-2 text-sm text-slate-600">{step.summary}</p>
            </Link>
          </li>
        ))}
      </ol>
    </section>
  );
}
