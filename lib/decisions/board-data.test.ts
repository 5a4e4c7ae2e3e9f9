import { describe, expect, it } from "vitest";
import { boardSortKey } from "./board-data";

describe("boardSortKey", () => {
  it("sorts by the words people read, not by markup or a leading emoji", () => {
    const names = ["Zeta Dental", "<b>Acme Plumbing</b>", "🚀 Beta Labs", "  Gamma Ltd", "alpha & Co"];
    expect([...names].sort((a, b) => boardSortKey(a).localeCompare(boardSortKey(b), "en", { sensitivity: "base" }))).toEqual([
      "<b>Acme Plumbing</b>",
      "alpha & Co",
      "🚀 Beta Labs",
      "  Gamma Ltd",
      "Zeta Dental",
    ]);
  });
});
