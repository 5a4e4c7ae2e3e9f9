/**
 * The arithmetic of bench:import: the fewest requests an import needs, the least time those take
 * at a rate limit, and the rate limits scaled by one factor. Pure, so the benchmark's yardstick
 * can be read (and tested) apart from the run it measures.
 */
import { HALO_PAGE_SIZE } from "@/lib/halo/listing";
import { HUDU_PAGE_SIZE } from "@/lib/hudu/client";
import type { RateLimitConfig } from "@/lib/http/rate-limiter";
import type { PlanItem } from "@/lib/sync/types";

/** Hudu serves asset layouts 25 a page whatever page_size says. */
const HUDU_LAYOUT_PAGE = 25;

/**
 * A published limit with every duration divided by `scale` (the limit stays), as the simulators'
 * rateLimitScale does, including the margin the client keeps for clock differences (a minute's
 * second becomes 40 ms at 25×), so the scaled run is the real one played faster.
 */
export function scaleClientLimit(config: RateLimitConfig, scale: number): Required<RateLimitConfig> {
  const shrink = (ms: number) => Math.max(1, Math.round(ms / scale));
  const margin = config.marginMs ?? Math.min(1000, Math.round(config.windowMs * 0.05));
  return {
    limit: config.limit,
    windowMs: shrink(config.windowMs),
    resetWindowMs: shrink(config.resetWindowMs ?? config.windowMs),
    marginMs: Math.round(margin / scale),
  };
}

/**
 * The least time `requests` can take at `limit` per `windowMs`, answers taking `answerMs`: the
 * first `limit` may go at once, each further `limit` one window later (a rolling window frees a
 * slot a window after it was used; a fixed window gives a new budget each window), and the last
 * answer takes `answerMs`. Below one window's worth, only the answer time is left.
 */
export function floorMs(requests: number, config: Pick<RateLimitConfig, "limit" | "windowMs">, answerMs: number): number {
  if (requests <= 0) return 0;
  return (Math.ceil(requests / config.limit) - 1) * config.windowMs + answerMs;
}

/** Pages a Hudu sweep reads: every full page, then the short or empty one that ends it (Hudu sends no totals). */
export function huduSweepPages(records: number, pageSize = HUDU_PAGE_SIZE): number {
  return Math.floor(records / pageSize) + 1;
}

/** Pages a Halo sweep reads: Halo says how many records there are, so the last page ends it (one page when there are none). */
export function haloSweepPages(records: number): number {
  return Math.max(1, Math.ceil(records / HALO_PAGE_SIZE));
}

export interface HaloCounts {
  clients: number;
  sites: number;
  users: number;
  contracts: number;
}

/** One token, then one paged sweep per type (inactive records included: the planner applies the options). */
export function fewestHaloRequests(counts: HaloCounts): { reads: number; token: number } {
  const reads = haloSweepPages(counts.clients) + haloSweepPages(counts.sites) + haloSweepPages(counts.users) + haloSweepPages(counts.contracts);
  return { reads, token: 1 };
}

export interface HuduCounts {
  activeCompanies: number;
  archivedCompanies: number;
  layouts: number;
  /** Per chosen layout: its active and its archived assets. */
  assets: Array<{ active: number; archived: number }>;
}

/** Companies (active, then archived), the layouts, and each chosen layout's assets (active, then archived). */
export function fewestHuduReads(counts: HuduCounts): number {
  let pages = huduSweepPages(counts.activeCompanies) + huduSweepPages(counts.archivedCompanies) + huduSweepPages(counts.layouts, HUDU_LAYOUT_PAGE);
  for (const layout of counts.assets) pages += huduSweepPages(layout.active) + huduSweepPages(layout.archived);
  return pages;
}

/**
 * The Hudu writes an item needs: one to create or update a record, one to archive an asset, one
 * more to unarchive an asset before its update. A company is never archived (the import leaves
 * it), and unchanged or skipped items need none.
 */
export function huduWritesFor(item: Pick<PlanItem, "type" | "action" | "write">): number {
  switch (item.action) {
    case "create":
      return 1;
    case "update":
      return item.write?.kind === "asset" && item.write.unarchive ? 2 : 1;
    case "archive":
      return item.type === "company" ? 0 : 1;
    default:
      return 0;
  }
}

/** Whether a simulator count key ("POST /api/v1/companies/:id/assets") changes something. */
export function isWriteKey(key: string): boolean {
  return /^(POST|PUT|PATCH|DELETE) /.test(key);
}
