/**
 * Entity reads and writes: every row of an entity page by page (QBO answers at most 1000 per query),
 * idempotent creates (`requestid`: a retry gets the first answer, never a second customer) and sparse
 * updates (only the fields sent change; Id + current SyncToken required, stale → QboApiError 'stale'),
 * and voids.
 */
import type { QboRecord } from '../../sync/types.ts';
import type { QboRequester } from './client.ts';
import { qboIdentifier } from './query.ts';
import { parseQbo, parseRecord, queryResponseSchema, recordsIn } from './schemas.ts';

export const QBO_MAX_PAGE_SIZE = 1000;
/** Intuit caps `requestid` at 50 characters. */
export const QBO_MAX_REQUEST_ID_LENGTH = 50;

export interface QboPage {
  records: QboRecord[];
  /** 1-based position of the first record; resume a listing from `nextStartPosition`. */
  startPosition: number;
  nextStartPosition: number;
}

export interface QueryAllOptions {
  /** Resume from here (1-based), e.g. a persisted backfill checkpoint. */
  startPosition?: number;
  /** An ORDERBY clause body, e.g. "MetaData.LastUpdatedTime". Default: QBO's own order (by Id). */
  orderBy?: string;
}

export function qboEntities(request: QboRequester) {
  /**
   * Pages through `select * from <entity> [where …]`. `where` is a QBO condition built with
   * qboString() for every value. Stops at the first short page (QBO's page sizes are not exact).
   */
  async function* queryAll(entity: string, where?: string, pageSize = QBO_MAX_PAGE_SIZE, options: QueryAllOptions = {}): AsyncGenerator<QboPage> {
    const name = qboIdentifier(entity);
    const size = Math.min(Math.max(1, pageSize), QBO_MAX_PAGE_SIZE);
    let start = Math.max(1, options.startPosition ?? 1);
    for (;;) {
      const statement = [`select * from ${name}`, where ? `where ${where}` : '', options.orderBy ? `orderby ${options.orderBy}` : '', `startposition ${start} maxresults ${size}`]
        .filter(Boolean)
        .join(' ');
      const raw = await request<unknown>({ method: 'GET', path: '/query', query: { query: statement } });
      const response = parseQbo(queryResponseSchema, raw, 'query');
      const records = recordsIn(response.QueryResponse, name, 'query');
      if (records.length > 0) yield { records, startPosition: start, nextStartPosition: start + records.length };
      if (records.length < size) return;
      start += records.length;
    }
  }

  /** Creates once per `requestId` (≤50 chars, unique per logical create, reused on retries). */
  async function create(entity: string, body: Record<string, unknown>, requestId: string): Promise<QboRecord> {
    if (requestId.length === 0 || requestId.length > QBO_MAX_REQUEST_ID_LENGTH) throw new Error(`requestid must be 1–${QBO_MAX_REQUEST_ID_LENGTH} characters`);
    const name = qboIdentifier(entity);
    const raw = await request<Record<string, unknown>>({ method: 'POST', path: `/${name.toLowerCase()}`, body, requestId });
    return parseRecord(raw[name], `create ${name}`);
  }

  /** Sparse update: `body` carries Id, the current SyncToken and only the fields to change. */
  async function update(entity: string, body: { Id: string; SyncToken: string } & Record<string, unknown>, requestId?: string): Promise<QboRecord> {
    const name = qboIdentifier(entity);
    const raw = await request<Record<string, unknown>>({
      method: 'POST',
      path: `/${name.toLowerCase()}`,
      query: { operation: 'update' },
      body: { ...body, sparse: true },
      ...(requestId ? { requestId } : {}),
    });
    return parseRecord(raw[name], `update ${name}`);
  }

  /**
   * Voids a transaction (an invoice): QuickBooks keeps it, with zero amounts and the note "Voided".
   * The body is the entity's Id and current SyncToken only.
   */
  async function voidEntity(entity: string, body: { Id: string; SyncToken: string }, requestId?: string): Promise<QboRecord> {
    const name = qboIdentifier(entity);
    const raw = await request<Record<string, unknown>>({
      method: 'POST',
      path: `/${name.toLowerCase()}`,
      query: { operation: 'void' },
      body: { Id: body.Id, SyncToken: body.SyncToken, sparse: true },
      ...(requestId ? { requestId } : {}),
    });
    return parseRecord(raw[name], `void ${name}`);
  }

  return { queryAll, create, update, void: voidEntity };
}
