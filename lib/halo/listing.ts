import type { z } from "zod";
import { bodyExcerpt, SyncError } from "@/lib/errors";
import type { HaloRecordType } from "./records";

/**
 * A paged sweep of one Halo list endpoint as an async iterator of clean records.
 *
 * Paging rules (why): Halo caps pages at 100 whatever page_size asks, so we ask for 100 and
 * keep going until the records seen reach `record_count`, or, when the wrapper has no usable
 * `record_count`, until a page comes back empty or shorter than asked. A short page with a
 * record_count still ahead does not stop the sweep: a server capping pages lower than 100 must
 * not make us lose records. A page identical to the one before means the server ignores page_no;
 * we stop instead of looping forever.
 *
 * A sweep that ends (an empty page, a repeated page) before the records seen reach
 * `record_count` is a failed read: it throws, so a caller never mistakes a partial list for the
 * whole (a snapshot would otherwise treat the missing records as deleted).
 *
 * A record that fails to parse does not stop the sweep: it is skipped (it still counts as seen)
 * and reported in `problems` (and through `onProblem`), so one odd record never stops a run.
 *
 * Once the first page has told how many records there are, the pages up to that count are asked
 * for a few ahead (PAGES_IN_FLIGHT), so answer time does not set the pace of a sweep: the rate
 * limiter does. They are still taken in order, so every rule above holds; a page beyond the count
 * (a server capping pages lower) is read one at a time as before.
 */

export interface ListingProblem {
  type: HaloRecordType;
  /** "record": one record was skipped; "listing": the sweep itself may be incomplete. */
  scope: "record" | "listing";
  id?: number;
  name?: string;
  message: string;
  detail?: string;
}

export interface PageResult {
  /** The raw records of the page (before parsing). */
  records: unknown[];
  recordCount?: number;
}

export interface ListingOptions {
  onProblem?: (problem: ListingProblem) => void;
  signal?: AbortSignal;
}

export const HALO_PAGE_SIZE = 100;
/**
 * Page reads in flight for one Halo connection, all sweeps together, and so also the pages one
 * sweep asks for ahead of the one being read. Halo answers a page of 100 in 0.2–2 s and its
 * rolling window lets 300 requests go at once, so one page at a time would wait on answers, not
 * on the limit. When a window's slots free up they free as fast as the last window's requests
 * went out, and by then the users sweep is the only one left: how many of its pages are in
 * flight sets how fast it spends each later window's budget (bench:import: 9 in flight read a
 * 60,000-user Halo in 1.20× the limit's floor, 17 in 1.12×, 32 in 1.09–1.11×). The cap keeps a burst of four
 * sweeps at 32 requests, not 4 × 32.
 */
export const PAGES_IN_FLIGHT = 32;
/** A sweep reading more pages than this is surely looping (10 million records). */
const MAX_PAGES = 100_000;

export class HaloListing<T> implements AsyncIterable<T> {
  readonly problems: ListingProblem[] = [];
  /** `record_count` of the last page read, when Halo sent one. */
  recordCount?: number;
  pagesRead = 0;
  recordsYielded = 0;
  private started = false;

  constructor(
    private readonly type: HaloRecordType,
    private readonly schema: z.ZodType<T>,
    private readonly fetchPage: (pageNo: number, pageSize: number) => Promise<PageResult>,
    private readonly options: ListingOptions = {},
    private readonly pageSize = HALO_PAGE_SIZE,
  ) {}

  /** Reads the whole sweep into an array (problems stay on `this.problems`). */
  async toArray(): Promise<T[]> {
    const out: T[] = [];
    for await (const record of this) out.push(record);
    return out;
  }

  private report(problem: ListingProblem): void {
    this.problems.push(problem);
    this.options.onProblem?.(problem);
  }

