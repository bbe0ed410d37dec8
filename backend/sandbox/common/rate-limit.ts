/**
 * The limiters the vendors apply: a rolling time window (HubSpot's 10-second burst, QBO's 500/min)
 * and a concurrency cap (QBO's concurrent requests per realm). Both keyed by account.
 */
export interface RateDecision {
  allowed: boolean;
  /** Requests still allowed in the current window after this one. */
  remaining: number;
  /** When allowed is false: how long until the oldest request leaves the window. */
  retryAfterMs: number;
}

export class RollingWindowLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    public limit: number,
    public readonly windowMs: number,
  ) {}

  /** Counts a request for `key` when there is room; a refused request is not counted. */
  take(key: string, limit = this.limit, now = Date.now()): RateDecision {
    const times = this.hits.get(key) ?? [];
    const windowStart = now - this.windowMs;
    let firstInside = 0;
    while (firstInside < times.length && (times[firstInside] as number) <= windowStart) firstInside++;
    if (firstInside > 0) times.splice(0, firstInside);
    if (times.length >= limit) {
      const oldest = times[0] ?? now;
      this.hits.set(key, times);
      return { allowed: false, remaining: 0, retryAfterMs: Math.max(0, oldest + this.windowMs - now) };
    }
    times.push(now);
    this.hits.set(key, times);
    return { allowed: true, remaining: limit - times.length, retryAfterMs: 0 };
  }

  reset(key: string): void {
    this.hits.delete(key);
  }
}

export class ConcurrencyLimiter {
  private readonly inFlight = new Map<string, number>();

  constructor(public limit: number) {}

  /** Returns a release function when a slot is free, or undefined when the key is at its limit. */
  tryAcquire(key: string, limit = this.limit): (() => void) | undefined {
    const current = this.inFlight.get(key) ?? 0;
    if (current >= limit) return undefined;
    this.inFlight.set(key, current + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const now = (this.inFlight.get(key) ?? 1) - 1;
      if (now <= 0) this.inFlight.delete(key);
      else this.inFlight.set(key, now);
    };
  }

  current(key: string): number {
    return this.inFlight.get(key) ?? 0;
  }
}
