import type {
  BoardCandidate,
  BoardData,
  BoardDecision,
  BoardHaloClient,
  BoardHuduCompany,
} from "./types";

/**
 * Board data + decisions → what each row shows and which filter it falls under. Pure and shared:
 * the browser derives its view with it (so an optimistic decision shows at once) and the server
 * uses it to check bulk actions against the same rules.
 */

export type ClientState = "suggested" | "unmatched" | "matched" | "create" | "ignored" | "stale";
export const CLIENT_STATES: readonly ClientState[] = ["suggested", "unmatched", "matched", "create", "ignored", "stale"];

export const STATE_LABELS: Record<ClientState, string> = {
  suggested: "Suggested",
  unmatched: "Unmatched",
  matched: "Matched",
  create: "Create new",
  ignored: "Ignored",
  stale: "Stale",
};

export interface ClientSuggestion {
  candidate: BoardCandidate;
  company: BoardHuduCompany;
  /** The engine marked it auto-accept and its company is still free. */
  autoAccept: boolean;
}

export interface ClientRow {
  id: number;
  name: string;
  /** Null when the client is no longer in Halo (only a stale decision remembers it). */
  client: BoardHaloClient | null;
  decision: BoardDecision | null;
  state: ClientState;
  staleReason: "client-gone" | "company-gone" | null;
  /** For undecided clients: the best candidate whose company no other client has. */
  suggestion: ClientSuggestion | null;
  candidates: BoardCandidate[];
  matchedCompany: BoardHuduCompany | null;
  /** A Hudu company already has this name: Hudu would refuse to create another. */
  nameTakenBy: BoardHuduCompany | null;
  searchText: string;
}

export interface CompanyRow {
  company: BoardHuduCompany;
  /** The match decision that has this company, if any. */
  owner: BoardDecision | null;
  ownerName: string | null;
  searchText: string;
}

export interface BoardView {
  clients: ClientRow[];
  companies: CompanyRow[];
  clientById: Map<number, ClientRow>;
  companyById: Map<number, BoardHuduCompany>;
  companyRowById: Map<number, CompanyRow>;
  counts: Record<ClientState, number>;
  /** Undecided clients whose suggestion may be accepted in bulk. */
  autoAcceptable: ClientRow[];
  /** Undecided active clients with no suggestion and no name clash: "create all remaining". */
  remaining: ClientRow[];
}

/** How Hudu compares company names for its uniqueness rule (case and spacing do not count). */
export function companyNameKey(name: string): string {
  return name.trim().replace(/\s+/g, " ").toLowerCase();
}

export function buildBoardView(board: BoardData, decisions: BoardDecision[]): BoardView {
  const companyById = new Map(board.hudu.map((c) => [c.id, c]));
  const companyByName = new Map<string, BoardHuduCompany>();
  for (const company of board.hudu) {
    const key = companyNameKey(company.name);
    // Prefer an active company when names repeat (archived duplicates exist in old instances).
    const seen = companyByName.get(key);
    if (!seen || (seen.archived && !company.archived)) companyByName.set(key, company);
  }
  const suggestionById = new Map(board.suggestions.map((s) => [s.haloId, s]));
  const decisionById = new Map(decisions.map((d) => [d.haloClientId, d]));
  const owners = new Map<number, BoardDecision>();
  for (const d of decisions) if (d.kind === "match" && d.huduCompanyId !== null) owners.set(d.huduCompanyId, d);

  const counts = Object.fromEntries(CLIENT_STATES.map((s) => [s, 0])) as Record<ClientState, number>;
  const clients: ClientRow[] = [];
  const clientById = new Map<number, ClientRow>();
  const autoAcceptable: ClientRow[] = [];
  const remaining: ClientRow[] = [];

  const addRow = (client: BoardHaloClient | null, id: number, name: string) => {
    const decision = decisionById.get(id) ?? null;
    const engine = suggestionById.get(id);
    const candidates = engine?.candidates ?? [];
    let state: ClientState;
    let staleReason: ClientRow["staleReason"] = null;
    let suggestion: ClientSuggestion | null = null;
    let matchedCompany: BoardHuduCompany | null = null;

    if (decision) {
      matchedCompany = decision.huduCompanyId !== null ? (companyById.get(decision.huduCompanyId) ?? null) : null;
      if (!client) staleReason = "client-gone";
      else if (decision.kind === "match" && !matchedCompany) staleReason = "company-gone";
      state = staleReason ? "stale" : decision.kind === "match" ? "matched" : decision.kind === "create" ? "create" : "ignored";
    } else {
      const free = candidates.find((c) => {
        const owner = owners.get(c.huduId);
        return (!owner || owner.haloClientId === id) && companyById.has(c.huduId);
      });
      if (free) {
        suggestion = {
          candidate: free,
          company: companyById.get(free.huduId)!,
          autoAccept: Boolean(engine?.autoAccept) && free === candidates[0],
        };
      }
      state = suggestion ? "suggested" : "unmatched";
    }

    const nameTakenBy = client ? (companyByName.get(companyNameKey(client.name)) ?? null) : null;
    const row: ClientRow = {
      id,
      name,
      client,
      decision,
      state,
      staleReason,
      suggestion,
      candidates,
      matchedCompany,
      nameTakenBy,
      searchText: clientSearchText(client, name, id),
    };
    counts[state]++;
    clients.push(row);
    clientById.set(id, row);
    if (suggestion?.autoAccept) autoAcceptable.push(row);
    if (client && !decision && !suggestion && !client.inactive && !nameTakenBy) remaining.push(row);
  };

  for (const client of board.halo) addRow(client, client.id, client.name);
  // Decisions about clients no longer in Halo stay visible (stale) until someone clears them.
  for (const decision of decisions) {
    if (!clientById.has(decision.haloClientId)) {
      addRow(null, decision.haloClientId, decision.haloClientName ?? `Halo client #${decision.haloClientId}`);
    }
  }

  const companies: CompanyRow[] = board.hudu.map((company) => {
    const owner = owners.get(company.id) ?? null;
    const ownerName = owner ? (clientById.get(owner.haloClientId)?.name ?? owner.haloClientName) : null;
    return { company, owner, ownerName, searchText: companySearchText(company) };
  });

  const companyRowById = new Map(companies.map((r) => [r.company.id, r]));
  return { clients, companies, clientById, companyById, companyRowById, counts, autoAcceptable, remaining };
}

function clientSearchText(client: BoardHaloClient | null, name: string, id: number): string {
  if (!client) return `${name} ${id}`.toLowerCase();
  return [client.name, client.website, client.phone, ...client.emailDomains, String(client.id)].filter(Boolean).join(" ").toLowerCase();
}

function companySearchText(company: BoardHuduCompany): string {
  return [company.name, company.nickname, company.website, company.phone, company.idNumber, String(company.id)]
    .filter(Boolean)
    .join(" ")
    .toLowerCase();
}

/** Case-insensitive "every word appears" search over a row's text. */
export function matchesSearch(searchText: string, query: string): boolean {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  return words.every((w) => searchText.includes(w));
}
