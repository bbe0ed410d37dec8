/**
 * Turns the one-record-at-a-time calls of a page of records into batch calls (HubSpot 100 per call,
 * QBO 30 per batch or one IN query), without a second code path: every record of a page runs the
 * same `syncRecord`, concurrently, and its vendor calls go through loaders. A loader call parks the
 * record; when every record still running is parked (or a loader's queue is full), the queued calls
 * go out as batches and each record resumes with its own answer.
 *
 * Deterministic, no timers: the flush happens exactly when no record can make progress without an
 * answer. Outside a page (a webhook's single record) loaders call the batch function with one item.
 */

/** One kind of batchable call. `load` answers item by item, in order; an Error fails only its own item. */
export interface BatchLoader<I, O> {
  name: string;
  maxBatch: number;
  load(items: I[]): Promise<Array<O | Error>>;
}

interface Pending {
  item: unknown;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

interface Queue {
  loader: BatchLoader<unknown, unknown>;
  pending: Pending[];
}

export class PageBatcher {
  private running = 0;
  private parked = 0;
  private readonly queues = new Map<string, Queue>();

  /**
   * Runs units of work (a record, or records that must go one after another) side by side. All are
   * counted before any starts, so the first to park does not trigger a batch of one.
   */
  runAll<T>(units: Array<() => Promise<T>>): Promise<Array<PromiseSettledResult<T>>> {
    this.running += units.length;
    return Promise.allSettled(
      units.map(async (unit) => {
        try {
          return await unit();
        } finally {
          this.running--;
          this.flushIfStuck();
        }
      }),
    );
  }

  load<I, O>(loader: BatchLoader<I, O>, item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      let queue = this.queues.get(loader.name);
      if (!queue) {
        queue = { loader: loader, pending: [] };
        this.queues.set(loader.name, queue);
      }
      queue.pending.push({ item, resolve: resolve as (value: unknown) => void, reject });
      this.parked++;
      if (queue.pending.length >= loader.maxBatch) this.send(queue, queue.pending.splice(0, loader.maxBatch));
      this.flushIfStuck();
    });
  }

  private flushIfStuck(): void {
    if (this.parked === 0 || this.parked < this.running) return;
    for (const queue of this.queues.values()) {
      while (queue.pending.length > 0) this.send(queue, queue.pending.splice(0, queue.loader.maxBatch));
    }
  }

  private send(queue: Queue, batch: Pending[]): void {
    if (batch.length === 0) return;
    const settle = (each: (p: Pending, i: number) => void) => {
      // Unpark before resuming anyone, so a record that parks again is counted against the right total.
      this.parked -= batch.length;
      batch.forEach(each);
    };
    queue.loader.load(batch.map((p) => p.item)).then(
      (answers) =>
        settle((p, i) => {
          const answer = answers[i];
          if (answer instanceof Error) p.reject(answer);
          else if (i >= answers.length) p.reject(new Error(`${queue.loader.name}: no answer for item ${i}`));
          else p.resolve(answer);
        }),
      (err: unknown) => settle((p) => p.reject(err)),
    );
  }
}

/** A loader call: batched when the caller runs inside a page, a batch of one otherwise. */
export async function loadOne<I, O>(batcher: PageBatcher | undefined, loader: BatchLoader<I, O>, item: I): Promise<O> {
  if (batcher) return batcher.load(loader, item);
  const [answer] = await loader.load([item]);
  if (answer instanceof Error) throw answer;
  return answer as O; // `undefined` is a legitimate answer of a read (not found)
}
