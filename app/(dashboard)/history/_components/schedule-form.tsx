"use client";

import { useState } from "react";
import { Alert, Button, Field } from "@/components/ui/form";
import { LocalTime } from "@/components/ui/local-time";
import type { ScheduleView } from "@/lib/sync/import-schedule";
import { saveScheduleAction } from "../actions";

type Result = Awaited<ReturnType<typeof saveScheduleAction>>;

/** Re-run the import every N hours (0 = off), with the next run's time. */
export function ScheduleForm({ schedule, canEdit }: { schedule: ScheduleView; canEdit: boolean }) {
  const [result, setResult] = useState<Result | null>(null);
  const [pending, setPending] = useState(false);
  const view = result?.status === "ok" && result.data ? result.data : schedule;

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setResult(await saveScheduleAction(Object.fromEntries(new FormData(event.currentTarget))));
    setPending(false);
  }

  return (
    <form onSubmit={onSubmit} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="schedule-heading" noValidate>
      <h2 id="schedule-heading" className="font-semibold">
        Schedule
      </h2>
      <p className="text-sm text-slate-700" data-testid="schedule-state">
        {view.everyHours && view.nextRunAt ? (
          <>
            Runs every {view.everyHours} hour{view.everyHours === 1 ? "" : "s"}. Next run: <LocalTime date={view.nextRunAt} />.
          </>
        ) : (
          "Off: imports run only when started."
        )}{" "}
        A scheduled run skips itself while another import is running.
      </p>
      {result && result.status !== "ok" ? <Alert tone="error">{result.message}</Alert> : null}
      {result?.status === "ok" ? <Alert tone="success">{result.message}</Alert> : null}
      <fieldset disabled={!canEdit || pending} className="flex flex-wrap items-end gap-3">
        <div className="w-48">
          <Field
            label="Re-run every (hours)"
            name="everyHours"
            type="number"
            min={0}
            step={1}
            inputMode="numeric"
            defaultValue={schedule.everyHours ?? 0}
            hint="0 turns it off."
            error={result?.status === "invalid" ? result.fieldErrors?.everyHours?.[0] : undefined}
          />
        </div>
        <Button type="submit" variant="secondary">
          {pending ? "Saving…" : "Save schedule"}
        </Button>
      </fieldset>
      {!canEdit ? <p className="text-xs text-slate-500">Only an admin can change the schedule.</p> : null}
    </form>
  );
}
