/**
 * A sweep's records as they are read, for one reader that may lag behind: the sweep never waits
 * for the reader (Halo's budget is best spent as it comes), and what the reader has taken is no
 * longer held. The import plans Halo's users from one of these, so 60,000 of them are never in
 * memory at once. `end(error)` makes the reader's loop throw that error once it has caught up.
 */
export class RecordQueue<T> implements AsyncIterable<T> {
  private waiting: T[] = [];
  private ended = false;
  private failure: { error: unknown } | undefined;
  private wake: (() => void) | undefined;
  private taken = false;

  push(record: T): void {
    this.waiting.push(record);
    this.wake?.();
  }

  end(error?: unknown): void {
    this.ended = true;
    if (error !== undefined) this.failure = { error };
    this.wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T> {
    // One reader: a second would silently get only what the first left.
    if (this.taken) throw new Error("A RecordQueue has one reader.");
    this.taken = true;
    for (;;) {
      if (this.waiting.length > 0) {
        const batch = this.waiting;
        this.waiting = [];
        yield* batch;
        continue;
      }
      if (this.failure) throw this.failure.error;
      if (this.ended) return;
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = undefined;
    }
  }
}
