/** The object view (R27): counts per object type and state, and per reason, from one grouped query. */
import type { AppContext } from '../jobs/context.ts';
import type { ObjectType } from '../db/sync-definitions.ts';
import { listSyncDefinitions } from '../db/sync-definitions.ts';
import { countSyncRecordsByReason } from '../db/sync-records.ts';
import { OBJECT_TYPES, type ObjectSummary, type ObjectViewResponse } from '@quickbooks-sync/contract';
import { reasonLabel } from './reason-labels.ts';
import { withViewTimeout } from './statement-timeout.ts';

export async function objectView(ctx: AppContext, portalId: number, objectType?: ObjectType): Promise<ObjectViewResponse> {
  const [rows, definitions] = await withViewTimeout(ctx.db, (trx) => Promise.all([countSyncRecordsByReason(trx, portalId, objectType), listSyncDefinitions(trx, portalId)]));
  const summaries = new Map<ObjectType, ObjectSummary>();
  // Companies are the customers sync's other mode (issue 16): listed for accounts that use it, not as a
  // second "not set up" customers row for every account syncing contacts.
  const usesCompanies = definitions.some((d) => d.object_type === 'companies' && d.status !== 'deleted') || rows.some((r) => r.object_type === 'companies');
  for (const type of objectType ? [objectType] : OBJECT_TYPES.filter((t) => t !== 'companies' || usesCompanies)) {
    const definition = definitions.find((d) => d.object_type === type && d.status !== 'deleted');
    summaries.set(type, {
      objectType: type,
      syncStatus: definition ? (definition.status === 'enabled' ? 'enabled' : 'disabled') : 'not_set_up',
      counts: { synced: 0, failed: 0, excluded: 0, pending: 0 },
      total: 0,
      reasons: [],
    });
  }
  for (const row of rows) {
    const summary = summaries.get(row.object_type);
    if (!summary) continue;
    summary.counts[row.state] += row.count;
    summary.total += row.count;
    if (row.reason_code !== null) summary.reasons.push({ state: row.state, reasonCode: row.reason_code, label: reasonLabel(row.reason_code), count: row.count });
  }
  for (const summary of summaries.values()) summary.reasons.sort((a, b) => b.count - a.count || a.reasonCode.localeCompare(b.reasonCode));
  return { objects: [...summaries.values()] };
}
