"use client";

import { useDraggable, type DraggableAttributes, type DraggableSyntheticListeners } from "@dnd-kit/core";
import { memo, type ReactNode } from "react";
import { STATE_LABELS, type ClientRow } from "@/lib/decisions/board-view";
import { Badge, STATE_TONES, ScorePill } from "./badges";
import { formatDateTime, plural, shortUrl, SOURCE_LABELS } from "@/components/ui/format";
import { RelativeTime } from "@/components/ui/relative-time";

export const CLIENT_ROW_HEIGHT = 92;

export interface ClientRowActions {
  canEdit: boolean;
  accept: (row: ClientRow) => void;
  matchTo: (row: ClientRow) => void;
  create: (row: ClientRow) => void;
  ignore: (row: ClientRow) => void;
  clear: (row: ClientRow) => void;
  details: (row: ClientRow) => void;
  select: (row: ClientRow) => void;
}

export function RowButton({
  children,
  onClick,
  disabled,
  label,
  tone = "default",
  title,
}: {
  children: ReactNode;
  onClick: () => void;
  disabled?: boolean;
  label?: string;
  tone?: "default" | "primary" | "warning";
  title?: string;
}) {
  const styles = {
    default: "border-slate-300 bg-white text-slate-700 hover:bg-slate-50",
    primary: "border-brand-600 bg-brand-600 text-white hover:bg-brand-700",
    warning: "border-amber-300 bg-amber-50 text-amber-900 hover:bg-amber-100",
  }[tone];
  return (
    <button
      type="button"
      aria-label={label}
      title={title ?? label}
      disabled={disabled}
      onClick={(event) => {
        event.stopPropagation();
        onClick();
      }}
      className={`shrink-0 rounded border px-2 py-0.5 text-xs font-medium shadow-sm disabled:cursor-not-allowed disabled:opacity-50 ${styles}`}
    >
      {children}
    </button>
  );
}

export function decisionTitle(row: ClientRow): string | undefined {
  const d = row.decision;
  if (!d) return undefined;
  return `Decided by ${d.decidedBy} on ${formatDateTime(d.decidedAt)}, ${SOURCE_LABELS[d.source]}`;
}

function Facts({ row }: { row: ClientRow }) {
  const c = row.client;
  if (!c) return <span>No longer in Halo (Halo id {row.id})</span>;
  const parts = [
    c.website ? shortUrl(c.website) : null,
    c.phone,
    plural(c.siteCount, "site"),
    plural(c.userCount, "user"),
    c.emailDomains.length > 0 && !c.website ? `@${c.emailDomains[0]}` : null,
  ].filter(Boolean);
  return <span>{parts.join(" · ")}</span>;
}

