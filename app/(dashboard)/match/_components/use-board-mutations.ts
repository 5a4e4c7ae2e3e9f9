"use client";

import { useMutation, useQueryClient, type QueryClient, type UseMutationOptions } from "@tanstack/react-query";
import {
  acceptAutoAction,
  createRemainingAction,
  decideAction,
  refreshSnapshotAction,
  undecideAction,
} from "../actions";
import type { BoardDecision, DecisionKind, DecisionSource } from "@/lib/decisions/types";
import { matchKeys } from "./queries";

/**
 * The board's writes. Each updates the cached decisions at once (optimistic), calls its server
 * action, rolls back and reports on refusal, and refetches the decisions once the last pending
 * write settles (refetching after every one would flicker while clicks are in flight).
 */

export interface DecideVars {
  haloClientId: number;
  kind: DecisionKind;
  huduCompanyId?: number;
  move?: boolean;
  /** For the optimistic row only; the server reads names from the snapshot. */
  haloClientName: string;
  huduCompanyName?: string;
}

export interface BulkVars {
  haloClientIds: number[];
  /** For the optimistic rows. */
  decisions: Array<Omit<DecideVars, "move">>;
}

export type BoardNotice = { tone: "success" | "error" | "info"; text: string };

const MUTATION_KEY = [...matchKeys.all, "write"] as const;

type ActionOutcome = { status: string; message?: string };

function unwrap<T extends ActionOutcome>(result: T): T {
  if (result.status !== "ok") throw new Error(result.message ?? "The change was not saved.");
  return result;
}

function optimistic(vars: Omit<DecideVars, "move">, me: string, source: DecisionSource): BoardDecision {
  return {
    haloClientId: vars.haloClientId,
    kind: vars.kind,
    huduCompanyId: vars.kind === "match" ? (vars.huduCompanyId ?? null) : null,
    haloClientName: vars.haloClientName,
    huduCompanyName: vars.kind === "match" ? (vars.huduCompanyName ?? null) : null,
    decidedBy: me,
    decidedAt: new Date().toISOString(),
    source,
  };
}

function applyDecisions(current: BoardDecision[] | undefined, next: BoardDecision[], move: boolean): BoardDecision[] {
  const replaced = new Set(next.map((d) => d.haloClientId));
  const taken = new Set(next.filter((d) => d.huduCompanyId !== null).map((d) => d.huduCompanyId));
  return [
    ...(current ?? []).filter((d) => !replaced.has(d.haloClientId) && !(move && d.huduCompanyId !== null && taken.has(d.huduCompanyId))),
    ...next,
  ];
}

async function snapshotDecisions(queryClient: QueryClient) {
  await queryClient.cancelQueries({ queryKey: matchKeys.decisions() });
  return { previous: queryClient.getQueryData<BoardDecision[]>(matchKeys.decisions()) };
}

export function useBoardMutations({ me, notify }: { me: string; notify: (notice: BoardNotice) => void }) {
  const queryClient = useQueryClient();
  const setDecisions = (update: (current: BoardDecision[] | undefined) => BoardDecision[] | undefined) =>
    queryClient.setQueryData<BoardDecision[]>(matchKeys.decisions(), update);
  const rollback = (error: Error, _vars: unknown, context: { previous?: BoardDecision[] } | undefined) => {
    if (context) setDecisions(() => context.previous);
    notify({ tone: "error", text: error.message });
  };
  const settle = () => {
    if (queryClient.isMutating({ mutationKey: MUTATION_KEY }) <= 1) {
      void queryClient.invalidateQueries({ queryKey: matchKeys.decisions() });
    }
  };

  const decide = useMutation({
    mutationKey: MUTATION_KEY,
    mutationFn: async ({ haloClientId, kind, huduCompanyId, move }: DecideVars) =>
      unwrap(await decideAction({ haloClientId, kind, huduCompanyId, move })),
    onMutate: async (vars) => {
      const context = await snapshotDecisions(queryClient);
      setDecisions((current) => applyDecisions(current, [optimistic(vars, me, "manual")], Boolean(vars.move)));
      return context;
    },
    onError: rollback,
    onSettled: settle,
  });

  const undecide = useMutation({
    mutationKey: MUTATION_KEY,
    mutationFn: async ({ haloClientId }: { haloClientId: number; name: string }) => unwrap(await undecideAction({ haloClientId })),
    onMutate: async ({ haloClientId }) => {
      const context = await snapshotDecisions(queryClient);
      setDecisions((current) => current?.filter((d) => d.haloClientId !== haloClientId));
      return context;
    },
    onError: rollback,
    onSettled: settle,
  });

  const bulk = (
    action: typeof acceptAutoAction | typeof createRemainingAction,
    source: DecisionSource,
  ): UseMutationOptions<ActionOutcome, Error, BulkVars, { previous?: BoardDecision[] }> => ({
    mutationKey: MUTATION_KEY,
    mutationFn: async ({ haloClientIds }: BulkVars) => unwrap(await action({ haloClientIds })),
    onMutate: async (vars: BulkVars) => {
      const context = await snapshotDecisions(queryClient);
      setDecisions((current) => applyDecisions(current, vars.decisions.map((d) => optimistic(d, me, source)), false));
      return context;
    },
    onSuccess: (result: ActionOutcome) => notify({ tone: "success", text: result.message ?? "Saved." }),
    onError: rollback,
    onSettled: settle,
  });

  const acceptAuto = useMutation(bulk(acceptAutoAction, "auto-accept"));
  const createRemaining = useMutation(bulk(createRemainingAction, "bulk"));

  const refresh = useMutation({
    mutationFn: async () => unwrap(await refreshSnapshotAction({})),
    onSuccess: (result) => {
      if (result.message) notify({ tone: "info", text: result.message });
    },
    onError: (error: Error) => notify({ tone: "error", text: error.message }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: matchKeys.snapshot() }),
  });

  return { decide, undecide, acceptAuto, createRemaining, refresh };
}
