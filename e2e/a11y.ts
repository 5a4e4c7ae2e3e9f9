import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";
import type { Result } from "axe-core";

/** WCAG 2.0 and 2.1, levels A and AA, plus axe's best practices. No rule is turned off. */
export const A11Y_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];

/** One line per element: where it is and what it looks like, so a failure reads without a trace viewer. */
function describeViolation(violation: Result): string {
  const nodes = violation.nodes.map((node) => {
    const snippet = node.html.replace(/\s+/g, " ").slice(0, 160);
    // failureSummary says what to fix (e.g. the measured contrast ratio and the colours).
    const why = (node.failureSummary ?? "").replace(/\s+/g, " ").replace(/^Fix (any|all) of the following: /, "");
    return `    - ${node.target.join(" ")}\n      ${snippet}\n      ${why}`;
  });
  return `  ${violation.id} (${violation.impact ?? "no impact given"}): ${violation.help}\n${nodes.join("\n")}`;
}

/** Scans the page as it is now and fails with a readable list of every violation found. */
export async function expectNoA11yViolations(page: Page, label: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(A11Y_TAGS).analyze();
  const report = violations.map(describeViolation).join("\n");
  expect(violations.length, `Accessibility violations on ${label}:\n${report}`).toBe(0);
}
