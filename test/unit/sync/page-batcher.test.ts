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
