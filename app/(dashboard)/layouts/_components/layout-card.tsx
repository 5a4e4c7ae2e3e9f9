"use client";

import { useState } from "react";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Button } from "@/components/ui/form";
import type { ActionResult } from "@/lib/auth/session";
import { customFieldKey } from "@/lib/hudu/custom-fields";
import type { LayoutSummary } from "@/lib/layouts/overview";
import type { LayoutState } from "@/lib/layouts/state";
import type { FieldMapping } from "@/lib/sync/settings-schema";
import type { SourceInfo } from "@/lib/sync/sources";
import type { AssetRecordType } from "@/lib/sync/types";
import { activateLayoutAction, addMissingFieldsAction, chooseLayoutAction } from "../actions";
import { MappingEditor } from "./mapping-editor";

const TITLES: Record<AssetRecordType, { title: string; what: string }> = {
  site: { title: "Sites", what: "Each Halo site becomes an asset with its address, phone and time zone." },
  contact: { title: "Contacts", what: "Each Halo user becomes a contact asset, linked to its site." },
  contract: { title: "Contracts", what: "Each Halo contract becomes an asset with its dates and status, linked to its site." },
};

type Confirm = { kind: "activate" } | { kind: "add-fields"; labels: string[] };

function StatusBadge({ state }: { state: LayoutState }) {
  const [text, style] = !state.layout
    ? ["Not set up", "bg-slate-100 text-slate-700"]
    : !state.usable
      ? ["Not usable yet", "bg-red-100 text-red-800"]
      : state.problems.length
        ? ["Usable, with problems", "bg-amber-100 text-amber-900"]
        : ["Ready", "bg-green-100 text-green-800"];
  return <span className={`whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ${style}`}>{text}</span>;
}

/** One type's layout: which layout, its state in plain words, what to do about it, and the mapping. */
export function LayoutCard({
  type,
  canEdit,
  state,
  mapping,
  layouts,
  sources,
  siteLayoutId,
  busy,
  run,
  onUseRecommended,
}: {
  type: AssetRecordType;
  canEdit: boolean;
  state: LayoutState;
  mapping: FieldMapping[];
  layouts: LayoutSummary[];
  sources: SourceInfo[];
  siteLayoutId: number | null;
  busy: boolean;
  run: <T>(name: string, action: () => Promise<ActionResult<T>>) => Promise<ActionResult<T> | null>;
  onUseRecommended: () => void;
}) {
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  const { title, what } = TITLES[type];
  const layout = state.layout ? layouts.find((l) => l.id === state.layout!.id) : undefined;
  const keys = new Set((layout?.fields ?? []).map((f) => customFieldKey(f.label)));
  const missing = layout ? mapping.filter((m) => !keys.has(customFieldKey(m.label))).map((m) => m.label) : [];
  const selectId = `layout-${type}`;

  return (
    <article className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-labelledby={`${selectId}-title`} data-testid={`layout-card-${type}`}>
      <div className="grid gap-4 lg:grid-cols-[20rem_1fr]">
        <div className="space-y-3">
          <header className="flex items-start justify-between gap-2">
            <div>
              <h2 id={`${selectId}-title`} className="text-base font-semibold">
                {title}
              </h2>
              <p className="text-xs text-slate-600">{what}</p>
            </div>
            <StatusBadge state={state} />
          </header>

          <div className="space-y-1">
            <label htmlFor={selectId} className="block text-sm font-medium text-slate-700">
              Hudu layout
            </label>
            <select
              id={selectId}
              className="w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm disabled:bg-slate-100"
              value={state.chosen?.id ?? ""}
              disabled={!canEdit || busy}
              onChange={(e) => {
                const layoutId = Number(e.target.value);
                if (layoutId) void run("choose", () => chooseLayoutAction({ type, layoutId }));
              }}
            >
              <option value="">— choose a layout —</option>
              {state.chosen && !layout ? <option value={state.chosen.id}>{state.chosen.name} (gone from Hudu)</option> : null}
              {layouts.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}
                  {l.active ? "" : " (inactive)"}
                </option>
              ))}
            </select>
            {canEdit ? (
              <button type="button" className="text-xs text-brand-700 underline disabled:text-slate-400" disabled={busy} onClick={onUseRecommended}>
                Use the recommended {title} layout…
              </button>
            ) : null}
          </div>

          {state.problems.length ? (
            <ul className="space-y-1 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900" aria-label={`Problems with the ${title} layout`}>
              {state.problems.map((p, i) => (
                <li key={i}>{p}</li>
              ))}
            </ul>
          ) : null}

          {canEdit && layout && (!layout.active || missing.length > 0) ? (
            <div className="flex flex-wrap gap-2">
              {!layout.active ? (
                <Button type="button" disabled={busy} onClick={() => setConfirm({ kind: "activate" })}>
                  Activate {layout.name}…
                </Button>
              ) : null}
              {missing.length > 0 ? (
                <Button type="button" variant="secondary" disabled={busy} onClick={() => setConfirm({ kind: "add-fields", labels: missing })}>
                  Add the missing fields…
                </Button>
              ) : null}
            </div>
          ) : null}
        </div>
        {layout ? (
          <MappingEditor key={JSON.stringify(mapping) + layout.id} type={type} canEdit={canEdit} busy={busy} layout={layout} mapping={mapping} sources={sources} siteLayoutId={siteLayoutId} run={run} />
        ) : (
          <p className="self-center text-sm text-slate-500">Choose a layout to map its fields.</p>
        )}
      </div>

      {confirm?.kind === "activate" && layout ? (
        <ConfirmDialog
          title={`Activate ${layout.name}?`}
          confirmLabel="Activate in Hudu"
          onClose={() => setConfirm(null)}
          onConfirm={() => {
            setConfirm(null);
            void run("activate", () => activateLayoutAction({ type }));
          }}
        >
          <p>Hudu shows no asset of an inactive layout. The layout is saved back whole, with every field it has.</p>
        </ConfirmDialog>
      ) : null}
      {confirm?.kind === "add-fields" && layout ? (
        <ConfirmDialog
          title={`Add fields to ${layout.name}?`}
          confirmLabel="Add them in Hudu"
          onClose={() => setConfirm(null)}
          onConfirm={() => {
            setConfirm(null);
            void run("add-fields", () => addMissingFieldsAction({ type }));
          }}
        >
          <p>These mapped fields will be added to the layout: {confirm.labels.join(", ")}.</p>
          <p className="text-amber-900">Its other fields and their values stay. A field added to a Hudu layout cannot be deleted through the API.</p>
        </ConfirmDialog>
      ) : null}
    </article>
  );
}
