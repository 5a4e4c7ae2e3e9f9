/** Public shapes of the matching engine. Other modules (board, planner) code against these. */

export interface MatchHaloClient {
  id: number;
  name: string;
  website?: string | null;
  phone?: string | null;
  emailDomains?: string[];
  inactive?: boolean;
}

export interface MatchHuduCompany {
  id: number;
  name: string;
  nickname?: string | null;
  website?: string | null;
  phone?: string | null;
  idNumber?: string | null;
  integrations?: Array<{ integratorName: string; syncId: string | number | null }>;
  archived?: boolean;
}

/** A link this app made earlier (Halo client ↔ Hudu company). */
export interface MatchLink {
  haloId: number;
  huduId: number;
}

/** What a candidate rests on; conflicts and caveats are listed too, so the UI can colour them. */
export type EvidenceKind =
  | "link"
  | "integration"
  | "id-stamp"
  | "id-number"
  | "name-exact"
  | "name-normalised"
  | "nickname"
  | "name-similar"
  | "acronym"
  | "legal-form"
  | "domain"
  | "email-domain"
  | "web-page"
  | "phone"
  | "conflict-domain"
  | "conflict-phone"
  | "conflict-country"
  | "conflict-id"
  | "conflict-legal-form"
  | "conflict-branch"
  | "archived"
  | "claimed-by-other";

export interface Candidate {
  huduId: number;
  /** In [0,1]; about how likely this is the same customer. */
  score: number;
  /** Plain words, strongest first. */
  reasons: string[];
  evidence: EvidenceKind[];
}

export interface ClientMatch {
  haloId: number;
  /** Best first, at most `maxCandidates` (5). */
  candidates: Candidate[];
  best: Candidate | null;
  autoAccept: boolean;
}

export interface MatchOptions {
  /** Candidates kept per Halo client (default 5). */
  maxCandidates?: number;
  /** Candidates scoring below this are dropped (default 0.2). */
  minScore?: number;
  /** Lowest score a suggestion needs to be auto-accepted (default 0.85). */
  autoAcceptThreshold?: number;
  /** Required lead over the runner-up, both per client and per Hudu company (default 0.15). */
  autoAcceptMargin?: number;
  /** Name-blocked candidates scored fully per client (default 12); exact-key candidates always are. */
  blockingTopK?: number;
  /** Filled with phase timings in milliseconds when given (for the benchmark). */
  timings?: { indexMs?: number; scoreMs?: number; resolveMs?: number; candidatePairs?: number };
}
