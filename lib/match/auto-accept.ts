import type { PairFeatures } from "./score";

/**
 * When a suggestion may be accepted without a human: only when it is strong, unique, clearly ahead
 * of the runner-up, and when no other Halo client wants the same Hudu company about as much.
 * A wrong auto-accept puts one customer's data into another's documentation, so every rule here
 * errs towards asking.
 */

export interface AutoAcceptSettings {
  threshold: number;
  margin: number;
}

export const DEFAULT_AUTO_ACCEPT: AutoAcceptSettings = { threshold: 0.85, margin: 0.15 };

export function hasIdEvidence(f: PairFeatures): boolean {
  return f.link || f.integration || f.stamp;
}

/**
 * Evidence of two different bodies. Legal forms of different countries (a US "Inc" and an
 * Australian "Pty Ltd") and different branches ("Firm (Whitby)" / "Firm, Malton") share names and
 * often websites, so nothing outweighs them; a phone abroad is outweighed by the same name and
 * website (see `phoneOutweighed`).
 */
export function hasConflict(f: PairFeatures): boolean {
  return (
    f.domainConflict !== null ||
    f.pageConflict ||
    (f.phoneCountriesDiffer && !f.phoneOutweighed) ||
    f.claimedBy !== null ||
    f.legalForms === "conflict" ||
    f.name.branch.relation === "different"
  );
}

/**
 * Names alone decide only when they are equal after normalising; a similar name needs a website or
 * phone to agree too, and with an unrelated name both website and phone must agree. Names that
 * each hold a word the other lacks ("Firm Whitby" / "Firm Malton") are not taken as related on a
 * website alone: branches of one firm share a website, not a phone.
 */
export function hasEnoughSupport(f: PairFeatures): boolean {
  const k = f.name.kind;
  const nameEqual = k === "same" || k === "normalised" || k === "nickname";
  const nameRelated = (k === "similar" && f.name.similarity >= 0.55 && !(f.name.wordsDifferBothSides && f.phone !== "same")) || k === "acronym";
  const others = (f.site ? 1 : 0) + (f.phone === "same" ? 1 : 0);
  if (others >= 2) return true;
  if (others >= 1) return nameEqual || nameRelated;
  // Name alone: only a distinctive name (different branches are a conflict, see hasConflict).
  return nameEqual && f.nameIsDistinctive;
}

/** The client-level test: best candidate against its own runner-up. */
export function isLocallyAutoAcceptable(
  best: PairFeatures | undefined,
  runnerUp: PairFeatures | undefined,
  settings: AutoAcceptSettings = DEFAULT_AUTO_ACCEPT,
): boolean {
  if (!best) return false;
  if (hasIdEvidence(best)) return !(runnerUp && hasIdEvidence(runnerUp));
  if (runnerUp && hasIdEvidence(runnerUp)) return false;
  if (best.score < settings.threshold) return false;
  if (hasConflict(best)) return false;
  if (runnerUp && runnerUp.score > best.score - settings.margin) return false;
  return hasEnoughSupport(best);
}

export interface Claim {
  clientIdx: number;
  features: PairFeatures;
}

export interface GlobalVerdict {
  autoAccept: boolean;
  /** Set when another client stops this one being auto-accepted. */
  rival?: { clientIdx: number; score: number; better: boolean };
}

/**
 * One Hudu company goes to at most one Halo client: across all clients' candidate lists, the best
 * claim on each company wins; the others lose auto-accept, and the winner keeps it only if it is
 * clearly ahead of the next claim.
 */
export function resolveAutoAccept(
  candidatesPerClient: ReadonlyArray<readonly PairFeatures[]>,
  locallyOk: readonly boolean[],
  settings: AutoAcceptSettings = DEFAULT_AUTO_ACCEPT,
): GlobalVerdict[] {
  const top = new Map<number, [Claim | null, Claim | null]>();
  const better = (a: Claim, b: Claim) =>
    a.features.score !== b.features.score ? a.features.score > b.features.score : hasIdEvidence(a.features) && !hasIdEvidence(b.features);
  candidatesPerClient.forEach((list, clientIdx) => {
    for (const features of list) {
      const claim = { clientIdx, features };
      const slot = top.get(features.huduIdx) ?? [null, null];
      if (!slot[0] || better(claim, slot[0])) slot.splice(0, 2, claim, slot[0]);
      else if (!slot[1] || better(claim, slot[1])) slot[1] = claim;
      top.set(features.huduIdx, slot);
    }
  });

  return candidatesPerClient.map((list, clientIdx) => {
    const best = list[0];
    if (!best || !locallyOk[clientIdx]) return { autoAccept: false };
    const [first, second] = top.get(best.huduIdx) ?? [null, null];
    if (first && first.clientIdx !== clientIdx) {
      return { autoAccept: false, rival: { clientIdx: first.clientIdx, score: first.features.score, better: true } };
    }
    const rival = second && second.clientIdx !== clientIdx ? second : null;
    if (!rival) return { autoAccept: true };
    if (hasIdEvidence(best)) {
      return hasIdEvidence(rival.features)
        ? { autoAccept: false, rival: { clientIdx: rival.clientIdx, score: rival.features.score, better: false } }
        : { autoAccept: true };
    }
    if (rival.features.score > best.score - settings.margin) {
      return { autoAccept: false, rival: { clientIdx: rival.clientIdx, score: rival.features.score, better: false } };
    }
    return { autoAccept: true };
  });
}
