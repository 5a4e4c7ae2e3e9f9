"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { Alert, Button } from "@/components/ui/form";
import { startImportAction } from "../run-actions";
import { importStartStatusQueryOptions, runKeys } from "./run-queries";

/**
 * The preview's "Start import" control. It says why it cannot start (a connection not tested
 * since its settings were saved, another import running or paused, a viewer's account) instead
 * of failing after the click; the server checks the same again when asked to start.
 */
export function StartImport() {
  const router = useRouter();
  const queryClient = useQueryClient();
  const { data: status, error } = useQuery(importStartStatusQueryOptions());
  const [refusal, setRefusal] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const reasonId = useId();

  const start = () =>
    startTransition(async () => {
      setRefusal(null);
      const result = await startImportAction({});
      if (result.status === "ok" && result.data) {
        router.push(`/import/${(result.data as { runId: number }).runId}`);
        return;
      }
      setRefusal(result.message ?? "The import could not start.");
      void queryClient.invalidateQueries({ queryKey: runKeys.status() });
    });

  const reason = !status ? null : !status.allowed ? "Only an admin can start an import." : status.reason;
  const disabled = !status || !status.canStart || !status.allowed || pending;

  return (
    <div className="space-y-2" data-testid="start-import">
      <div className="flex flex-wrap items-center gap-3">
        <Button type="button" onClick={start} disabled={disabled} aria-describedby={reason ? reasonId : undefined}>
          {pending ? "Starting…" : "Start import"}
        </Button>
        {status?.active ? (
          <Link href={`/import/${status.active.id}`} className="text-sm underline">
            {status.active.status === "paused" ? "Open the paused import" : "Watch the running import"} #{status.active.id}
          </Link>
        ) : null}
      </div>
      {reason ? (
        <p id={reasonId} className="text-sm text-slate-600">
          {reason}
        </p>
      ) : null}
      {error ? <Alert tone="error">Could not check whether an import may start: {error.message}</Alert> : null}
      {refusal && refusal !== reason ? <Alert tone="error">{refusal}</Alert> : null}
    </div>
  );
}
