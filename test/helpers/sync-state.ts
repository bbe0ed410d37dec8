import type { AppHarness } from './app-harness.ts';
import type { QboEntity } from './vendor-data.ts';

/** Nothing left to do: every webhook processed and no sync job waiting or running. */
export async function settled(h: AppHarness): Promise<boolean> {
  const inbox = await h.db.db('webhook_inbox').whereNull('processed_at').count<Array<{ count: string }>>('* as count');
  const jobs = await h.db.db.raw<{ rows: Array<{ n: number }> }>(
    `select count(*)::int as n from pgboss.job where name in ('sync.record', 'sync.records', 'sync.catch-up', 'webhooks.process') and state in ('created', 'retry', 'active')`,
  );
  return Number(inbox[0]!.count) === 0 && jobs.rows[0]!.n === 0;
}

/** A QBO customer's e-mail as the sync compares it. */
export const customerEmail = (c: QboEntity): string | undefined => (c.PrimaryEmailAddr as { Address?: string } | undefined)?.Address?.trim().toLowerCase();

/** Settled, and still settled `ms` later (webhooks of our own writes have had time to come back). */
export async function quiet(h: AppHarness, ms = 1_500): Promise<boolean> {
  if (!(await settled(h))) return false;
  await new Promise((r) => setTimeout(r, ms));
  return settled(h);
}
