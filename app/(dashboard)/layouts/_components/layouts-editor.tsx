"use client";

import { useState } from "react";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Alert, Button } from "@/components/ui/form";
import type { LayoutsOverview } from "@/lib/layouts/overview";
import type { SourceInfo } from "@/lib/sync/sources";
import { assetRecordTypes, type AssetRecordType } from "@/lib/sync/types";
import { ensureLayoutsAction, previewEnsureAction, type EnsurePreview } from "../actions";
import { LayoutCard } from "./layout-card";
import { useActionRunner } from "./use-action-runner";

interface PendingSetUp {
  only?: AssetRecordType[];
  fresh?: boolean;
  preview: EnsurePreview;
}

/**
 * The three layout cards, and "set up": the app works out what it would create, activate or
 * add, shows it, and does it only once the admin confirms.
 */
export function LayoutsEditor({
  canEdit,
  overview,
  sources,
}: {
  canEdit: boolean;
  overview: LayoutsOverview;
  sources: Record<AssetRecordType, SourceInfo[]>;
}) {
  const { pending, message, setMessage, run } = useActionRunner();
  const [setUp, setSetUp] = useState<PendingSetUp | null>(null);
  const allReady = assetRecordTypes.every((t) => overview.states[t].usable && overview.states[t].problems.length === 0);

  async function askSetUp(only?: AssetRecordType[], fresh?: boolean) {
    const result = await run("preview", () => previewEnsureAction({ only, fresh }));
    if (result?.status !== "ok" || !result.data) return;
    setMessage(null);
    if (result.data.lines.length === 0) {
      setMessage({ tone: "success", text: "Nothing to do: every layout is chosen, active and has its Halo ID field." });
      return;
    }
    setSetUp({ only, fresh, preview: result.data });
  }

  function confirmSetUp() {
    if (!setUp) return;
    const { only, fresh, preview } = setUp;
    setSetUp(null);
    void run("ensure", () => ensureLayoutsAction({ only, fresh, expected: preview.steps }));
  }

  const createsSomething = setUp?.preview.lines.some((l) => l.changesHudu) ?? false;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm">
        <p className="text-sm">
          {allReady ? (
            <span className="font-medium text-green-800">All three layouts are ready for an import.</span>
          ) : (
            <>
              <span className="font-medium">Not set up yet.</span>{" "}
              <span className="text-slate-600">
                Set up uses the layouts named Sites, Contacts and Contracts if Hudu has them, or creates them.
              </span>
            </>
          )}
        </p>
        {canEdit && !allReady ? (
          <Button type="button" onClick={() => void askSetUp()} disabled={pending !== null}>
            {pending === "preview" ? "Checking Hudu…" : pending === "ensure" ? "Setting up…" : "Set up layouts…"}
          </Button>
        ) : null}
      </div>
      {message ? (
        <Alert tone={message.tone}>
          {message.text}
          {message.lines?.length ? (
            <ul className="mt-1 list-disc pl-5">
              {message.lines.map((line, i) => (
                <li key={i}>{line}</li>
              ))}
            </ul>
          ) : null}
        </Alert>
      ) : null}
      <div className="space-y-4">
        {assetRecordTypes.map((type) => (
          <LayoutCard
            key={type}
            type={type}
            canEdit={canEdit}
            state={overview.states[type]}
            mapping={overview.settings.mapping[type]}
            layouts={overview.layouts}
            sources={sources[type]}
            siteLayoutId={overview.settings.layouts.site?.id ?? null}
            busy={pending !== null}
            run={run}
            onUseRecommended={() => void askSetUp([type], true)}
          />
        ))}
      </div>
      {setUp ? (
        <ConfirmDialog
          title={createsSomething ? "Change Hudu's layouts?" : "Use these layouts?"}
          confirmLabel={createsSomething ? "Yes, make these changes in Hudu" : "Use them"}
          onConfirm={confirmSetUp}
          onClose={() => setSetUp(null)}
        >
          <ul className="list-disc space-y-1 pl-5" data-testid="setup-steps">
            {setUp.preview.lines.map((line, i) => (
              <li key={i} className={line.changesHudu ? "font-medium" : ""}>
                {line.text}
              </li>
            ))}
          </ul>
          {createsSomething ? (
            <p className="text-amber-900">Hudu has no delete for layouts: a layout created here stays in Hudu (it can be renamed or deactivated there).</p>
          ) : null}
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
