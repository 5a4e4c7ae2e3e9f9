"use client";

import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  MeasuringStrategy,
  MouseSensor,
  TouchSensor,
  useSensor,
  useSensors,
  type DragEndEvent,
  type DragStartEvent,
} from "@dnd-kit/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useDeferredValue, useEffect, useMemo, useState } from "react";
import { Alert, Button } from "@/components/ui/form";
import {
  buildBoardView,
  CLIENT_STATES,
  matchesSearch,
  STATE_LABELS,
  type ClientRow,
  type ClientState,
  type CompanyRow,
} from "@/lib/decisions/board-view";
import type { BoardData, BoardHuduCompany } from "@/lib/decisions/types";
import { ClientDialog } from "./client-dialog";
import { CLIENT_ROW_HEIGHT, ClientRowView, type ClientRowActions } from "./client-row";
import { COMPANY_ROW_HEIGHT, CompanyRowView } from "./company-row";
import { ConfirmDialog, Dialog } from "@/components/ui/dialog";
import { boardAnnouncements, boardCollisions, boardKeyboardCoordinates, dragInstructions } from "./drag";
import { formatCount, plural } from "@/components/ui/format";
import { LiveRegion } from "@/components/ui/live-region";
import { boardQueryOptions, decisionsQueryOptions, matchKeys, snapshotStatusQueryOptions } from "./queries";
import { SnapshotPanel } from "./snapshot-panel";
import { useBoardMutations, type BoardNotice } from "./use-board-mutations";
import { VirtualList } from "./virtual-list";

const EMPTY_BOARD: BoardData = { snapshot: null, halo: [], hudu: [], suggestions: [] };

type StateFilter = ClientState | "all";
type CompanyFilter = "all" | "free" | "matched" | "candidates";

type DialogState =
  | { type: "client"; id: number; pick: boolean }
  | { type: "move"; clientId: number; companyId: number }
  | { type: "name-taken"; clientId: number }
  | { type: "bulk-accept"; ids: number[] }
  | { type: "bulk-create"; ids: number[] };

const clientKey = (row: ClientRow) => row.id;
const clientLabel = (row: ClientRow) => row.name;
const companyKey = (row: CompanyRow) => row.company.id;
const companyLabel = (row: CompanyRow) => row.company.name;

/**
 * The side-by-side board: Halo clients left, Hudu companies right. Works from the saved snapshot
 * plus the decisions; every change is saved at once and shown before the server answers.
 */
