"use client";

import { useState } from "react";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Alert, Button } from "@/components/ui/form";
import { formatCount } from "@/components/ui/format";
import type { MatcherReview } from "@/lib/sync/matchers";
import { reviewMatchersAction, saveMatcherOptionsAction, writeMatchersAction } from "../actions";

type Message = { tone: "success" | "error" | "info"; text: string };

/**
 * The option to write the board's decisions into Hudu's own Halo matchers, so Hudu's native
 * integration (when it is switched on too) uses the same matches; with a check of what would
 * change and a way to write it now.
 */
export function MatchersOption({ canEdit, write: savedWrite, integrationId: savedId }: { canEdit: boolean; write: boolean; integrationId: number | null }) {
  const [write, setWrite] = useState(savedWrite);
  const [integrationId, setIntegrationId] = useState(savedId === null ? "" : String(savedId));
  const [review, setReview] = useState<MatcherReview | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  const [pending, setPending] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const dirty = write !== savedWrite || integrationId !== (savedId === null ? "" : String(savedId));

  async function act(name: string, work: () => Promise<void>) {
    setPending(name);
    setMessage(null);
    try {
      await work();
    } catch {
      setMessage({ tone: "error", text: "Could not reach the server. Check your connection and try again." });
    } finally {
      setPending(null);
    }
  }

  const check = () =>
    act("check", async () => {
      const result = await reviewMatchersAction({});
      if (result.status === "ok" && result.data) setReview(result.data);
      else setMessage({ tone: "error", text: result.message ?? "Could not read Hudu's matchers." });
    });

  const save = () =>
    act("save", async () => {
      const result = await saveMatcherOptionsAction({ write, integrationId: integrationId.trim() === "" ? null : integrationId.trim() });
      setMessage({ tone: result.status === "ok" ? "success" : "error", text: result.message ?? "" });
    });

  const writeNow = (expected: number) =>
    act("write", async () => {
      const result = await writeMatchersAction({ expected });
      setMessage({ tone: result.status === "ok" ? "success" : "error", text: result.message ?? "" });
      setReview(null);
    });

  const changes = review?.status === "ok" ? review.changes : [];

  return (
    <section className="space-y-2 rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm" aria-labelledby="matchers-title">
      <h2 id="matchers-title" className="text-sm font-semibold">
        Hudu&apos;s own Halo integration
      </h2>
      <p className="max-w-3xl text-xs text-slate-600">
        When Hudu&apos;s own Halo integration is switched on too, it keeps its own list of which Halo client is which Hudu company (its
        matchers). This can write the board&apos;s matches into it, so both agree. Hudu cannot create matchers: only those its integration
        already made are updated.
      </p>
      <div className="flex flex-wrap items-end gap-4">
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={write} disabled={!canEdit || pending !== null} onChange={(e) => setWrite(e.target.checked)} />
          Update Hudu&apos;s matchers with each import
        </label>
        <label className="text-xs text-slate-600">
          <span className="block">Halo integration id in Hudu (optional)</span>
          <input
            inputMode="numeric"
            value={integrationId}
            disabled={!canEdit || pending !== null}
            onChange={(e) => setIntegrationId(e.target.value.replace(/\D/g, ""))}
            placeholder="found from the companies"
            className="w-48 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
          />
        </label>
        {canEdit ? (
          <Button type="button" variant="secondary" disabled={!dirty || pending !== null} onClick={() => void save()}>
            Save
          </Button>
        ) : null}
        <Button type="button" variant="secondary" disabled={pending !== null} onClick={() => void check()}>
          {pending === "check" ? "Reading Hudu's matchers…" : "Check Hudu's matchers"}
        </Button>
      </div>
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      {review && review.status !== "ok" ? <Alert tone={review.status === "no-integration" ? "warning" : "error"}>{review.message}</Alert> : null}
      {review?.status === "ok" ? (
        <div className="space-y-2 text-sm" data-testid="matcher-review">
          <p>
            Integration {review.integrationId}: {formatCount(review.matchers)} matchers. <strong>{formatCount(changes.length)}</strong> point elsewhere than the
            board, {formatCount(review.agreeing)} agree, {formatCount(review.withoutDecision)} have no match on the board (left as they are).
          </p>
          {changes.length ? (
            <ul className="max-h-48 list-disc overflow-y-auto pl-5 text-xs">
              {changes.slice(0, 200).map((c) => (
                <li key={c.matcherId}>
                  {c.name}: {c.fromCompanyName ?? "not linked"} → <span className="font-medium">{c.toCompanyName}</span>
                </li>
              ))}
            </ul>
          ) : null}
          {canEdit && changes.length ? (
            <Button type="button" disabled={pending !== null} onClick={() => setConfirming(true)}>
              Write {formatCount(changes.length)} matcher{changes.length === 1 ? "" : "s"} now…
            </Button>
          ) : null}
        </div>
      ) : null}
      {confirming ? (
        <ConfirmDialog
          title="Update Hudu's matchers?"
          confirmLabel={`Update ${formatCount(changes.length)} in Hudu`}
          onClose={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            void writeNow(changes.length);
          }}
        >
          <p>
            {formatCount(changes.length)} of Hudu&apos;s Halo matchers will point to the companies the board matched. Hudu&apos;s own integration then
            syncs those Halo clients into those companies.
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
