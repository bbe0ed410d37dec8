import { describe, expect, it } from 'vitest';
import { loadMany, loadOne, PageBatcher, type BatchLoader } from '../../../backend/src/sync/engine/page-batcher.ts';

function doubling(calls: number[][], maxBatch = 10): BatchLoader<number, number> {
  return {
    name: 'double',
    maxBatch,
    load: (items) => {
      calls.push(items);
      return Promise.resolve(items.map((i) => (i < 0 ? new Error(`negative ${i}`) : i * 2)));
    },
  };
}

const values = (outcomes: Array<PromiseSettledResult<number>>) => outcomes.map((o) => (o.status === 'fulfilled' ? o.value : (o.reason as Error).message));
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('PageBatcher', () => {
  it('sends one batch when every running record is waiting, and answers each record with its own result', async () => {
    const batcher = new PageBatcher();
    const calls: number[][] = [];
    const loader = doubling(calls);
    const results = await batcher.runAll(
      [1, 2, 3].map((n) => async () => {
        for (let i = 0; i < n; i++) await tick(); // records reach the loader at different times
        return batcher.load(loader, n);
      }),
    );
    expect(values(results)).toEqual([2, 4, 6]);
    expect(calls).toEqual([[1, 2, 3]]);
  });

  it('sends a full batch at once and splits what is left by the loader’s size', async () => {
    const batcher = new PageBatcher();
    const calls: number[][] = [];
    const loader = doubling(calls, 2);
    const results = await batcher.runAll([1, 2, 3, 4, 5].map((n) => () => batcher.load(loader, n)));
    expect(values(results)).toEqual([2, 4, 6, 8, 10]);
    expect(calls).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('fails only the item whose answer is an error; a record that parks twice is batched twice', async () => {
    const batcher = new PageBatcher();
    const calls: number[][] = [];
    const loader = doubling(calls);
    const outcomes = await batcher.runAll(
      [1, -1, 3].map((n) => async () => {
        const first = await batcher.load(loader, n);
        return batcher.load(loader, first + 1);
      }),
    );
    expect(values(outcomes)).toEqual([6, 'negative -1', 14]);
    expect(calls).toEqual([[1, -1, 3], [3, 7]]);
  });

  it('counts a record waiting on several calls once, so the others are still waited for', async () => {
    const batcher = new PageBatcher();
    const calls: number[][] = [];
    const loader = doubling(calls);
    const results = await batcher.runAll([
      async () => (await loadMany(batcher, loader, [1, 2, 3])).reduce((a, b) => a + b, 0),
      async () => {
        for (let i = 0; i < 3; i++) await tick(); // still busy when the first record waits
        return batcher.load(loader, 4);
      },
    ]);
    expect(values(results)).toEqual([12, 8]);
    expect(calls).toEqual([[1, 2, 3, 4]]);
  });

  it('waits for batches already sent before sending a partial one: records coming back batch by batch share the next call', async () => {
    const batcher = new PageBatcher();
    const sent: number[][] = [];
    const answers: Array<() => void> = [];
    // The first call answers only when the test says so, one batch at a time (as a rate budget does).
    const slow: BatchLoader<number, number> = {
      name: 'slow',
      maxBatch: 2,
      load: (items) => {
        sent.push(items);
        return new Promise((resolve) => answers.push(() => resolve(items)));
      },
    };
    const next: number[][] = [];
    const after = doubling(next);
    const run = batcher.runAll([1, 2, 3, 4].map((n) => async () => batcher.load(after, await batcher.load(slow, n))));
    await tick();
    expect(sent).toEqual([[1, 2], [3, 4]]);
    answers[0]!();
    await tick();
    expect(next).toEqual([]); // records 3 and 4 are still on their way to the same call
    answers[1]!();
    expect(values(await run)).toEqual([2, 4, 6, 8]);
    expect(next).toEqual([[1, 2, 3, 4]]);
  });

  it('sends the calls of the records furthest behind first, so a record whose first batch was the partial one catches up', async () => {
    const batcher = new PageBatcher();
    const first: number[][] = [];
    const second: number[][] = [];
    const a = doubling(first, 2);
    const b = { ...doubling(second, 10), name: 'double again' };
    const results = await batcher.runAll([1, 2, 3].map((n) => async () => batcher.load(b, await batcher.load(a, n))));
    expect(values(results)).toEqual([4, 8, 12]);
    expect(first).toEqual([[1, 2], [3]]);
    expect(second).toEqual([[2, 4, 6]]);
  });

  it('asks once for an item several records want, when the loader has a key', async () => {
    const batcher = new PageBatcher();
    const calls: number[][] = [];
    const keyed: BatchLoader<number, number> = { ...doubling(calls, 2), keyOf: (n) => String(n) };
    const results = await batcher.runAll([5, 5, 6, 5, 6, 7].map((n) => () => batcher.load(keyed, n)));
    expect(values(results)).toEqual([10, 10, 12, 10, 12, 14]);
    // 5 and 6 are out when the last three ask: they share that call's answer.
    expect(calls).toEqual([[5, 6], [7]]);
  });

  it('a record waiting on a sent call and a queued one at once does not hold the queued one forever', async () => {
    const batcher = new PageBatcher();
    const calls: number[][] = [];
    const full = doubling(calls, 1);
    const partial = doubling(calls, 10);
    const results = await batcher.runAll([
      async () => {
        const [a, b] = await Promise.all([batcher.load(full, 1), batcher.load(partial, 2)]);
        return a + b;
      },
    ]);
    expect(values(results)).toEqual([6]);
    expect(calls).toEqual([[1], [2]]);
  });

  it('rejects every waiting item when the batch call itself fails', async () => {
    const batcher = new PageBatcher();
    const loader: BatchLoader<number, number> = { name: 'down', maxBatch: 10, load: () => Promise.reject(new Error('outage')) };
    const outcomes = await batcher.runAll([1, 2].map((n) => () => batcher.load(loader, n)));
    expect(outcomes.every((o) => o.status === 'rejected' && (o.reason as Error).message === 'outage')).toBe(true);
  });

  it('without a page, a call is a batch of one', async () => {
    const calls: number[][] = [];
    expect(await loadOne(undefined, doubling(calls), 21)).toBe(42);
    await expect(loadOne(undefined, doubling(calls), -2)).rejects.toThrow('negative -2');
    expect(calls).toEqual([[21], [-2]]);
    expect(await loadMany(undefined, doubling(calls, 2), [1, 2, 3])).toEqual([2, 4, 6]);
    expect(calls.slice(2)).toEqual([[1, 2], [3]]);
  });
});
