import { describe, expect, it } from "vitest";
import { RecordQueue } from "./record-queue";

async function readAll<T>(queue: RecordQueue<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const record of queue) out.push(record);
  return out;
}

describe("RecordQueue", () => {
  it("hands over records pushed before and while the reader reads, then ends", async () => {
    const queue = new RecordQueue<number>();
    queue.push(1);
    const reading = readAll(queue);
    await Promise.resolve();
    queue.push(2);
    setTimeout(() => {
      queue.push(3);
      queue.end();
    }, 5);
    expect(await reading).toEqual([1, 2, 3]);
  });

  it("gives the reader everything pushed before a failure, then throws it", async () => {
    const queue = new RecordQueue<string>();
    const seen: string[] = [];
    queue.push("a");
    queue.end(new Error("Halo stopped answering"));
    await expect(
      (async () => {
        for await (const record of queue) seen.push(record);
      })(),
    ).rejects.toThrow("Halo stopped answering");
    expect(seen).toEqual(["a"]);
  });

  it("refuses a second reader", async () => {
    const queue = new RecordQueue<number>();
    queue.end();
    await readAll(queue);
    await expect(readAll(queue)).rejects.toThrow("one reader");
  });
});
