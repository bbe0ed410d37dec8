/**
 * Fairness between accounts on a shared queue: pg-boss takes the highest priority first, then the
 * oldest. An account that just queued many jobs (a first sync's echoes, a bulk edit) gets a lower
 * priority for its next ones, so another account's single edit is not queued behind thousands of
 * them. Counted per process over a sliding minute — approximate, and it needs no query per send.
 */
const WINDOW_MS = 60_000;

export class FairPriority {
  private readonly recent = new Map<number, { count: number; since: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** 0 for an account's first jobs of the minute, then -1, -2, … as its count doubles (-1 at 8, -2 at 16, …). */
  next(accountId: number): number {
    const at = this.now();
    const entry = this.recent.get(accountId);
    const current = entry && at - entry.since < WINDOW_MS ? entry : { count: 0, since: at };
    current.count++;
    this.recent.set(accountId, current);
    if (this.recent.size > 10_000) this.forgetOld(at);
    return current.count <= 4 ? 0 : -Math.floor(Math.log2(current.count / 4));
  }

  private forgetOld(at: number): void {
    for (const [id, entry] of this.recent) if (at - entry.since >= WINDOW_MS) this.recent.delete(id);
  }
}

export const recordJobPriority = new FairPriority();
