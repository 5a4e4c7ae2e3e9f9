"use client";

import { useDeferredValue, useMemo, useState } from "react";
import { matchesSearch, STATE_LABELS, type BoardView, type ClientRow } from "@/lib/decisions/board-view";
import type { BoardCandidate, BoardHuduCompany } from "@/lib/decisions/types";
import { Badge, STATE_TONES, ScorePill } from "./badges";
import { decisionTitle, RowButton } from "./client-row";
import { DecisionHistory } from "./decision-history";
import { Dialog } from "@/components/ui/dialog";
import { formatCount, plural, shortUrl } from "@/components/ui/format";
import { RelativeTime } from "@/components/ui/relative-time";

const MAX_RESULTS = 50;

/**
 * One client up close: its facts, its decision (who, when, how), every candidate with all its
 * reasons, and a search over all Hudu companies: the "Match to…" picker for those who do not
 * drag. Matching from here goes through the same checks as a drop.
 */
export function ClientDialog({
  row,
  view,
  canEdit,
  pick,
  onMatch,
  onCreate,
  onIgnore,
  onClear,
  onClose,
}: {
  row: ClientRow;
  view: BoardView;
  canEdit: boolean;
  /** Opened with "Match to…": the search box gets the focus. */
  pick: boolean;
  onMatch: (company: BoardHuduCompany) => void;
  onCreate: () => void;
  onIgnore: () => void;
  onClear: () => void;
  onClose: () => void;
}) {
  const [query, setQuery] = useState("");
  const deferred = useDeferredValue(query);
  const results = useMemo(() => {
    if (!deferred.trim()) return [];
    const out: BoardHuduCompany[] = [];
    for (const company of view.companies) {
      if (matchesSearch(company.searchText, deferred)) out.push(company.company);
      if (out.length > MAX_RESULTS) break;
    }
    return out;
  }, [deferred, view.companies]);
  const c = row.client;
  const candidateIds = new Set(row.candidates.map((x) => x.huduId));

  const companyLine = (company: BoardHuduCompany, candidate?: BoardCandidate) => {
    const companyRow = view.companyRowById.get(company.id);
    const owner = companyRow?.owner ?? null;
    const ownName = companyRow?.ownerName ?? null;
    const mine = owner?.haloClientId === row.id;
    return (
      <li key={company.id} className="flex items-start gap-3 rounded-md border border-slate-200 bg-white px-3 py-2">
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-1.5">
            {candidate ? <ScorePill score={candidate.score} /> : null}
            <span className="font-medium">{company.name}</span>
            {company.nickname ? <span className="text-xs text-slate-600">({company.nickname})</span> : null}
            {company.archived ? <Badge tone="amber">Archived in Hudu</Badge> : null}
            {owner && !mine ? <Badge tone="green">Matched · {ownName}</Badge> : null}
            {mine ? <Badge tone="green">Matched to this client</Badge> : null}
          </div>
          <div className="truncate text-xs text-slate-600">
            {[company.website ? shortUrl(company.website) : null, company.phone, company.idNumber ? `ID ${company.idNumber}` : null]
              .filter(Boolean)
              .join(" · ") || "No website or phone"}
          </div>
          {candidate ? (
            <ul className="mt-1 list-disc pl-4 text-xs text-slate-600">
              {candidate.reasons.map((reason) => (
                <li key={reason}>{reason}</li>
              ))}
            </ul>
          ) : null}
        </div>
        {!mine ? (
          <RowButton
            tone={candidate && candidate === row.candidates[0] ? "primary" : "default"}
            label={`Match ${row.name} to ${company.name}`}
            onClick={() => onMatch(company)}
            disabled={!canEdit || !c}
          >
            {owner ? "Move here…" : "Match"}
          </RowButton>
        ) : null}
      </li>
    );
  };

  return (
    <Dialog title={pick ? `Match ${row.name} to…` : row.name} onClose={onClose} wide>
      <div className="flex flex-wrap items-center gap-2">
        <Badge tone={STATE_TONES[row.state]}>{STATE_LABELS[row.state]}</Badge>
        {c?.inactive ? <Badge tone="amber">Inactive in Halo</Badge> : null}
        <span className="text-xs text-slate-600">Halo id {row.id}</span>
      </div>
      {c ? (
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-0.5 text-xs">
          <dt className="text-slate-600">Website</dt>
          <dd>{c.website ?? "—"}</dd>
          <dt className="text-slate-600">Phone</dt>
          <dd>{c.phone ?? "—"}</dd>
          <dt className="text-slate-600">E-mail domains</dt>
          <dd>{c.emailDomains.length > 0 ? c.emailDomains.join(", ") : "—"}</dd>
          <dt className="text-slate-600">In Halo</dt>
          <dd>
            {plural(c.siteCount, "site")}, {plural(c.userCount, "user")}
          </dd>
        </dl>
      ) : (
        <p className="text-red-800">This client is no longer in Halo. Its decision is kept until you clear it.</p>
      )}

      {row.decision ? (
        <div className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-xs" title={decisionTitle(row)}>
          <span className="font-medium">
            {row.decision.kind === "match"
              ? `Matched to ${row.matchedCompany?.name ?? row.decision.huduCompanyName ?? `company #${row.decision.huduCompanyId}`}`
              : row.decision.kind === "create"
                ? "Create new in Hudu"
                : "Ignored"}
          </span>{" "}
          by {row.decision.decidedBy}, <RelativeTime iso={row.decision.decidedAt} /> ({row.decision.source})
          {row.staleReason ? <p className="mt-1 text-red-800">Stale: {row.staleReason === "client-gone" ? "the client is gone from Halo." : "the company is gone from Hudu."}</p> : null}
        </div>
      ) : null}

      <div className="flex flex-wrap gap-2">
        {c && !row.decision ? (
          <>
            <RowButton label={`Create ${row.name} new in Hudu`} tone={row.nameTakenBy ? "warning" : "default"} onClick={onCreate} disabled={!canEdit}>
              Create new in Hudu
            </RowButton>
            <RowButton label={`Ignore ${row.name}`} onClick={onIgnore} disabled={!canEdit}>
              Ignore
            </RowButton>
          </>
        ) : null}
        {row.decision ? (
          <RowButton label={`Clear the decision for ${row.name}`} onClick={onClear} disabled={!canEdit}>
            {row.decision.kind === "match" ? "Unmatch" : "Clear decision"}
          </RowButton>
        ) : null}
      </div>

      <DecisionHistory haloClientId={row.id} />

      <section className="space-y-2">
        <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-600">
          Suggested companies {row.candidates.length > 0 ? `(${row.candidates.length})` : ""}
        </h3>
        {row.candidates.length > 0 ? (
          <ul className="max-h-64 space-y-1.5 overflow-y-auto">
            {row.candidates.map((candidate) => {
              const company = view.companyById.get(candidate.huduId);
              return company ? companyLine(company, candidate) : null;
            })}
          </ul>
        ) : (
          <p className="text-xs text-slate-600">The engine found no likely company. Search for one below, or create it new.</p>
        )}
      </section>

      <section className="space-y-2">
        <label htmlFor="match-picker-search" className="block text-xs font-semibold uppercase tracking-wide text-slate-600">
          Find a Hudu company
        </label>
        <input
          id="match-picker-search"
          type="search"
          autoFocus={pick}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          placeholder={`Search ${formatCount(view.companies.length)} companies by name, website, phone…`}
          className="block w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-100"
        />
        {deferred.trim() ? (
          results.length > 0 ? (
            <ul className="max-h-64 space-y-1.5 overflow-y-auto" aria-label="Search results">
              {results.slice(0, MAX_RESULTS).map((company) =>
                companyLine(company, candidateIds.has(company.id) ? row.candidates.find((x) => x.huduId === company.id) : undefined),
              )}
              {results.length > MAX_RESULTS ? <li className="text-xs text-slate-600">More than {MAX_RESULTS} found: type more to narrow it down.</li> : null}
            </ul>
          ) : (
            <p className="text-xs text-slate-600">No Hudu company matches “{deferred}”.</p>
          )
        ) : null}
      </section>
    </Dialog>
  );
}
