/**
 * Change Data Capture: what changed in the listed entities since a time. QBO looks back at most
 * 30 days; older cursors get QboCdcWindowError so the caller runs a full reconcile instead. A response
 * holds at most 1000 objects: `truncated` says to ask again with a later `changedSince`.
 */
import type { QboRecord } from '../../sync/types.ts';
import type { QboRequester } from './client.ts';
import { QboApiError } from './errors.ts';
import { qboIdentifier } from './query.ts';
import { cdcResponseSchema, parseQbo, qboDeletedStubSchema, parseRecord } from './schemas.ts';

export const QBO_CDC_MAX_LOOKBACK_MS = 30 * 24 * 3600 * 1000;
export const QBO_CDC_MAX_OBJECTS = 1000;
/** Refuse a little before the limit: our clock and Intuit's differ, and the request takes time. */
const LOOKBACK_MARGIN_MS = 10 * 60 * 1000;

export class QboCdcWindowError extends QboApiError {
  constructor(readonly changedSince: Date) {
    super(`QuickBooks change data capture looks back at most 30 days; ${changedSince.toISOString()} is older: run a full reconcile`, 'validation', 400, 'cdc_window', undefined, undefined);
    this.name = 'QboCdcWindowError';
  }
}

export interface QboCdcChanges {
  changed: QboRecord[];
  deleted: Array<{ Id: string; deletedAt: string | undefined }>;
}

export interface QboCdcResult {
  /** Per entity asked for (every one present, possibly empty). */
  entities: Record<string, QboCdcChanges>;
  /** The response hit QBO's 1000-object cap: some changes may be missing. */
  truncated: boolean;
}

export function qboCdc(request: QboRequester) {
  async function cdc(entities: string[], changedSince: Date): Promise<QboCdcResult> {
    if (Date.now() - changedSince.getTime() > QBO_CDC_MAX_LOOKBACK_MS - LOOKBACK_MARGIN_MS) throw new QboCdcWindowError(changedSince);
    const names = entities.map(qboIdentifier);
    let raw: unknown;
    try {
      raw = await request<unknown>({ method: 'GET', path: '/cdc', query: { entities: names.join(','), changedSince: changedSince.toISOString() } });
    } catch (err) {
      // Intuit's clock decides in the end: "… older than fixed days is not supported" (6000).
      if (err instanceof QboApiError && err.kind === 'validation' && /older than/i.test(err.message)) throw new QboCdcWindowError(changedSince);
      throw err;
    }
    const response = parseQbo(cdcResponseSchema, raw, 'cdc');
    const result: QboCdcResult = { entities: Object.fromEntries(names.map((n) => [n, { changed: [], deleted: [] }])), truncated: false };
    let total = 0;
    for (const block of response.CDCResponse[0]?.QueryResponse ?? []) {
      for (const name of names) {
        const list = block[name];
        if (!Array.isArray(list)) continue;
        const target = result.entities[name]!;
        for (const item of list) {
          total++;
          const stub = qboDeletedStubSchema.safeParse(item);
          if (stub.success) target.deleted.push({ Id: stub.data.Id, deletedAt: stub.data.MetaData?.LastUpdatedTime });
          else target.changed.push(parseRecord(item, 'cdc'));
        }
      }
    }
    result.truncated = total >= QBO_CDC_MAX_OBJECTS;
    return result;
  }

  return { cdc };
}
