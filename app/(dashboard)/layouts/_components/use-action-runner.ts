"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { ActionResult } from "@/lib/auth/session";

export interface ActionMessage {
  tone: "success" | "error";
  text: string;
  /** Details shown as a list under the text (e.g. each step done). */
  lines?: string[];
}

/**
 * Runs one server action at a time, keeps its answer in plain words, and reloads the page's
 * server data after it (the layout states are read from Hudu on the server).
 */
export function useActionRunner() {
  const router = useRouter();
  const [pending, setPending] = useState<string | null>(null);
  const [message, setMessage] = useState<ActionMessage | null>(null);

  async function run<T>(name: string, action: () => Promise<ActionResult<T>>): Promise<ActionResult<T> | null> {
    setPending(name);
    setMessage(null);
    try {
      const result = await action();
      const lines = result.status === "ok" && result.data && typeof result.data === "object" && "lines" in result.data ? (result.data as { lines?: unknown }).lines : undefined;
      setMessage({
        tone: result.status === "ok" ? "success" : "error",
        text: result.message ?? (result.status === "ok" ? "Done." : "That did not work."),
        lines: Array.isArray(lines) && lines.every((l) => typeof l === "string") ? lines : undefined,
      });
      if (result.status === "ok") router.refresh();
      return result;
    } catch {
      setMessage({ tone: "error", text: "Could not reach the server. Check your connection and try again." });
      return null;
    } finally {
      setPending(null);
    }
  }

  return { pending, message, setMessage, run };
}
