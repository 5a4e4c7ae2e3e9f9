/**
 * The control surface shared by both simulators: fault injection, latency, rate-limit changes,
 * request counting and state inspection. The same operations are served over HTTP under
 * `/__sim/*` (see sim/core/control-routes.ts) so tests in another process can drive a simulator.
 */

export interface FaultMatch {
  method?: string;
  /**
   * Matched case-insensitively against the request pathname. A string is a whole-path pattern:
   * `:id` matches one segment and `*` matches anything (e.g. "/api/client/:id", "/api/v1/companies*").
   */
  path?: string | RegExp;
  /** The request body contains this text (e.g. one record's Halo id in a create). */
  bodyIncludes?: string;
}

export interface FailNextOptions {
  count?: number;
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  match?: FaultMatch;
  /**
   * Handle the request first (a create lands in the data), then answer with this status instead
   * of the real answer: "502 Bad Gateway" from a proxy after the application did the work.
   */
  applied?: boolean;
}

export interface DropNextOptions {
  count?: number;
  match?: FaultMatch;
}

export interface DelayNextOptions {
  /** How long the answer is held back. */
  ms: number;
  count?: number;
  match?: FaultMatch;
}

export interface RateLimitConfig {
  limit: number;
  windowMs: number;
}

export interface RequestLogEntry {
  method: string;
  path: string;
  /** The query string as sent ("?page=2&page_size=25"), "" when there was none. */
  search: string;
  /** 0 when the socket was dropped without an answer (handled or not). */
  status: number;
  at: number;
  /** The injected fault that shaped this request's fate, if any. */
  fault?: "fail" | "fail-applied" | "drop" | "drop-answer" | "delay";
}

export interface SimControl {
  failNext(opts: FailNextOptions): void;
  /** Destroys the socket without answering (the request is never handled). */
  dropNext(opts: DropNextOptions): void;
  /**
   * Handles the request (a create is applied), then destroys the socket instead of answering:
   * the client cannot tell whether its request landed.
   */
  dropAnswerNext(opts: DropNextOptions): void;
  /**
   * Handles the request at once (a create lands), then holds its answer back `ms`: set it above a
   * client's time-out and the client gives up on work that was done.
   */
  delayNext(opts: DelayNextOptions): void;
  setLatency(ms: number): void;
  /** Halo only; a no-op on Hudu. */
  expireAllTokens(): void;
  setRateLimit(rl: RateLimitConfig | false): void;
  /** Full current data (deep copy). */
  state(): unknown;
  /** Key "GET /api/client": method + lowercased route pattern with ids replaced by :id. */
  requestCounts(): Record<string, number>;
  requests(): RequestLogEntry[];
  /** The most API requests (control calls aside) the simulator was answering at once since the counts were reset. */
  mostInFlight(): number;
  resetCounts(): void;
  /** Forgets pending fail-next/drop-next faults and sets latency back to 0. */
  clearFaults(): void;
  /** Restores the data the simulator started with (and clears faults, counts and rate-limit usage). */
  resetData(): void;
}
