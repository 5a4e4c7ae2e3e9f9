"use client";

import { useDroppable } from "@dnd-kit/core";
import { memo } from "react";
import type { BoardCandidate } from "@/lib/decisions/types";
import type { ClientRow, CompanyRow } from "@/lib/decisions/board-view";
import { Badge, ScorePill } from "./badges";
import { RowButton } from "./client-row";
import { shortUrl } from "@/components/ui/format";

export const COMPANY_ROW_HEIGHT = 64;

export const CompanyRowView = memo(function CompanyRowView({
  row,
  selectedClient,
  candidate,
  canEdit,
  dragging,
  onMatchHere,
}: {
  row: CompanyRow;
  /** The client selected on the left, if any: rows offer "Match here" and show its score. */
  selectedClient: ClientRow | null;
  candidate: BoardCandidate | null;
  canEdit: boolean;
  /** The name of the client being dragged, if a drag is on. */
  dragging: string | null;
  onMatchHere: (row: CompanyRow) => void;
}) {
  const c = row.company;
  const { setNodeRef, isOver } = useDroppable({ id: `company-${c.id}`, data: { huduCompanyId: c.id }, disabled: !canEdit });
  const halo = c.integrations.filter((i) => /halo/i.test(i.integratorName) && i.syncId !== null);
  const facts = [c.website ? shortUrl(c.website) : null, c.phone, c.idNumber ? `ID ${c.idNumber}` : null].filter(Boolean);
  const ownedBySelected = selectedClient !== null && row.owner?.haloClientId === selectedClient.id;
  return (
    <div
      ref={setNodeRef}
      data-over={isOver || undefined}
      className={`group relative mx-1 flex h-[58px] items-center gap-2 rounded-md border px-2.5 transition-colors ${
        isOver
          ? "border-brand-500 bg-brand-50 ring-2 ring-brand-500"
          : candidate
            ? "border-sky-200 bg-sky-50/60"
            : dragging
              ? "border-dashed border-slate-300 bg-white"
              : "border-transparent hover:border-slate-200 hover:bg-slate-50"
      }`}
    >
      <div className="min-w-0 flex-1">
        <div className="flex items-center gap-1.5">
          <span className="truncate text-sm font-semibold">{c.name}</span>
          {c.nickname ? <span className="truncate text-xs text-slate-600">({c.nickname})</span> : null}
          {c.archived ? <Badge tone="amber">Archived in Hudu</Badge> : null}
          {halo.length > 0 ? (
            <Badge tone="brand" title="Hudu's own Halo integration links this company to a Halo client">
              Halo #{halo[0].syncId}
            </Badge>
          ) : null}
        </div>
        <div className="truncate text-xs text-slate-600">{facts.length > 0 ? facts.join(" · ") : "No website or phone"}</div>
      </div>
      <div className="flex shrink-0 items-center gap-1.5">
        {candidate ? <ScorePill score={candidate.score} /> : null}
        {row.owner ? (
          <Badge tone="green" title={`Matched to the Halo client ${row.ownerName ?? row.owner.haloClientId}`}>
            <span className="max-w-40 truncate">Matched · {row.ownerName ?? `#${row.owner.haloClientId}`}</span>
          </Badge>
        ) : null}
        {selectedClient?.client && !ownedBySelected ? (
          // Always shown on the selected client's candidates; on other rows when pointed at or focused.
          <span className={candidate ? "" : "opacity-0 group-hover:opacity-100 focus-within:opacity-100"}>
            <RowButton label={`Match ${selectedClient.name} to ${c.name}`} onClick={() => onMatchHere(row)} disabled={!canEdit}>
              Match here
            </RowButton>
          </span>
        ) : null}
        {c.url ? (
          <a
            href={c.url}
            target="_blank"
            rel="noreferrer"
            className="rounded p-1 text-xs text-slate-600 hover:bg-slate-100 hover:text-slate-700"
            title={`Open ${c.name} in Hudu`}
            aria-label={`Open ${c.name} in Hudu`}
          >
            ↗
          </a>
        ) : null}
      </div>
      {isOver && dragging ? (
        // Left-aligned: the dragged card sits under the pointer, near the middle.
        <div className="pointer-events-none absolute inset-0 flex flex-col justify-center rounded-md bg-brand-50/95 px-3 text-xs font-medium text-brand-700">
          <span className="truncate">Drop to match {c.name}</span>
          {row.owner ? <span className="truncate font-normal">now matched to {row.ownerName ?? "another client"}: you will be asked</span> : null}
        </div>
      ) : null}
    </div>
  );
});
