import { expect, type Page } from "@playwright/test";

interface TabStep {
  /** "end" once focus leaves the page, "repeat" once it comes round to a stop seen before. */
  kind: "stop" | "end" | "repeat";
  what: string;
  shown: boolean;
  inDialog: boolean;
  /** The stop before this one, now that focus has left it: did it look different while focused? */
  previous: { what: string; marked: boolean } | null;
}

/** Runs in the page after each Tab: where focus is, whether it can be seen, and how the last stop fared. */
function readTabStep(): TabStep {
  type Memory = { seen: WeakSet<Element>; last: { el: Element; what: string; look: string } | null };
  const w = window as unknown as { __tabWalk?: Memory };
  const memory = (w.__tabWalk ??= { seen: new WeakSet(), last: null });
  // What a focus mark changes: an outline, a ring (box-shadow), a border or a background.
  const look = (node: Element) => {
    const s = getComputedStyle(node);
    return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow, s.borderColor, s.backgroundColor].join("|");
  };
  const previous = memory.last ? { what: memory.last.what, marked: look(memory.last.el) !== memory.last.look } : null;

  const el = document.activeElement;
  if (!el || el === document.body) {
    memory.last = null;
    return { kind: "end", what: "", shown: true, inDialog: true, previous };
  }
  const label = el.getAttribute("aria-label") ?? el.textContent?.trim().slice(0, 40) ?? "";
  const what = `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}> "${label}"`;
  const kind = memory.seen.has(el) ? "repeat" : "stop";
  memory.seen.add(el);
  memory.last = { el, what, look: look(el) };

  const rect = el.getBoundingClientRect();
  let opacity = 1;
  for (let node: Element | null = el; node; node = node.parentElement) opacity *= Number(getComputedStyle(node).opacity);
  const shown =
    rect.width > 0 &&
    rect.height > 0 &&
    opacity > 0.5 &&
    getComputedStyle(el).visibility !== "hidden" &&
    rect.bottom > 0 &&
    rect.top < window.innerHeight &&
    rect.right > 0 &&
    rect.left < window.innerWidth;
  const dialog = document.querySelector("dialog[open]");
  return { kind, what, shown, inDialog: !dialog || dialog.contains(el), previous };
}

/**
 * Tabs through the page from the top (up to `maxStops` stops) and fails if a stop is hidden, off
 * screen, looks no different when focused, or is outside an open modal dialog: what keeps a page
 * usable without a mouse (axe cannot see these).
 */
export async function expectKeyboardWalk(page: Page, label: string, maxStops = 60): Promise<void> {
  await page.evaluate(() => {
    // Tab continues from where focus last was (after a click, the clicked button): focusing and
    // removing a marker at the top of the page (or of the open dialog) starts the walk there.
    const marker = document.createElement("span");
    marker.tabIndex = -1;
    (document.querySelector("dialog[open]") ?? document.body).prepend(marker);
    marker.focus();
    marker.remove();
    delete (window as unknown as { __tabWalk?: unknown }).__tabWalk;
  });
  const problems: string[] = [];
  let stops = 0;
  for (let i = 0; i <= maxStops; i++) {
    await page.keyboard.press("Tab");
    const step = await page.evaluate(readTabStep);
    if (step.previous && !step.previous.marked) problems.push(`${step.previous.what}: looks the same focused and not`);
    if (step.kind !== "stop" || i === maxStops) break;
    stops++;
    if (!step.shown) problems.push(`${step.what}: focused but not visible on screen`);
    if (!step.inDialog) problems.push(`${step.what}: focus left the open dialog`);
  }
  expect(stops, `keyboard on ${label}: Tab reaches something`).toBeGreaterThan(0);
  expect(problems, `keyboard on ${label}`).toEqual([]);
}
