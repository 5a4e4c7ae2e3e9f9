import {
  pointerWithin,
  rectIntersection,
  type Announcements,
  type CollisionDetection,
  type KeyboardCoordinateGetter,
} from "@dnd-kit/core";

/**
 * Drag-and-drop rules for the board: a pointer drops on the company under it; the keyboard
 * jumps between companies (right arrow onto the list, up/down to the next company, left arrow
 * back off it) instead of nudging by pixels.
 */

export const boardCollisions: CollisionDetection = (args) =>
  // Keyboard drags have no pointer; they need real overlap so a stray Space drops nowhere.
  args.pointerCoordinates ? pointerWithin(args) : rectIntersection(args);

export const boardKeyboardCoordinates: KeyboardCoordinateGetter = (event, { context }) => {
  const { collisionRect, droppableRects, droppableContainers } = context;
  if (!collisionRect) return undefined;
  const cx = collisionRect.left + collisionRect.width / 2;
  const cy = collisionRect.top + collisionRect.height / 2;
  const targets: Array<{ left: number; top: number; x: number; y: number; width: number; height: number }> = [];
  for (const container of droppableContainers.getEnabled()) {
    const rect = droppableRects.get(container.id);
    if (rect) targets.push({ ...rect, x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 });
  }
  const centreOn = (t: (typeof targets)[number]) => ({
    x: t.x - collisionRect.width / 2,
    y: t.y - collisionRect.height / 2,
  });
  const sameColumn = (t: (typeof targets)[number]) => Math.abs(t.x - cx) < 4;

  switch (event.code) {
    case "ArrowRight": {
      event.preventDefault();
      const candidates = targets.filter((t) => t.x > cx + 4);
      const nearest = candidates.sort((a, b) => Math.abs(a.y - cy) - Math.abs(b.y - cy) || a.x - b.x)[0];
      return nearest ? centreOn(nearest) : undefined;
    }
    case "ArrowDown":
    case "ArrowUp": {
      event.preventDefault();
      const down = event.code === "ArrowDown";
      const candidates = targets.filter((t) => sameColumn(t) && (down ? t.y > cy + 1 : t.y < cy - 1));
      const next = candidates.sort((a, b) => (down ? a.y - b.y : b.y - a.y))[0];
      return next ? centreOn(next) : undefined;
    }
    case "ArrowLeft": {
      event.preventDefault();
      // Back where the drag started: over no company, so Space would drop nowhere.
      const initial = context.active?.rect.current.initial;
      return initial ? { x: initial.left, y: initial.top } : undefined;
    }
    default:
      return undefined;
  }
};

export function boardAnnouncements(names: {
  client: (id: string | number) => string;
  company: (id: string | number) => string;
}): Announcements {
  return {
    onDragStart: ({ active }) =>
      `Picked up ${names.client(active.id)}. Press the right arrow to move onto the Hudu companies, the up and down arrows to choose one, space to drop, escape to cancel.`,
    onDragOver: ({ active, over }) =>
      over ? `${names.client(active.id)} is over ${names.company(over.id)}.` : `${names.client(active.id)} is not over a company.`,
    onDragEnd: ({ active, over }) =>
      over ? `${names.client(active.id)} dropped on ${names.company(over.id)}.` : `${names.client(active.id)} dropped on no company; nothing changed.`,
    onDragCancel: ({ active }) => `Cancelled. ${names.client(active.id)} was not matched.`,
  };
}

export const dragInstructions =
  "To match this Halo client, press space or enter to pick it up, the right arrow to move onto the Hudu companies, the up and down arrows to choose one, then space or enter to drop it, or escape to cancel.";
