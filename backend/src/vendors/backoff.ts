/**
 * Waiting between attempts. Full jitter ("random between 0 and the exponential cap"), so that many
 * workers failing at the same moment do not retry in lock-step and hit the vendor together again.
 */

export interface BackoffPolicy {
  /** The first retry waits up to baseMs × 2. */
  baseMs: number;
  /** No single wait is longer than this. */
  capMs: number;
}

/** Wait before retry number `attempt` (1 = after the first failure): uniform in [0, min(cap, base × 2^attempt)). */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(1, attempt));
  return Math.floor(random() * ceiling);
}

/**
 * A wait the vendor asked for (a window to end) plus a little jitter, so processes blocked together
 * do not all come back in the same millisecond: up to 10 % more, at least 5 ms, at most 1 s extra.
 */
export function jitteredWait(waitMs: number, random: () => number = Math.random): number {
  const spread = Math.min(1_000, Math.max(5, waitMs * 0.1));
  return Math.ceil(waitMs + random() * spread);
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
