/**
 * Turns the one-record-at-a-time calls of a page of records into batch calls (HubSpot 100 per call,
 * QBO 30 per batch or one IN query), without a second code path: every record of a page runs the
 * same `syncRecord`, concurrently, and its vendor calls go through loaders. A loader call parks the
 * record; when every record still running is parked (or a loader's queue is full), the queued calls
 * go out as batches and each record resumes with its own answer.
 *
 * Deterministic, no timers: the flush happens exactly when no record can make progress without an
 * answer. A record is one unit (tracked through AsyncLocalStorage), however many calls it has waiting,
 * so a record that waits on several things at once (use `loadMany` for a list) is counted once. A record
 * with one branch waiting and another still busy counts as parked: that can flush a little early,
 * never late, and never changes an answer. Outside a page (a webhook's single record) loaders call the
 * batch function directly.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

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
  unit: Unit | undefined;
}

interface Queue {
  loader: BatchLoader<unknown, unknown>;
  pending: Pending[];
}

/** One running record (or records that must go one after another): how many of its calls wait. */
interface Unit {
  waiting: number;
}

const currentUnit = new AsyncLocalStorage<Unit>();

export class PageBatcher {
  private running = 0;
  private parkedUnits = 0;
  private readonly queues = new Map<string, Queue>();

  /**
   * Runs units of work side by side. All are counted before any starts, so the first to park does not
   * trigger a batch of one.
   */
  runAll<T>(units: Array<() => Promise<T>>): Promise<Array<PromiseSettledResult<T>>> {
    this.running += units.length;
    return Promise.allSettled(
      units.map((work) =>
        currentUnit.run({ waiting: 0 }, async () => {
          try {
            return await work();
          } finally {
            this.running--;
            this.flushIfStuck();
          }
        }),
      ),
    );
  }

  load<I, O>(loader: BatchLoader<I, O>, item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      let queue = this.queues.get(loader.name);
      if (!queue) {
        queue = { loader: loader, pending: [] };
        this.queues.set(loader.name, queue);
      }
      const unit = currentUnit.getStore();
      if (unit && unit.waiting++ === 0) this.parkedUnits++;
      queue.pending.push({ item, resolve: resolve as (value: unknown) => void, reject, unit });
      if (queue.pending.length >= loader.maxBatch) this.send(queue, queue.pending.splice(0, loader.maxBatch));
      this.flushIfStuck();
    });
  }

  private flushIfStuck(): void {
    if (this.parkedUnits === 0 || this.parkedUnits < this.running) return;
    for (const queue of this.queues.values()) {
      while (queue.pending.length > 0) this.send(queue, queue.pending.splice(0, queue.loader.maxBatch));
    }
  }

  private send(queue: Queue, batch: Pending[]): void {
    if (batch.length === 0) return;
    const settle = (each: (p: Pending, i: number) => void) => {
      // Unpark before resuming anyone, so a record that parks again is counted against the right total.
      for (const p of batch) if (p.unit && --p.unit.waiting === 0) this.parkedUnits--;
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

/** Several calls of one loader from one record: answered together (batches of `maxBatch` outside a page). */
export async function loadMany<I, O>(batcher: PageBatcher | undefined, loader: BatchLoader<I, O>, items: readonly I[]): Promise<O[]> {
  if (items.length === 0) return [];
  if (batcher) return Promise.all(items.map((item) => batcher.load(loader, item)));
  const answers: O[] = [];
  for (let start = 0; start < items.length; start += loader.maxBatch) {
    for (const answer of await loader.load(items.slice(start, start + loader.maxBatch))) {
      if (answer instanceof Error) throw answer;
      answers.push(answer);
    }
  }
  return answers;
}