  /**
   * Throws when the sweep ended with fewer records seen (parsed or skipped) than Halo reported.
   * Records sent twice count twice, so a record inserted mid-sweep does not fail the read.
   */
  private checkComplete(seen: number, why: string): void {
    const reported = this.recordCount;
    if (reported === undefined || seen >= reported) return;
    throw new SyncError({
      code: "bad_response",
      service: "halo",
      userMessage: `Halo reported ${count(reported, this.type)} but sent ${seen.toLocaleString("en")}${why ? ` (${why})` : ""}.`,
      detail: `${this.type} sweep ended after ${this.pagesRead} pages with ${seen} of record_count=${reported}`,
    });
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    if (this.started) throw new Error("A HaloListing can be iterated once; call the list method again for a new sweep.");
    this.started = true;
    const seenIds = new Set<number>();
    let rawSeen = 0;
    let previousSignature: string | undefined;
    const ahead = new Map<number, Promise<PageResult>>();
    const askAhead = (from: number) => {
      if (this.recordCount === undefined) return;
      const last = Math.min(Math.ceil(this.recordCount / this.pageSize), from + PAGES_IN_FLIGHT - 1, MAX_PAGES);
      for (let pageNo = from; pageNo <= last; pageNo++) {
        if (ahead.has(pageNo)) continue;
        const page = this.fetchPage(pageNo, this.pageSize);
        // Awaited in its turn; a failure before then must not count as unhandled.
        page.catch(() => undefined);
        ahead.set(pageNo, page);
      }
    };
    const take = (pageNo: number): Promise<PageResult> => {
      const page = ahead.get(pageNo);
      ahead.delete(pageNo);
      return page ?? this.fetchPage(pageNo, this.pageSize);
    };

    for (let pageNo = 1; pageNo <= MAX_PAGES; pageNo++) {
      if (this.options.signal?.aborted) {
        throw new SyncError({
          code: "aborted",
          service: "halo",
          userMessage: `Stopped reading ${this.type}s from Halo.`,
          detail: `aborted before page ${pageNo}`,
          cause: this.options.signal.reason,
        });
      }
      const page = await take(pageNo);
      this.pagesRead++;
      if (page.recordCount !== undefined) this.recordCount = page.recordCount;
      askAhead(pageNo + 1);
      if (page.records.length === 0) {
        this.checkComplete(rawSeen, "");
        return;
      }

      const signature = pageSignature(page.records);
      if (pageNo > 1 && signature === previousSignature) {
        this.checkComplete(rawSeen, `it sent the same page of ${this.type}s twice, so it seems to ignore paging`);
        this.report({
          type: this.type,
          scope: "listing",
          message: `Halo returned the same page of ${this.type}s twice, so it seems to ignore paging; stopped reading to avoid a loop. Some ${this.type}s may be missing.`,
          detail: `page ${pageNo} repeated page ${pageNo - 1}; record_count=${page.recordCount ?? "absent"}`,
        });
        return;
      }
      previousSignature = signature;
      rawSeen += page.records.length;

      for (const raw of page.records) {
        const parsed = this.schema.safeParse(raw);
        if (!parsed.success) {
          this.report(recordProblem(this.type, raw, parsed.error));
          continue;
        }
        const id = (parsed.data as { id?: unknown }).id;
        if (typeof id === "number") {
          // Records inserted during a sweep shift the pages; never hand out one record twice.
          if (seenIds.has(id)) continue;
          seenIds.add(id);
        }
        this.recordsYielded++;
        yield parsed.data;
      }

      if (page.recordCount !== undefined) {
        if (rawSeen >= page.recordCount) return;
      } else if (page.records.length < this.pageSize) {
        return;
      }
    }
    this.report({
      type: this.type,
      scope: "listing",
      message: `Stopped reading ${this.type}s after ${MAX_PAGES} pages; some may be missing.`,
    });
  }
}

/** "1,204 users" */
function count(n: number, type: HaloRecordType): string {
  return `${n.toLocaleString("en")} ${type}${n === 1 ? "" : "s"}`;
}

function pageSignature(records: unknown[]): string {
  const ids = records.map((r) => (r && typeof r === "object" ? String((r as { id?: unknown }).id) : "?"));
  return `${records.length}:${ids.join(",")}`;
}

function recordProblem(type: HaloRecordType, raw: unknown, error: z.ZodError): ListingProblem {
  const obj = raw && typeof raw === "object" ? (raw as Record<string, unknown>) : {};
  const rawId = Number(obj.id);
  const id = Number.isFinite(rawId) ? rawId : undefined;
  const name = typeof obj.name === "string" ? obj.name.trim().slice(0, 200) || undefined : undefined;
  const reasons = error.issues
    .slice(0, 3)
    .map((i) => (i.path.length > 0 ? `${i.path.join(".")}: ${i.message}` : i.message))
    .join("; ");
  return {
    type,
    scope: "record",
    id,
    name,
    message: `Skipped Halo ${type} ${id ?? "(no id)"}${name ? ` "${name}"` : ""}: ${reasons}.`,
    detail: bodyExcerpt(JSON.stringify(raw)),
  };
}

/** Thrown by page fetchers when a list wrapper is unusable (the whole sweep cannot go on). */
export function wrapperError(type: HaloRecordType, key: string, detail: string): SyncError {
  return new SyncError({
    code: "bad_response",
    service: "halo",
    userMessage: `Halo's list of ${type}s came back without its "${key}" records. Check the resource server URL (it usually ends in /api).`,
    detail,
  });
}
