/**
 * QBO batch: up to 30 operations or queries per call, each answered on its own (entity, query result or
 * Fault) while the HTTP status stays 200, so one bad record does not fail the others. Longer lists are
 * sent in several calls. Writes in one batch do not see entities created earlier in the same batch.
 */
import type { QboRecord } from '../../sync/types.ts';
import type { QboRequester } from './client.ts';
import { QboApiError, qboErrorFrom } from './errors.ts';
import { qboIdentifier } from './query.ts';
import { batchResponseSchema, parseQbo, parseRecord } from './schemas.ts';

export const QBO_BATCH_MAX_ITEMS = 30;

export type QboBatchItem =
  | { operation: 'create' | 'update' | 'delete' | 'void'; entity: string; body: Record<string, unknown> }
  | { query: string };

export type QboBatchResult =
  | { ok: true; record?: QboRecord; queryResponse?: Record<string, unknown> }
  | { ok: false; error: QboApiError };

export function qboBatch(request: QboRequester) {
  /**
   * One result per item, in item order. `requestId` (≤ 33 chars) makes a retried batch replay the first
   * answer; each call of a long list gets its own suffix. Updates are sparse unless the body says otherwise.
   */
  async function batch(items: QboBatchItem[], options: { requestId?: string } = {}): Promise<QboBatchResult[]> {
    const results: QboBatchResult[] = [];
    for (let start = 0, call = 0; start < items.length; start += QBO_BATCH_MAX_ITEMS, call++) {
      const part = items.slice(start, start + QBO_BATCH_MAX_ITEMS);
      const requestId = options.requestId === undefined ? undefined : call === 0 ? options.requestId : `${options.requestId}.${call}`;
      const raw = await request<unknown>({ method: 'POST', path: '/batch', body: { BatchItemRequest: part.map((item, i) => toRequestItem(item, String(i))) }, batch: true, ...(requestId ? { requestId } : {}) });
      const response = parseQbo(batchResponseSchema, raw, 'batch');
      const byId = new Map(response.BatchItemResponse.map((r) => [r.bId, r]));
      part.forEach((item, i) => {
        const answer = byId.get(String(i));
        if (!answer) return results.push({ ok: false, error: new QboApiError('QuickBooks batch returned no answer for this item', 'unknown', 200, undefined, undefined, undefined) });
        if (answer.Fault) return results.push({ ok: false, error: qboErrorFrom(400, { Fault: answer.Fault }, undefined) });
        if ('query' in item) return results.push({ ok: true, queryResponse: (answer.QueryResponse ?? {}) as Record<string, unknown> });
        const entity = answer[qboIdentifier(item.entity)];
        // A delete answers with a stub (Id, status) rather than the full entity.
        return results.push(item.operation === 'delete' ? { ok: true } : { ok: true, record: parseRecord(entity, 'batch item') });
      });
    }
    return results;
  }

  return { batch };
}

function toRequestItem(item: QboBatchItem, bId: string): Record<string, unknown> {
  if ('query' in item) return { bId, Query: item.query };
  const body = item.operation === 'update' && item.body.sparse === undefined ? { ...item.body, sparse: true } : item.body;
  return { bId, operation: item.operation, [qboIdentifier(item.entity)]: body };
}
