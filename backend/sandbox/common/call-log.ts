/**
 * Per-account record of every API call the emulator answered, so tests and benchmarks can count
 * calls (e.g. "an idle sync makes a bounded number of calls"). Bounded per account so a benchmark
 * of 100k requests does not grow memory without limit.
 */
export interface CallLogEntry {
  method: string;
  path: string;
  status: number;
  at: string;
}

const DEFAULT_MAX_ENTRIES_PER_ACCOUNT = 200_000;

export class CallLog {
  private readonly entries = new Map<string, CallLogEntry[]>();
  private readonly dropped = new Map<string, number>();

  constructor(private readonly maxEntriesPerAccount = DEFAULT_MAX_ENTRIES_PER_ACCOUNT) {}

  record(account: string, entry: Omit<CallLogEntry, 'at'> & { at?: string }): void {
    const list = this.entries.get(account) ?? [];
    if (list.length >= this.maxEntriesPerAccount) {
      list.shift();
      this.dropped.set(account, (this.dropped.get(account) ?? 0) + 1);
    }
    list.push({ ...entry, at: entry.at ?? new Date().toISOString() });
    this.entries.set(account, list);
  }

  /** Entries for an account, optionally only those at or after `since` (ISO timestamp). */
  list(account: string, since?: string): CallLogEntry[] {
    const list = this.entries.get(account) ?? [];
    return since === undefined ? [...list] : list.filter((e) => e.at >= since);
  }

  count(account: string): number {
    return (this.entries.get(account)?.length ?? 0) + (this.dropped.get(account) ?? 0);
  }

  clear(account: string): void {
    this.entries.delete(account);
    this.dropped.delete(account);
  }
}
