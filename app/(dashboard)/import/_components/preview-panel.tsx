"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { Alert, Button } from "@/components/ui/form";
import { formatDateTime } from "@/components/ui/format";
import { RelativeTime } from "@/components/ui/relative-time";
import { preparePreviewAction } from "../actions";
import { previewKeys, previewStatusQueryOptions } from "./queries";

/**
 * When the plan shown was read, and the button to read Halo and Hudu again. The preview works
 * from that plan only: opening the page never calls Halo or Hudu.
 */
export function PreviewPanel({ canEdit }: { canEdit: boolean }) {
  const queryClient = useQueryClient();
  const { data } = useQuery(previewStatusQueryOptions());
  const run = data?.run ?? null;
  const summary = data?.summary ?? null;
  const running = run?.status === "running";
  const failed = run?.status === "failed" ? run : null;
  const prepare = useMutation({
    mutationFn: () => preparePreviewAction({}),
    onSettled: () => queryClient.invalidateQueries({ queryKey: previewKeys.status() }),
  });

  // When a preparation ends, the items shown belong to an older plan: fetch them again.
  const wasRunning = useRef(running);
  useEffect(() => {
    if (wasRunning.current && !running) void queryClient.invalidateQueries({ queryKey: previewKeys.all });
    wasRunning.current = running;
  }, [running, queryClient]);

  const actionError = prepare.data && prepare.data.status !== "ok" ? prepare.data.message : prepare.isError ? "Could not reach the server." : null;

  return (
    <div className="space-y-2 rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm" data-testid="preview-info">
          {summary ? (
            <>
              <span className="font-medium">
                Preview read <RelativeTime iso={summary.generatedAt} />
              </span>
              <span className="text-slate-500"> ({formatDateTime(summary.generatedAt)})</span>
            </>
          ) : (
            <span className="font-medium">No preview yet: read Halo and Hudu to see what an import would do.</span>
          )}
        </p>
        {canEdit ? (
          <Button type="button" variant={summary ? "secondary" : "primary"} disabled={running || prepare.isPending} onClick={() => prepare.mutate()}>
            {running || prepare.isPending ? "Reading Halo and Hudu…" : summary ? "Prepare a new preview" : "Prepare the preview"}
          </Button>
        ) : null}
      </div>
      {running && run ? (
        <p className="text-sm text-slate-700" role="status" aria-live="polite">
          {run.message ? `${run.message[0].toUpperCase()}${run.message.slice(1)}…` : "Starting…"}{" "}
          <span className="text-xs text-slate-500">
            (started <RelativeTime iso={run.startedAt} /> by {run.startedBy})
          </span>
        </p>
      ) : null}
      {failed ? (
        <Alert tone="error">
          The preview started {formatDateTime(failed.startedAt)} could not be prepared: {failed.error ?? "unknown error"}
          {summary ? " The preview below is the previous one." : ""}
        </Alert>
      ) : null}
      {actionError ? <Alert tone="error">{actionError}</Alert> : null}
    </div>
  );
}
