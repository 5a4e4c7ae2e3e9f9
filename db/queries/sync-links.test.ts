import { describe, expect, it } from "vitest";
import { memoryDbPerTest } from "@/db/testing";
import { getSyncLink, listSyncLinks, upsertSyncLink } from "./sync-links";

const memory = memoryDbPerTest();

describe("sync links", () => {
  it("saves a link, then replaces its Hudu side when the same Halo record is linked again", () => {
    const db = memory.db;
    const first = upsertSyncLink({ db, haloType: "contact", haloId: 9, huduId: 100, huduCompanyId: 3, contentHash: "a", syncedAt: new Date(1_000) });
    expect(first).toEqual({ haloType: "contact", haloId: 9, huduId: 100, huduCompanyId: 3, contentHash: "a", syncedAt: new Date(1_000) });
    upsertSyncLink({ db, haloType: "site", haloId: 9, huduId: 200, huduCompanyId: null, contentHash: null, syncedAt: new Date(1_500) });
    const again = upsertSyncLink({ db, haloType: "contact", haloId: 9, huduId: 101, huduCompanyId: null, contentHash: null, syncedAt: new Date(2_000) });
    expect(again).toEqual({ haloType: "contact", haloId: 9, huduId: 101, huduCompanyId: null, contentHash: null, syncedAt: new Date(2_000) });
    expect(getSyncLink({ db, haloType: "contact", haloId: 9 })).toEqual(again);
    expect(listSyncLinks({ db })).toHaveLength(2);
  });
});
