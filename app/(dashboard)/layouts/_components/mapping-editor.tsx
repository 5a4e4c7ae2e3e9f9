"use client";

import { useState } from "react";
import { Button } from "@/components/ui/form";
import type { ActionResult } from "@/lib/auth/session";
import type { LayoutSummary } from "@/lib/layouts/overview";
import type { FieldMapping } from "@/lib/sync/settings-schema";
import { COMPATIBLE_FIELD_TYPES, HALO_ID_SOURCE, type SourceInfo } from "@/lib/sync/sources";
import type { AssetRecordType } from "@/lib/sync/types";
import { saveMappingAction } from "../actions";

/**
 * Halo field → layout field, one row each. A layout field can be picked only among the layout's
 * own (Hudu refuses unknown keys); a Halo field whose value the layout field's type cannot hold
 * is flagged before saving, and the server checks it all again.
 */
export function MappingEditor({
  type,
  canEdit,
  busy,
  layout,
  mapping,
  sources,
  siteLayoutId,
  run,
}: {
  type: AssetRecordType;
  canEdit: boolean;
  busy: boolean;
  layout: LayoutSummary;
  mapping: FieldMapping[];
  sources: SourceInfo[];
  siteLayoutId: number | null;
  run: <T>(name: string, action: () => Promise<ActionResult<T>>) => Promise<ActionResult<T> | null>;
}) {
  const [rows, setRows] = useState<FieldMapping[]>(mapping);
  const dirty = JSON.stringify(rows) !== JSON.stringify(mapping);
  const fieldOf = (label: string) => layout.fields.find((f) => f.label === label);

  function problem(row: FieldMapping): string | null {
    const source = sources.find((s) => s.id === row.source);
    const field = fieldOf(row.label);
    if (!row.label) return "Choose a layout field.";
    if (!field) return `"${layout.name}" has no field "${row.label}".`;
    if (source && !(COMPATIBLE_FIELD_TYPES[source.kind] as readonly string[]).includes(field.fieldType)) {
      return `A ${field.fieldType} field cannot hold this; use ${COMPATIBLE_FIELD_TYPES[source.kind].join(" or ")}.`;
    }
    if (source?.kind === "siteLink" && field.linkableId !== null && siteLayoutId !== null && field.linkableId !== siteLayoutId) {
      return "This field links to another layout than the sites layout.";
    }
    return null;
  }

  const duplicate = (label: string) => rows.filter((r) => r.label === label).length > 1;
  const hasHaloId = rows.some((r) => r.source === HALO_ID_SOURCE);
  const invalid = rows.some((r) => problem(r) !== null || duplicate(r.label)) || !hasHaloId;
  const update = (i: number, change: Partial<FieldMapping>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...change } : r)));

  return (
    <form
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        void run("mapping", () => saveMappingAction({ type, mapping: rows }));
      }}
    >
      <h3 className="text-sm font-medium text-slate-700">Field mapping</h3>
      <table className="w-full table-fixed text-sm">
        <thead className="text-left text-xs text-slate-500">
          <tr>
            <th scope="col" className="pb-1 font-medium">
              From Halo
            </th>
            <th scope="col" className="w-6">
              <span className="sr-only">goes into</span>
            </th>
            <th scope="col" className="pb-1 font-medium">
              Into the layout field
            </th>
            <th scope="col" className="w-8">
              <span className="sr-only">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => {
            const issue = problem(row) ?? (duplicate(row.label) ? "This layout field is mapped twice." : null);
            return (
              <tr key={i} className="align-top">
                <td className="py-1 pr-1">
                  <select
                    aria-label={`Halo field ${i + 1}`}
                    className="w-full rounded border border-slate-300 bg-white px-1.5 py-1 text-sm disabled:bg-slate-50"
                    value={row.source}
                    disabled={!canEdit}
                    onChange={(e) => update(i, { source: e.target.value })}
                  >
                    {sources.map((s) => (
                      <option key={s.id} value={s.id}>
                        {s.label}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="py-2 text-center text-slate-400" aria-hidden>
                  →
                </td>
                <td className="py-1 pr-1">
                  <select
                    aria-label={`Layout field ${i + 1}`}
                    aria-invalid={issue ? true : undefined}
                    className="w-full rounded border border-slate-300 bg-white px-1.5 py-1 text-sm aria-[invalid]:border-red-500 disabled:bg-slate-50"
                    value={row.label}
                    disabled={!canEdit}
                    onChange={(e) => update(i, { label: e.target.value })}
                  >
                    {!fieldOf(row.label) ? <option value={row.label}>{row.label ? `${row.label} (missing)` : "— choose —"}</option> : null}
                    {layout.fields.map((f) => (
                      <option key={f.label} value={f.label}>
                        {f.label} ({f.fieldType})
                      </option>
                    ))}
                  </select>
                  {issue ? <p className="mt-0.5 text-xs text-red-700">{issue}</p> : null}
                </td>
                <td className="py-1">
                  {canEdit ? (
                    <button
                      type="button"
                      className="rounded px-1.5 py-1 text-slate-500 hover:bg-slate-100 disabled:opacity-40"
                      aria-label={`Remove mapping ${i + 1}`}
                      disabled={row.source === HALO_ID_SOURCE}
                      title={row.source === HALO_ID_SOURCE ? "The Halo id is always written: it links each asset to its Halo record." : undefined}
                      onClick={() => setRows(rows.filter((_, j) => j !== i))}
                    >
                      ✕
                    </button>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {!hasHaloId ? <p className="text-xs text-red-700">Map the Halo id to a field: it is how each asset stays linked to its Halo record.</p> : null}
      {canEdit ? (
        <div className="flex flex-wrap gap-2">
          <Button type="button" variant="secondary" disabled={busy} onClick={() => setRows([...rows, { source: sources.find((s) => !rows.some((r) => r.source === s.id))?.id ?? sources[0].id, label: "" }])}>
            Add a field
          </Button>
          <Button type="submit" disabled={busy || !dirty || invalid}>
            Save mapping
          </Button>
          {dirty ? (
            <Button type="button" variant="secondary" disabled={busy} onClick={() => setRows(mapping)}>
              Undo changes
            </Button>
          ) : null}
        </div>
      ) : null}
    </form>
  );
}
