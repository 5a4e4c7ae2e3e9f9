"use client";

import { useSyncExternalStore } from "react";
import { formatDateTime, formatRelative } from "./format";

// One shared clock ticking every 30 s; the server (and the first client render) shows the
// absolute time, so hydration never disagrees.
const TICK_MS = 30_000;
let now = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void) {
  listeners.add(listener);
  if (!timer) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      listeners.forEach((l) => l());
    }, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

export function useNow(): number | null {
  return useSyncExternalStore(
    subscribe,
    () => now,
    () => null,
  );
}

export function RelativeTime({ iso }: { iso: string }) {
  const current = useNow();
  return (
    <time dateTime={iso} title={formatDateTime(iso)}>
      {current === null ? formatDateTime(iso) : formatRelative(iso, current)}
    </time>
  );
}