function Outcome({ row }: { row: ClientRow }) {
  const d = row.decision;
  const who = d ? (
    <span className="text-slate-600" title={decisionTitle(row)}>
      {" "}
      · {d.decidedBy} · <RelativeTime iso={d.decidedAt} />
    </span>
  ) : null;
  switch (row.state) {
    case "suggested": {
      const s = row.suggestion!;
      return (
        <>
          <ScorePill score={s.candidate.score} auto={s.autoAccept} />
          <span className="truncate" title={s.candidate.reasons.join("\n")}>
            <span className="font-medium">{s.company.name}</span>
            <span className="text-slate-600"> · {s.candidate.reasons[0] ?? "similar"}</span>
          </span>
        </>
      );
    }
    case "unmatched":
      return <span className="text-slate-600">No likely company in Hudu</span>;
    case "matched":
      return (
        <span className="truncate">
          <span aria-hidden="true" className="text-green-700">
            ✓{" "}
          </span>
          <span className="font-medium">{row.matchedCompany?.name}</span>
          {who}
        </span>
      );
    case "create":
      return (
        <span className="truncate">
          {row.nameTakenBy ? (
            <span className="font-medium text-amber-800">Hudu already has “{row.nameTakenBy.name}”</span>
          ) : (
            <span className="font-medium text-violet-800">Create new in Hudu</span>
          )}
          {who}
        </span>
      );
    case "ignored":
      return (
        <span className="truncate">
          <span className="text-slate-600">Not imported</span>
          {who}
        </span>
      );
    case "stale":
      return (
        <span className="truncate text-red-800">
          {row.staleReason === "client-gone"
            ? "Gone from Halo"
            : `“${d?.huduCompanyName ?? `company #${d?.huduCompanyId}`}” is gone from Hudu`}
          {who}
        </span>
      );
  }
}

function Actions({ row, actions }: { row: ClientRow; actions: ClientRowActions }) {
  const off = !actions.canEdit;
  const name = row.name;
  const matchTo = (
    <RowButton label={`Match ${name} to…`} onClick={() => actions.matchTo(row)} disabled={off}>
      {row.state === "matched" ? "Change…" : "Match to…"}
    </RowButton>
  );
  switch (row.state) {
    case "suggested":
    case "unmatched":
      return (
        <>
          {row.state === "suggested" ? (
            <RowButton
              tone="primary"
              label={`Accept ${row.suggestion!.company.name} for ${name}`}
              onClick={() => actions.accept(row)}
              disabled={off}
            >
              Accept
            </RowButton>
          ) : null}
          {matchTo}
          <RowButton
            label={`Create ${name} new in Hudu`}
            title={row.nameTakenBy ? `Hudu already has a company named “${row.nameTakenBy.name}”` : undefined}
            tone={row.nameTakenBy ? "warning" : "default"}
            onClick={() => actions.create(row)}
            disabled={off}
          >
            New
          </RowButton>
          <RowButton label={`Ignore ${name}`} onClick={() => actions.ignore(row)} disabled={off}>
            Ignore
          </RowButton>
        </>
      );
    case "matched":
      return (
        <>
          {matchTo}
          <RowButton label={`Unmatch ${name}`} onClick={() => actions.clear(row)} disabled={off}>
            Unmatch
          </RowButton>
        </>
      );
    case "create":
      return (
        <>
          {row.nameTakenBy ? (
            <RowButton tone="warning" label={`Match ${name} to ${row.nameTakenBy.name} instead`} onClick={() => actions.create(row)} disabled={off}>
              Match instead…
            </RowButton>
          ) : (
            matchTo
          )}
          <RowButton label={`Undo create new for ${name}`} onClick={() => actions.clear(row)} disabled={off}>
            Undo
          </RowButton>
        </>
      );
    case "ignored":
      return (
        <>
          {matchTo}
          <RowButton label={`Undo ignore for ${name}`} onClick={() => actions.clear(row)} disabled={off}>
            Undo
          </RowButton>
        </>
      );
    case "stale":
      return (
        <>
          {row.client ? matchTo : null}
          <RowButton label={`Clear the stale decision for ${name}`} onClick={() => actions.clear(row)} disabled={off}>
            Clear
          </RowButton>
        </>
      );
  }
}

/**
 * The whole row is the draggable node (so the drag overlay has the row's size); only this handle
 * starts a drag, so the row's buttons keep working.
 */
function DragHandle({
  row,
  disabled,
  setActivatorNodeRef,
  attributes,
  listeners,
  isDragging,
}: {
  row: ClientRow;
  disabled: boolean;
  setActivatorNodeRef: (element: HTMLElement | null) => void;
  attributes: DraggableAttributes;
  listeners: DraggableSyntheticListeners;
  isDragging: boolean;
}) {
  return (
    <button
      type="button"
      ref={setActivatorNodeRef}
      {...attributes}
      {...listeners}
      aria-label={`Drag ${row.name} onto a Hudu company`}
      aria-disabled={disabled}
      tabIndex={disabled ? -1 : 0}
      onClick={(event) => event.stopPropagation()}
      className={`flex w-6 shrink-0 touch-none items-center justify-center self-stretch rounded text-slate-500 ${
        disabled ? "cursor-not-allowed opacity-30" : "cursor-grab hover:bg-slate-100 hover:text-slate-700 active:cursor-grabbing"
      } ${isDragging ? "bg-brand-100 text-brand-700" : ""}`}
    >
      <svg aria-hidden="true" width="10" height="16" viewBox="0 0 10 16" fill="currentColor">
        <circle cx="2" cy="2" r="1.5" />
        <circle cx="8" cy="2" r="1.5" />
        <circle cx="2" cy="8" r="1.5" />
        <circle cx="8" cy="8" r="1.5" />
        <circle cx="2" cy="14" r="1.5" />
        <circle cx="8" cy="14" r="1.5" />
      </svg>
    </button>
  );
}

export const ClientRowView = memo(function ClientRowView({
  row,
  selected,
  actions,
}: {
  row: ClientRow;
  selected: boolean;
  actions: ClientRowActions;
}) {
  const disabled = !actions.canEdit || !row.client;
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, isDragging } = useDraggable({
    id: `client-${row.id}`,
    data: { haloClientId: row.id, name: row.name },
    disabled,
  });
  return (
    <div
      ref={setNodeRef}
      onClick={() => actions.select(row)}
      data-state={row.state}
      className={`mx-1 flex h-[86px] cursor-default gap-1.5 rounded-md border px-1.5 py-1.5 ${
        isDragging
          ? "border-dashed border-brand-500 bg-brand-50/60 opacity-60"
          : selected
            ? "border-brand-500 bg-brand-50 shadow-sm"
            : "border-transparent hover:border-slate-200 hover:bg-slate-50"
      }`}
    >
      <DragHandle
        row={row}
        disabled={disabled}
        setActivatorNodeRef={setActivatorNodeRef}
        attributes={attributes}
        listeners={listeners}
        isDragging={isDragging}
      />
      <div className="flex min-w-0 flex-1 flex-col justify-between">
        <div className="flex items-center gap-1.5">
          <button
            type="button"
            onClick={(event) => {
              event.stopPropagation();
              actions.details(row);
            }}
            className="truncate text-left text-sm font-semibold text-slate-900 hover:text-brand-700 hover:underline"
            title={`${row.name}: details and all candidates`}
          >
            {row.name}
          </button>
          {row.client?.inactive ? <Badge tone="amber">Inactive in Halo</Badge> : null}
          <span className="ml-auto">
            <Badge tone={STATE_TONES[row.state]} title={decisionTitle(row)}>
              {STATE_LABELS[row.state]}
            </Badge>
          </span>
        </div>
        <div className="truncate text-xs text-slate-600">
          <Facts row={row} />
        </div>
        <div className="flex items-center gap-2">
          <div className="flex min-w-0 flex-1 items-center gap-1.5 text-xs">
            <Outcome row={row} />
          </div>
          <div className="flex shrink-0 items-center gap-1">
            <Actions row={row} actions={actions} />
          </div>
        </div>
      </div>
    </div>
  );
});
