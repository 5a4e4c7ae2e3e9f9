import type { ServiceName } from "@/lib/errors";

/**
 * What the request layer reports while it works, for progress displays and logs.
 * Every event carries a plain-words `message` a UI may show as is.
 */
export type HttpEvent =
  | {
      type: "wait";
      service: ServiceName;
      /** pacing: staying under the limit; rate_limited: the server said 429. */
      reason: "pacing" | "rate_limited";
      waitMs: number;
      message: string;
    }
  | {
      type: "retry";
      service: ServiceName;
      /** The attempt that failed (1-based). */
      attempt: number;
      maxAttempts: number;
      delayMs: number;
      reason: string;
      message: string;
    }
  | {
      type: "response";
      service: ServiceName;
      method: string;
      path: string;
      status: number;
      durationMs: number;
      attempt: number;
      message: string;
    };

export type HttpEventHandler = (event: HttpEvent) => void;

export function formatWait(ms: number): string {
  if (ms < 1000) return `${(Math.max(100, ms) / 1000).toFixed(1)} s`;
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 120) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
}
