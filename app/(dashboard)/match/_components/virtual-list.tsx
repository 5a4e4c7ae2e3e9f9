"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { useRef, type ReactNode } from "react";

/**
 * A fixed-row-height virtualised list: only the rows in view (plus a few) are in the DOM, so
 * thousands of rows scroll smoothly and drop targets stay few.
 */
export function VirtualList<T>({
  rows,
  rowHeight,
  getKey,
  getLabel,
  renderRow,
  label,
  empty,
}: {
  rows: T[];
  rowHeight: number;
  getKey: (row: T) => string | number;
  /** The row's accessible name (tests and screen readers find rows by it). */
  getLabel: (row: T) => string;
  renderRow: (row: T) => ReactNode;
  label: string;
  empty: ReactNode;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualiser is read during render by design
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 6,
    getItemKey: (index) => getKey(rows[index]),
  });
  return (
    <div ref={scrollRef} className="h-full overflow-y-auto overscroll-contain" data-virtual-list={label}>
      {rows.length === 0 ? (
        <div className="p-6 text-center text-sm text-slate-500">{empty}</div>
      ) : (
        <div role="list" aria-label={label} className="relative w-full" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => (
            <div
              key={item.key}
              role="listitem"
              aria-label={getLabel(rows[item.index])}
              className="absolute left-0 top-0 w-full"
              style={{ height: item.size, transform: `translateY(${item.start}px)` }}
            >
              {renderRow(rows[item.index])}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
