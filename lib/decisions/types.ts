/**
 * What the match board works with, as plain JSON (route handlers send it, react-query caches
 * it). Safe for client components: no server imports here.
 */

export type DecisionKind = "match" | "create" | "ignore";
export type DecisionSource = "manual" | "auto-accept" | "bulk" | "cli" | "import";

export interface BoardHaloClient {
  id: number;
  name: string;
  website: string | null;
  phone: string | null;
  emailDomains: string[];
  siteCount: number;
  userCount: number;
  inactive: boolean;
}

export interface BoardHuduCompany {
  id: number;
  name: string;
  nickname: string | null;
  website: string | null;
  phone: string | null;
  idNumber: string | null;
  integrations: Array<{ integratorName: string; syncId: string | number | null }>;
  archived: boolean;
  url: string | null;
}

export interface BoardCandidate {
  huduId: number;
  score: number;
  reasons: string[];
}

export interface BoardSuggestion {
  haloId: number;
  candidates: BoardCandidate[];
  autoAccept: boolean;
}

export interface BoardSnapshotInfo {
  runId: number;
  takenAt: string;
  haloClients: number;
  huduCompanies: number;
}

/** The heavy, slow-changing part: both sides and the engine's suggestions for one snapshot. */
export interface BoardData {
  snapshot: BoardSnapshotInfo | null;
  halo: BoardHaloClient[];
  hudu: BoardHuduCompany[];
  /** Only clients with at least one candidate. */
  suggestions: BoardSuggestion[];
}

/** The light, often-changing part: every decision. */
export interface BoardDecision {
  haloClientId: number;
  kind: DecisionKind;
  huduCompanyId: number | null;
  haloClientName: string | null;
  huduCompanyName: string | null;
  decidedBy: string;
  /** ISO date-time. */
  decidedAt: string;
  source: DecisionSource;
}

export type SnapshotPhase = "starting" | "halo-clients" | "halo-sites" | "halo-users" | "hudu-companies" | "saving";

export interface SnapshotRunView {
  id: number;
  status: "running" | "succeeded" | "failed";
  startedAt: string;
  finishedAt: string | null;
  startedBy: string;
  phase: string | null;
  haloClients: number;
  haloClientsTotal: number | null;
  haloSites: number;
  haloSitesTotal: number | null;
  haloUsers: number;
  haloUsersTotal: number | null;
  huduCompanies: number;
  message: string | null;
  warnings: string[];
  error: string | null;
}

export interface SnapshotStatus {
  /** The newest run (running, failed or succeeded). */
  latest: SnapshotRunView | null;
  /** The snapshot the board shows. */
  current: BoardSnapshotInfo | null;
}

/** One side of a decision change; null when the client had (or has) no decision. */
export interface DecisionStateView {
  kind: DecisionKind;
  huduCompanyId: number | null;
  huduCompanyName: string | null;
}

/** One change of a client's decision, for the board's dialog and /history. */
export interface DecisionChangeView {
  id: number;
  haloClientId: number;
  haloClientName: string | null;
  from: DecisionStateView | null;
  to: DecisionStateView | null;
  changedBy: string;
  /** ISO date-time. */
  changedAt: string;
  source: DecisionSource;
}
