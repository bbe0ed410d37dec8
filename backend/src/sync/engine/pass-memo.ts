/**
 * What a page of records (or one record's pass, outside a page) already holds about the records it
 * read or wrote — an invoice's line items and contact, a QuickBooks item's SKU — so it is not read
 * again: a record's values are computed before and after its write from the same vendor facts, and a
 * first sync into an empty side would otherwise read back everything it just wrote.
 *
 * Only settled values are kept (never a promise another record's call is still waiting on: a record
 * awaiting someone else's loader call would look busy to the page batcher, which then never flushes).
 * A memo lives for one page or one record's pass, so nothing in it outlives the facts it was told;
 * whoever writes a record tells the memo what the record holds now.
 */
export class PassMemo {
  private readonly values = new Map<string, unknown>();

  has(key: string): boolean {
    return this.values.has(key);
  }

  get<T>(key: string): T | undefined {
    return this.values.get(key) as T | undefined;
  }

  set<T>(key: string, value: T): T {
    this.values.set(key, value);
    return value;
  }

  forget(key: string): void {
    this.values.delete(key);
  }
}

/** A memoised read: the value the memo holds under `key`, else `read()`'s, kept for the rest of the pass. */
export async function remembered<T>(memo: PassMemo | undefined, key: string, read: () => Promise<T>): Promise<T> {
  if (memo?.has(key)) return memo.get<T>(key) as T;
  const value = await read();
  return memo ? memo.set(key, value) : value;
}
