import { describe, expect, it } from "vitest";
import { HaloListing, PAGES_IN_FLIGHT, type PageResult } from "./listing";
import { haloClientSchema } from "./records";

/** Pages served from an array, the way a server with a page cap would. */
function pager(total: number, opts: { cap?: number; recordCount?: boolean; reported?: number; ignorePageNo?: boolean; odd?: Set<number> } = {}) {
  const all = Array.from({ length: total }, (_, i) => (opts.odd?.has(i + 1) ? { id: i + 1 } : { id: i + 1, name: `Client ${i + 1}` }));
  const asked: Array<{ pageNo: number; pageSize: number }> = [];
  const fetchPage = async (pageNo: number, pageSize: number): Promise<PageResult> => {
    asked.push({ pageNo, pageSize });
    const size = Math.min(pageSize, opts.cap ?? Infinity);
    const start = opts.ignorePageNo ? 0 : (pageNo - 1) * size;
    return { records: all.slice(start, start + size), recordCount: opts.recordCount === false ? undefined : (opts.reported ?? total) };
  };
  return { fetchPage, asked };
}

describe("HaloListing", () => {
  it("reads every record across pages and stops at record_count", async () => {
    const { fetchPage, asked } = pager(250);
    const listing = new HaloListing("client", haloClientSchema, fetchPage);
    const records = await listing.toArray();
    expect(records).toHaveLength(250);
    expect(asked.map((a) => a.pageNo)).toEqual([1, 2, 3]);
    expect(asked.every((a) => a.pageSize === 100)).toBe(true);
    expect(listing.recordCount).toBe(250);
  });

  it("keeps going past short pages when the server caps pages below what we asked", async () => {
    const { fetchPage, asked } = pager(120, { cap: 50 });
    const records = await new HaloListing("client", haloClientSchema, fetchPage).toArray();
    expect(records).toHaveLength(120);
    expect(asked).toHaveLength(3);
  });

  it("without record_count stops on a short page, and on an empty one", async () => {
    const short = pager(130, { recordCount: false });
    expect(await new HaloListing("client", haloClientSchema, short.fetchPage).toArray()).toHaveLength(130);
    expect(short.asked).toHaveLength(2);
    const exact = pager(200, { recordCount: false });
    expect(await new HaloListing("client", haloClientSchema, exact.fetchPage).toArray()).toHaveLength(200);
    expect(exact.asked).toHaveLength(3);
  });

  it("fails the read when the server ignores page_no, instead of looping", async () => {
    const { fetchPage, asked } = pager(500, { ignorePageNo: true });
    const error = await new HaloListing("client", haloClientSchema, fetchPage).toArray().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "bad_response", service: "halo" });
    expect((error as Error).message).toBe("Halo reported 500 clients but sent 100 (it sent the same page of clients twice, so it seems to ignore paging).");
    // The pages record_count announces were asked for ahead; none beyond them.
    expect(asked.map((a) => a.pageNo)).toEqual([1, 2, 3, 4, 5]);
  });

  it("without record_count, a repeated page stops the sweep with a warning (nothing says records are missing)", async () => {
    const { fetchPage, asked } = pager(100, { ignorePageNo: true, recordCount: false });
    const listing = new HaloListing("client", haloClientSchema, fetchPage);
    expect(await listing.toArray()).toHaveLength(100);
    expect(asked).toHaveLength(2);
    expect(listing.problems).toEqual([expect.objectContaining({ scope: "listing", type: "client" })]);
    expect(listing.problems[0].message).toMatch(/same page of clients twice/);
  });

  it("fails the read when the pages end before record_count (an empty page is not the end)", async () => {
    const { fetchPage, asked } = pager(1100, { reported: 1204 });
    const listing = new HaloListing("user", haloClientSchema, fetchPage);
    const error = await listing.toArray().catch((e: unknown) => e);
    expect((error as Error).message).toBe("Halo reported 1,204 users but sent 1,100.");
    // Page 13 was asked for ahead (record_count announced it); page 12 came back empty.
    expect(asked.map((a) => a.pageNo)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    // The same through a server that caps pages lower: short pages never end the sweep early.
    const capped = pager(130, { cap: 50, reported: 131 });
    await expect(new HaloListing("client", haloClientSchema, capped.fetchPage).toArray()).rejects.toThrow("Halo reported 131 clients but sent 130.");
    expect(capped.asked).toHaveLength(4);
  });

  it("skips and reports a record that does not parse, and keeps going (it still counts as seen)", async () => {
    const seen: string[] = [];
    const { fetchPage } = pager(150, { odd: new Set([7, 120]) });
    const listing = new HaloListing("client", haloClientSchema, fetchPage, { onProblem: (p) => seen.push(p.message) });
    const records = await listing.toArray();
    expect(records).toHaveLength(148);
    expect(listing.problems.map((p) => p.id)).toEqual([7, 120]);
    expect(seen[0]).toMatch(/^Skipped Halo client 7: name: the client has no name/);
  });

  it("never yields one id twice when records shift between pages", async () => {
    let call = 0;
    const listing = new HaloListing("client", haloClientSchema, async () => {
      call++;
      if (call === 1) return { records: [{ id: 1, name: "a" }, { id: 2, name: "b" }], recordCount: 3 };
      return { records: [{ id: 2, name: "b" }, { id: 3, name: "c" }], recordCount: 3 };
    }, {}, 2);
    expect((await listing.toArray()).map((r) => r.id)).toEqual([1, 2, 3]);
  });

  it("asks for the pages record_count announces a few ahead, and yields them in order", async () => {
    let inFlight = 0;
    let most = 0;
    const all = Array.from({ length: 5000 }, (_, i) => ({ id: i + 1, name: `Client ${i + 1}` }));
    const listing = new HaloListing("client", haloClientSchema, async (pageNo, pageSize) => {
      inFlight++;
      most = Math.max(most, inFlight);
      // Later pages answer sooner: the order of the answers must not matter.
      await new Promise((resolve) => setTimeout(resolve, 60 - pageNo));
      inFlight--;
      return { records: all.slice((pageNo - 1) * pageSize, pageNo * pageSize), recordCount: all.length };
    });
    expect((await listing.toArray()).map((r) => r.id)).toEqual(all.map((r) => r.id));
    expect(most).toBe(PAGES_IN_FLIGHT);
    expect(listing.pagesRead).toBe(50);
  });

  it("a page that fails while asked ahead fails the sweep in its turn, after the pages before it", async () => {
    const seen: number[] = [];
    const listing = new HaloListing("client", haloClientSchema, async (pageNo, pageSize) => {
      if (pageNo === 3) throw new Error("page 3 broke");
      return { records: Array.from({ length: pageSize }, (_, i) => ({ id: (pageNo - 1) * pageSize + i + 1, name: "c" })), recordCount: 1000 };
    });
    await expect((async () => {
      for await (const record of listing) seen.push(record.id);
    })()).rejects.toThrow("page 3 broke");
    expect(seen).toHaveLength(200);
  });
});