export function MatchBoard({ me, canEdit }: { me: string; canEdit: boolean }) {
  const queryClient = useQueryClient();
  const boardQuery = useQuery(boardQueryOptions());
  const decisionsQuery = useQuery(decisionsQueryOptions());
  const statusQuery = useQuery(snapshotStatusQueryOptions());
  const [notice, setNotice] = useState<BoardNotice | null>(null);
  const dismissNotice = useCallback(() => setNotice(null), []);
  const { decide, undecide, acceptAuto, createRemaining, refresh } = useBoardMutations({ me, notify: setNotice });

  // A refresh finished (here or elsewhere): load the new snapshot and its suggestions.
  const currentRunId = statusQuery.data?.current?.runId ?? null;
  const boardRunId = boardQuery.data?.snapshot?.runId ?? null;
  useEffect(() => {
    if (currentRunId !== null && currentRunId !== boardRunId && !boardQuery.isFetching) {
      void queryClient.invalidateQueries({ queryKey: matchKeys.board() });
      void queryClient.invalidateQueries({ queryKey: matchKeys.decisions() });
    }
  }, [currentRunId, boardRunId, boardQuery.isFetching, queryClient]);

  // Say how a refresh this page watched ended (the "Reading…" notice would otherwise be the last
  // word). Derived while rendering, as React advises for state that follows a query's data.
  const latest = statusQuery.data?.latest ?? null;
  const [watchedRun, setWatchedRun] = useState<number | null>(null);
  if (latest?.status === "running" && watchedRun !== latest.id) setWatchedRun(latest.id);
  if (latest && latest.status !== "running" && watchedRun === latest.id) {
    setWatchedRun(null);
    setNotice(
      latest.status === "succeeded"
        ? { tone: "success", text: `Snapshot saved: ${latest.haloClients} Halo clients and ${latest.huduCompanies} Hudu companies.` }
        : { tone: "error", text: `The refresh failed: ${latest.error ?? "unknown error"}. The previous snapshot is kept.` },
    );
  }

  const view = useMemo(() => buildBoardView(boardQuery.data ?? EMPTY_BOARD, decisionsQuery.data ?? []), [boardQuery.data, decisionsQuery.data]);

  // ---------------------------------------------------------------- filters and selection
  const [stateFilter, setStateFilter] = useState<StateFilter>("all");
  const [clientQuery, setClientQuery] = useState("");
  const [companyQuery, setCompanyQuery] = useState("");
  const [companyFilter, setCompanyFilter] = useState<CompanyFilter>("all");
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const deferredClientQuery = useDeferredValue(clientQuery);
  const deferredCompanyQuery = useDeferredValue(companyQuery);
  const selected = selectedId !== null ? (view.clientById.get(selectedId) ?? null) : null;

  const visibleClients = useMemo(
    () =>
      view.clients.filter(
        (row) => (stateFilter === "all" || row.state === stateFilter) && matchesSearch(row.searchText, deferredClientQuery),
      ),
    [view.clients, stateFilter, deferredClientQuery],
  );
  const selectedCandidates = useMemo(() => new Map((selected?.candidates ?? []).map((c) => [c.huduId, c])), [selected]);
  const visibleCompanies = useMemo(() => {
    const rows = view.companies.filter((row) => {
      if (companyFilter === "free" && row.owner) return false;
      if (companyFilter === "matched" && !row.owner) return false;
      if (companyFilter === "candidates" && !selectedCandidates.has(row.company.id)) return false;
      return matchesSearch(row.searchText, deferredCompanyQuery);
    });
    // The selected client's candidates, best first, ahead of the alphabet (unless searching).
    if (selectedCandidates.size > 0 && (companyFilter === "candidates" || !deferredCompanyQuery.trim())) {
      const score = (row: CompanyRow) => selectedCandidates.get(row.company.id)?.score ?? -1;
      const pinned = rows.filter((row) => selectedCandidates.has(row.company.id)).sort((a, b) => score(b) - score(a));
      return [...pinned, ...rows.filter((row) => !selectedCandidates.has(row.company.id))];
    }
    return rows;
  }, [view.companies, companyFilter, selectedCandidates, deferredCompanyQuery]);

  // ---------------------------------------------------------------- decisions
  const [dialog, setDialog] = useState<DialogState | null>(null);
  const closeDialog = useCallback(() => setDialog(null), []);

  const requestMatch = useCallback(
    (row: ClientRow, company: BoardHuduCompany) => {
      if (!canEdit || !row.client) return;
      const owner = view.companyRowById.get(company.id)?.owner;
      if (owner && owner.haloClientId !== row.id) {
        setDialog({ type: "move", clientId: row.id, companyId: company.id });
        return;
      }
      if (row.decision?.kind === "match" && row.decision.huduCompanyId === company.id && row.state === "matched") return;
      setDialog(null);
      decide.mutate({ haloClientId: row.id, kind: "match", huduCompanyId: company.id, haloClientName: row.name, huduCompanyName: company.name });
      setNotice({ tone: "success", text: `Matched ${row.name} to ${company.name}.` });
    },
    [canEdit, view.companyRowById, decide],
  );

  const actions: ClientRowActions = useMemo(
    () => ({
      canEdit,
      accept: (row) => row.suggestion && requestMatch(row, row.suggestion.company),
      matchTo: (row) => setDialog({ type: "client", id: row.id, pick: true }),
      details: (row) => setDialog({ type: "client", id: row.id, pick: false }),
      select: (row) => setSelectedId((current) => (current === row.id ? null : row.id)),
      create: (row) => {
        if (row.nameTakenBy) {
          setDialog({ type: "name-taken", clientId: row.id });
          return;
        }
        setDialog(null);
        decide.mutate({ haloClientId: row.id, kind: "create", haloClientName: row.name });
        setNotice({ tone: "success", text: `${row.name} will be created new in Hudu.` });
      },
      ignore: (row) => {
        setDialog(null);
        decide.mutate({ haloClientId: row.id, kind: "ignore", haloClientName: row.name });
        setNotice({ tone: "success", text: `${row.name} is ignored: nothing of it will be imported.` });
      },
      clear: (row) => {
        setDialog(null);
        undecide.mutate({ haloClientId: row.id, name: row.name });
        setNotice({ tone: "success", text: `${row.name} is undecided again.` });
      },
    }),
    [canEdit, requestMatch, decide, undecide],
  );

  const matchHere = useCallback((company: CompanyRow) => selected && requestMatch(selected, company.company), [selected, requestMatch]);

  // ---------------------------------------------------------------- drag and drop
  const sensors = useSensors(
    useSensor(MouseSensor, { activationConstraint: { distance: 4 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 150, tolerance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: boardKeyboardCoordinates }),
  );
  const [dragging, setDragging] = useState<{ id: number; name: string } | null>(null);
  const idOf = (dndId: string | number) => Number(String(dndId).replace(/^\D+-/, ""));
  const announcements = useMemo(
    () =>
      boardAnnouncements({
        client: (id) => view.clientById.get(idOf(id))?.name ?? "the client",
        company: (id) => view.companyById.get(idOf(id))?.name ?? "a company",
      }),
    [view],
  );
  const onDragStart = (event: DragStartEvent) => {
    const row = view.clientById.get(idOf(event.active.id));
    if (row) setDragging({ id: row.id, name: row.name });
  };
  const onDragEnd = (event: DragEndEvent) => {
    setDragging(null);
    if (!event.over) return;
    const row = view.clientById.get(idOf(event.active.id));
    const company = view.companyById.get(idOf(event.over.id));
    if (row && company) requestMatch(row, company);
  };

  // ---------------------------------------------------------------- render
  const status = statusQuery.data;
  const hasSnapshot = Boolean(boardQuery.data?.snapshot);
  const loadError = boardQuery.error ?? decisionsQuery.error;
  const dialogRow = dialog && "clientId" in dialog ? view.clientById.get(dialog.clientId) : dialog?.type === "client" ? view.clientById.get(dialog.id) : undefined;

  return (
    <div className="space-y-4">
      <SnapshotPanel status={status} canEdit={canEdit} starting={refresh.isPending} onRefresh={() => refresh.mutate()} />
      {!canEdit ? <Alert tone="info">You are a viewer: you can see the board but only an admin can change decisions.</Alert> : null}
      {loadError ? <Alert tone="error">The board could not be loaded: {loadError.message}</Alert> : null}

      {hasSnapshot ? (
        <>
          <div className="flex flex-wrap items-center justify-between gap-3">
            <div role="group" aria-label="Filter Halo clients by state" className="flex flex-wrap gap-1">
              <FilterChip label="All" count={view.clients.length} active={stateFilter === "all"} onClick={() => setStateFilter("all")} />
              {CLIENT_STATES.map((state) => (
                <FilterChip
                  key={state}
                  label={STATE_LABELS[state]}
                  count={view.counts[state]}
                  active={stateFilter === state}
                  tone={state === "stale" && view.counts.stale > 0 ? "red" : undefined}
                  onClick={() => setStateFilter(state)}
                />
              ))}
            </div>
            <div className="flex flex-wrap gap-2">
              <Button
                type="button"
                disabled={!canEdit || view.autoAcceptable.length === 0}
                onClick={() => setDialog({ type: "bulk-accept", ids: view.autoAcceptable.map((r) => r.id) })}
              >
                Accept {formatCount(view.autoAcceptable.length)} auto-accept {view.autoAcceptable.length === 1 ? "suggestion" : "suggestions"}
              </Button>
              <Button
                type="button"
                variant="secondary"
                disabled={!canEdit || view.remaining.length === 0}
                onClick={() => setDialog({ type: "bulk-create", ids: view.remaining.map((r) => r.id) })}
              >
                Create {formatCount(view.remaining.length)} remaining as new
              </Button>
            </div>
          </div>

          <DndContext
            sensors={sensors}
            collisionDetection={boardCollisions}
            measuring={{ droppable: { strategy: MeasuringStrategy.Always } }}
            accessibility={{ announcements, screenReaderInstructions: { draggable: dragInstructions } }}
            onDragStart={onDragStart}
            onDragEnd={onDragEnd}
            onDragCancel={() => setDragging(null)}
          >
            <div className="grid gap-4 lg:grid-cols-2">
              <section aria-labelledby="halo-heading" className="flex flex-col overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm">
                <header className="space-y-2 border-b border-slate-200 px-3 py-2.5">
                  <div className="flex items-baseline justify-between">
                    <h2 id="halo-heading" className="font-semibold">
                      Halo clients
                    </h2>
                    <span className="text-xs text-slate-600">
                      {formatCount(visibleClients.length)} of {formatCount(view.clients.length)} shown
                    </span>
                  </div>
                  <SearchBox label="Search Halo clients" value={clientQuery} onChange={setClientQuery} placeholder="Name, website, phone, e-mail domain, id" />
                  <p className="text-xs text-slate-600">
                    Drag a client by its handle <span aria-hidden="true">⠿</span> onto a Hudu company to match them, or select it and
                    press “Match here”.
                  </p>
                </header>
                <div className="h-[calc(100vh-23rem)] min-h-[420px] py-1">
                  <VirtualList
                    rows={visibleClients}
                    rowHeight={CLIENT_ROW_HEIGHT}
                    getKey={clientKey}
                    getLabel={clientLabel}
                    label="Halo clients"
                    empty={view.clients.length === 0 ? "The snapshot has no Halo clients." : "No Halo client matches these filters."}
                    renderRow={(row) => <ClientRowView row={row} selected={row.id === selectedId} actions={actions} />}
                  />
                </div>
              </section>

              <section aria-labelledby="hudu-heading" className="flex flex-col overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm">
                <header className="space-y-2 border-b border-slate-200 px-3 py-2.5">
                  <div className="flex items-baseline justify-between gap-2">
                    <h2 id="hudu-heading" className="font-semibold">
                      Hudu companies
                    </h2>
                    <span className="text-xs text-slate-600">
                      {formatCount(visibleCompanies.length)} of {formatCount(view.companies.length)} shown
                    </span>
                  </div>
                  <div className="flex gap-2">
                    <div className="flex-1">
                      <SearchBox label="Search Hudu companies" value={companyQuery} onChange={setCompanyQuery} placeholder="Name, nickname, website, phone, id" />
                    </div>
                    <label className="sr-only" htmlFor="company-filter">
                      Show Hudu companies
                    </label>
                    <select
                      id="company-filter"
                      value={companyFilter}
                      onChange={(event) => setCompanyFilter(event.target.value as CompanyFilter)}
                      className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
                    >
                      <option value="all">All companies</option>
                      <option value="free">Not matched yet</option>
                      <option value="matched">Matched</option>
                      <option value="candidates" disabled={!selected}>
                        Candidates for the selected client
                      </option>
                    </select>
                  </div>
                  {selected ? (
                    <p className="flex items-center justify-between gap-2 rounded bg-brand-50 px-2 py-1 text-xs text-brand-700">
                      <span className="truncate">
                        Selected: <span className="font-semibold">{selected.name}</span>
                        {selected.candidates.length > 0 ? ` · ${plural(selected.candidates.length, "candidate")} highlighted` : " · no candidates"}
                      </span>
                      <button type="button" className="shrink-0 underline" onClick={() => setSelectedId(null)}>
                        Clear selection
                      </button>
                    </p>
                  ) : null}
                </header>
                <div className="h-[calc(100vh-23rem)] min-h-[420px] py-1">
                  <VirtualList
                    rows={visibleCompanies}
                    rowHeight={COMPANY_ROW_HEIGHT}
                    getKey={companyKey}
                    getLabel={companyLabel}
                    label="Hudu companies"
                    empty={view.companies.length === 0 ? "The snapshot has no Hudu companies." : "No Hudu company matches these filters."}
                    renderRow={(row) => (
                      <CompanyRowView
                        row={row}
                        selectedClient={selected}
                        candidate={selectedCandidates.get(row.company.id) ?? null}
                        canEdit={canEdit}
                        dragging={dragging?.name ?? null}
                        onMatchHere={matchHere}
                      />
                    )}
                  />
                </div>
              </section>
            </div>
            <DragOverlay dropAnimation={null}>
              {dragging ? (
                // The overlay box has the row's size; the visible card is a compact chip at the handle.
                <div className="flex h-full items-center">
                  <div className="flex max-w-xs cursor-grabbing items-center gap-2 rounded-md border border-brand-500 bg-white px-3 py-2 text-sm font-semibold shadow-lg">
                    <span aria-hidden="true" className="text-brand-600">
                      ⠿
                    </span>
                    <span className="truncate">{dragging.name}</span>
                  </div>
                </div>
              ) : null}
            </DragOverlay>
          </DndContext>
        </>
      ) : null}

      <Toast notice={notice} onDismiss={dismissNotice} />

      {dialog?.type === "client" && dialogRow ? (
        <ClientDialog
          row={dialogRow}
          view={view}
          canEdit={canEdit}
          pick={dialog.pick}
          onMatch={(company) => requestMatch(dialogRow, company)}
          onCreate={() => actions.create(dialogRow)}
          onIgnore={() => actions.ignore(dialogRow)}
          onClear={() => actions.clear(dialogRow)}
          onClose={closeDialog}
        />
      ) : null}

      {dialog?.type === "move" && dialogRow ? (
        <MoveDialog
          row={dialogRow}
          company={view.companyById.get(dialog.companyId)}
          ownerName={ownerLabel(view.companyRowById.get(dialog.companyId))}
          onClose={closeDialog}
          onConfirm={(company) => {
            setDialog(null);
            decide.mutate({
              haloClientId: dialogRow.id,
              kind: "match",
              huduCompanyId: company.id,
              move: true,
              haloClientName: dialogRow.name,
              huduCompanyName: company.name,
            });
            setNotice({ tone: "success", text: `Moved ${company.name} to ${dialogRow.name}.` });
          }}
        />
      ) : null}

      {dialog?.type === "name-taken" && dialogRow?.nameTakenBy ? (
        <Dialog
          title="Hudu already has this name"
          onClose={closeDialog}
          footer={
            <>
              <Button type="button" variant="secondary" onClick={closeDialog}>
                Cancel
              </Button>
              <Button type="button" autoFocus onClick={() => requestMatch(dialogRow, dialogRow.nameTakenBy!)}>
                Match to “{dialogRow.nameTakenBy.name}”
              </Button>
            </>
          }
        >
          <p>
            Hudu already has a company named <strong>“{dialogRow.nameTakenBy.name}”</strong>
            {dialogRow.nameTakenBy.archived ? " (archived)" : ""}, and it refuses a second company with the same name, so{" "}
            <strong>{dialogRow.name}</strong> cannot be created new.
          </p>
          <p>Match it to the existing company instead?</p>
          {view.companyRowById.get(dialogRow.nameTakenBy.id)?.owner ? (
            <p className="text-amber-800">
              That company is matched to {ownerLabel(view.companyRowById.get(dialogRow.nameTakenBy.id))}; you will be asked before the
              match moves.
            </p>
          ) : null}
        </Dialog>
      ) : null}

      {dialog?.type === "bulk-accept" ? (
        <ConfirmDialog
          title={`Accept ${plural(dialog.ids.length, "suggestion")}?`}
          confirmLabel={`Accept ${formatCount(dialog.ids.length)}`}
          onClose={closeDialog}
          onConfirm={() => {
            const rows = dialog.ids.map((id) => view.clientById.get(id)).filter((r): r is ClientRow => Boolean(r?.suggestion));
            setDialog(null);
            acceptAuto.mutate({
              haloClientIds: dialog.ids,
              decisions: rows.map((r) => ({
                haloClientId: r.id,
                kind: "match",
                huduCompanyId: r.suggestion!.company.id,
                haloClientName: r.name,
                huduCompanyName: r.suggestion!.company.name,
              })),
            });
          }}
        >
          <p>
            This matches <strong>{plural(dialog.ids.length, "Halo client")}</strong> to the Hudu company the engine marked for
            auto-accept: strong, unique and clearly ahead of the runner-up.
          </p>
          <p className="text-slate-600">Each match is recorded under your name and can be undone one by one.</p>
        </ConfirmDialog>
      ) : null}

      {dialog?.type === "bulk-create" ? (
        <ConfirmDialog
          title={`Create ${plural(dialog.ids.length, "client")} as new?`}
          confirmLabel={`Create ${formatCount(dialog.ids.length)} as new`}
          onClose={closeDialog}
          onConfirm={() => {
            setDialog(null);
            createRemaining.mutate({
              haloClientIds: dialog.ids,
              decisions: dialog.ids.map((id) => ({ haloClientId: id, kind: "create", haloClientName: view.clientById.get(id)?.name ?? "" })),
            });
          }}
        >
          <p>
            <strong>{plural(dialog.ids.length, "Halo client")}</strong> with no decision and no suggested company will be marked
            <em> create new</em>: the next import creates a Hudu company for each.
          </p>
          <p className="text-slate-600">
            Left alone: clients with a suggestion (review them first), inactive clients, and clients whose name Hudu already has.
          </p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}

/** The outcome of the last change, at the bottom of the screen; it fades after a few seconds. */
function Toast({ notice, onDismiss }: { notice: BoardNotice | null; onDismiss: () => void }) {
  useEffect(() => {
    if (!notice || notice.tone === "error") return;
    const timer = setTimeout(onDismiss, 6000);
    return () => clearTimeout(timer);
  }, [notice, onDismiss]);
  const tone =
    notice?.tone === "error"
      ? "border-red-300 bg-red-50 text-red-800"
      : notice?.tone === "success"
        ? "border-green-300 bg-white text-green-800"
        : "border-slate-300 bg-white text-slate-700";
  return (
    <LiveRegion className="pointer-events-none fixed inset-x-0 bottom-4 z-40 flex justify-center px-4">
      {notice ? (
        <div className={`pointer-events-auto flex max-w-xl items-center gap-3 rounded-lg border px-4 py-2 text-sm shadow-lg ${tone}`}>
          <span>{notice.text}</span>
          <button type="button" onClick={onDismiss} className="text-xs underline" aria-label="Dismiss">
            Dismiss
          </button>
        </div>
      ) : null}
    </LiveRegion>
  );
}

/** "Acme Ltd (Halo #12)": names repeat in Halo, so dialogs add the id. */
function ownerLabel(row: CompanyRow | undefined): string {
  if (!row?.owner) return "another client";
  return `${row.ownerName ?? "Halo client"} (Halo #${row.owner.haloClientId})`;
}

function FilterChip({
  label,
  count,
  active,
  onClick,
  tone,
}: {
  label: string;
  count: number;
  active: boolean;
  onClick: () => void;
  tone?: "red";
}) {
  return (
    <button
      type="button"
      aria-pressed={active}
      aria-label={`${label} ${formatCount(count)}`}
      onClick={onClick}
      className={`inline-flex items-center gap-1.5 rounded-full border px-2.5 py-1 text-[13px] font-medium ${
        active
          ? "border-brand-600 bg-brand-600 text-white"
          : tone === "red"
            ? "border-red-300 bg-red-50 text-red-800 hover:bg-red-100"
            : "border-slate-300 bg-white text-slate-700 hover:bg-slate-50"
      }`}
    >
      {label}
      <span className={`rounded-full px-1.5 text-xs tabular-nums ${active ? "bg-white text-brand-700" : "bg-slate-100 text-slate-600"}`}>{formatCount(count)}</span>
    </button>
  );
}

function SearchBox({ label, value, onChange, placeholder }: { label: string; value: string; onChange: (v: string) => void; placeholder: string }) {
  return (
    <input
      type="search"
      aria-label={label}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      placeholder={placeholder}
      className="block w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-100"
    />
  );
}

function MoveDialog({
  row,
  company,
  ownerName,
  onConfirm,
  onClose,
}: {
  row: ClientRow;
  company: BoardHuduCompany | undefined;
  ownerName: string;
  onConfirm: (company: BoardHuduCompany) => void;
  onClose: () => void;
}) {
  if (!company) return null;
  return (
    <ConfirmDialog title="Move this match?" confirmLabel="Move the match" onClose={onClose} onConfirm={() => onConfirm(company)}>
      <p>
        <strong>{company.name}</strong> is already matched to <strong>{ownerName}</strong>. A Hudu company belongs to one Halo client.
      </p>
      <p>
        Move it to <strong>{row.name}</strong>? {ownerName} goes back to undecided.
      </p>
    </ConfirmDialog>
  );
}
