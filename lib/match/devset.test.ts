import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fixturePaths } from "@/fixtures";
import { evaluateMatches, parseDevset } from "./devset";
import { matchCompanies } from "./index";

const devsetPath = fixturePaths.devset;
const labelsPath = fixturePaths.devsetLabels;

describe("devset quality", () => {
  it("meets the auto-accept and top-1 targets", () => {
    // Deliberately fails (not skips) without the data: a silent skip would hide a quality regression.
    if (!existsSync(devsetPath) || !existsSync(labelsPath)) {
      throw new Error(`Matching devset not found: expected ${devsetPath} and ${labelsPath} (fixtures/matching in the repository).`);
    }
    const ds = parseDevset(JSON.parse(readFileSync(devsetPath, "utf8")), JSON.parse(readFileSync(labelsPath, "utf8")));
    const matches = matchCompanies(ds);
    const r = evaluateMatches(matches, ds.pairs);
    const summary = `precision ${r.autoPrecision.toFixed(3)}, recall ${r.autoRecall.toFixed(3)}, top-1 ${r.top1Accuracy.toFixed(3)}; wrong auto: ${JSON.stringify(r.wrongAuto)}; top-1 misses: ${JSON.stringify(r.topMisses)}`;
    expect(r.autoPrecision, summary).toBeGreaterThanOrEqual(0.99);
    expect(r.autoRecall, summary).toBeGreaterThanOrEqual(0.9);
    expect(r.top1Accuracy, summary).toBeGreaterThanOrEqual(0.97);
    // One Hudu company is auto-matched to at most one Halo client.
    const autoHudu = matches.filter((m) => m.autoAccept).map((m) => m.best!.huduId);
    expect(new Set(autoHudu).size).toBe(autoHudu.length);
  });
});
