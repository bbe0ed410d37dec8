/**
 * pg-boss 10 deduplicates by `singletonKey` only on queues with a policy that says so; on the default
 * (`standard`) queue a key is stored and ignored, so every webhook of a record became its own pass.
 * `short`: at most one *queued* job per key (one more may be queued while it runs, so a change made
 * during a pass still gets a pass of its own) — the debounce the record jobs are meant to have.
 * `stately`: at most one queued and one active job per key.
 */
import type PgBoss from 'pg-boss';

export type QueuePolicy = 'standard' | 'short' | 'singleton' | 'stately';

const POLICIES: Readonly<Record<string, QueuePolicy>> = {
  'sync.record': 'short',
  'sync.invoice-contacts': 'short',
  'sync.catch-up': 'short',
  // One job drains an account's inbox (per source): at most one running and one waiting per account,
  // so a backfill's thousands of events never fill every worker slot while another account's edit waits.
  'webhooks.process': 'stately',
};

export const queuePolicyOf = (name: string): QueuePolicy => POLICIES[name] ?? 'standard';

/** Creates the queue with its policy, or moves an existing queue (made by an older version) to it. */
export async function ensureQueueWithPolicy(boss: PgBoss, name: string): Promise<void> {
  const policy = queuePolicyOf(name);
  const existing = await boss.getQueue(name);
  if (!existing) await boss.createQueue(name, { name, policy });
  else if ((existing.policy ?? 'standard') !== policy) await boss.updateQueue(name, { name, policy });
}
