/**
 * Turns the one-record-at-a-time calls of a page of records into batch calls (HubSpot 100 per call,
 * QBO 30 per batch or one IN query), without a second code path: every record of a page runs the
 * same `syncRecord`, concurrently, and its vendor calls go through loaders. A loader call parks the
 * record; when every record still running is parked (or a loader's queue is full), the queued calls
 * go out as batches and each record resumes with its own answer.
 *
 * Deterministic, no timers: the flush happens exactly when no record can make progress without it —
 * every running record waits, and none waits on a batch already sent. A record waiting on a sent batch
 * will move on when its answer comes, and usually to the same next call as the records already queued
 * there: flushing then would split one page's calls into many small batches (records come back from
 * the vendor batch by batch, at the rate budget's pace). So a page moves call by call, each call one
 * batch per `maxBatch` records, which is the fewest calls the vendors' batch sizes allow.
 * A record is one unit (tracked through AsyncLocalStorage), however many calls it has waiting, so a
 * record that waits on several things at once (use `loadMany` for a list) is counted once. A record
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
  /**
   * Reads only: items with the same key are one item of the batch, its answer given to every record
   * that asked (a page of invoices asking for the same 200 items takes 2 slots of 100, not 30).
   */
  keyOf?(item: I): string;
}

interface Waiter {
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
  unit: Unit | undefined;
}

interface Pending {
  item: unknown;
  waiters: Waiter[];
  sent: boolean;
}

interface Queue {
  loader: BatchLoader<unknown, unknown>;
  pending: Pending[];
  /** Items by the loader's key, queued or sent and not answered yet, for loaders that have one. */
  byKey: Map<string, Pending>;
}

/** One running record (or records that must go one after another): how many of its calls wait, and how many of those were sent. */
interface Unit {
  waiting: number;
  sent: number;
  /** How many times it was answered and moved on: how far along the page's sequence of calls it is. */
  stage: number;
}

const currentUnit = new AsyncLocalStorage<Unit>();

export class PageBatcher {
  private running = 0;
  private parkedUnits = 0;
  /** Units with a call in a batch that was sent and has not answered yet. */
  private unitsAwaitingSent = 0;
  private readonly queues = new Map<string, Queue>();

  /**
   * Runs units of work side by side. All are counted before any starts, so the first to park does not
   * trigger a batch of one.
   */
  runAll<T>(units: Array<() => Promise<T>>): Promise<Array<PromiseSettledResult<T>>> {
    this.running += units.length;
    return Promise.allSettled(
      units.map((work) =>
        currentUnit.run({ waiting: 0, sent: 0, stage: 0 }, async () => {
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
        queue = { loader, pending: [], byKey: new Map() };
        this.queues.set(loader.name, queue);
      }
      const unit = currentUnit.getStore();
      if (unit && unit.waiting++ === 0) this.parkedUnits++;
      const waiter: Waiter = { resolve: resolve as (value: unknown) => void, reject, unit };
      const key = loader.keyOf?.(item);
      const same = key === undefined ? undefined : queue.byKey.get(key);
      if (same) {
        same.waiters.push(waiter);
        if (same.sent) this.markSent(waiter);
      } else {
        const pending: Pending = { item, waiters: [waiter], sent: false };
        queue.pending.push(pending);
        if (key !== undefined) queue.byKey.set(key, pending);
        if (queue.pending.length >= loader.maxBatch) this.send(queue, this.take(queue));
      }
      this.flushIfStuck();
    });
  }

  private flushIfStuck(): void {
    if (this.parkedUnits === 0 || this.parkedUnits < this.running || this.unitsAwaitingSent > 0) return;
    // Records furthest behind go first: a record one call behind the rest (its first batch was the
    // partial one) then catches up and shares the others' next batch instead of trailing in its own.
    const stageOf = (w: Waiter) => w.unit?.stage ?? -1;
    let behind = Infinity;
    for (const queue of this.queues.values()) for (const p of queue.pending) for (const w of p.waiters) behind = Math.min(behind, stageOf(w));
    for (const queue of this.queues.values()) {
      if (!queue.pending.some((p) => p.waiters.some((w) => stageOf(w) === behind))) continue;
      while (queue.pending.length > 0) this.send(queue, this.take(queue));
    }
  }

  private take(queue: Queue): Pending[] {
    return queue.pending.splice(0, queue.loader.maxBatch);
  }

  private markSent(w: Waiter): void {
    if (w.unit && w.unit.sent++ === 0) this.unitsAwaitingSent++;
  }

  private send(queue: Queue, batch: Pending[]): void {
    if (batch.length === 0) return;
    for (const p of batch) {
      p.sent = true;
      p.waiters.forEach((w) => this.markSent(w));
    }
    const settle = (each: (w: Waiter, i: number) => void) => {
      // An answered item is not joined any more: a later ask is a new read.
      const loader = queue.loader;
      if (loader.keyOf) {
        for (const p of batch) {
          const key = loader.keyOf(p.item);
          if (queue.byKey.get(key) === p) queue.byKey.delete(key);
        }
      }
      // Records that joined while the call was out are answered too (the waiters list is read now).
      const waiters = batch.flatMap((p) => p.waiters);
      // Unpark before resuming anyone, so a record that parks again is counted against the right total.
      for (const w of waiters) {
        if (!w.unit) continue;
        if (--w.unit.sent === 0) this.unitsAwaitingSent--;
        if (--w.unit.waiting === 0) {
          this.parkedUnits--;
          w.unit.stage++;
        }
      }
      batch.forEach((p, i) => p.waiters.forEach((w) => each(w, i)));
      // Records still waiting on queued calls (several calls at once) may be all that is left.
      this.flushIfStuck();
    };
    queue.loader.load(batch.map((p) => p.item)).then(
      (answers) =>
        settle((w, i) => {
          const answer = answers[i];
          if (answer instanceof Error) w.reject(answer);
          else if (i >= answers.length) w.reject(new Error(`${queue.loader.name}: no answer for item ${i}`));
          else w.resolve(answer);
        }),
      (err: unknown) => settle((w) => w.reject(err)),
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
