/** The only place a sync_records row becomes the API's RecordRow (record view, record lookup, exports). */
import type { Env } from '../env.ts';
import type { DBSyncRecord } from '../db/sync-records.ts';
import type { ObjectType } from '../db/sync-definitions.ts';
import type { RecordRow } from '@quickbooks-sync/contract';
import { qboAppBaseUrl } from '../connections/config.ts';
import { reasonLabel } from './reason-labels.ts';
import { TEMPORARY_ERROR } from '../sync/engine/failure-policy.ts';

/** Lists show at most this much of a message; the activity keeps the full text. */
export const LIST_MESSAGE_MAX_CHARS = 1_000;

// Pages of the vendors' web apps (deep links a person opens), not API endpoints.
const HUBSPOT_OBJECT_TYPE_IDS: Partial<Record<ObjectType, string>> = { contacts: '0-1', companies: '0-2', products: '0-7', invoices: '0-53' };
const QBO_PAGES: Partial<Record<ObjectType, (id: string) => string>> = {
  contacts: (id) => `/app/customerdetail?nameId=${encodeURIComponent(id)}`,
  companies: (id) => `/app/customerdetail?nameId=${encodeURIComponent(id)}`,
  invoices: (id) => `/app/invoice?txnId=${encodeURIComponent(id)}`,
  payments: (id) => `/app/recvpayment?txnId=${encodeURIComponent(id)}`,
};

const iso = (d: Date | null) => d?.toISOString() ?? null;

function shorten(text: string | null, max: number): string | null {
  if (text === null || text.length <= max) return text;
  return `${text.slice(0, max - 1)}…`;
}

/** A permanent failure also says when it is tried again (engine/failure-policy.ts): never on its own while nothing changes. */
export const STANDING_FAILURE_NOTE = 'It is not retried automatically until the record changes in HubSpot or QuickBooks or the sync’s settings change; fix the cause, then press Retry.';

function messageOf(row: DBSyncRecord): string | null {
  if (row.state !== 'failed' || !row.failure_basis || row.reason_code === TEMPORARY_ERROR || row.message === null) return row.message;
  return `${row.message} ${STANDING_FAILURE_NOTE}`;
}

export function recordRowOf(env: Env, row: DBSyncRecord, options: { messageMaxChars?: number } = {}): RecordRow {
  const hubspotTypeId = HUBSPOT_OBJECT_TYPE_IDS[row.object_type];
  const qboPage = QBO_PAGES[row.object_type];
  return {
    id: Number(row.id),
    objectType: row.object_type,
    displayName: row.display_name,
    email: row.email,
    hubspotId: row.hubspot_id,
    qboId: row.qbo_id,
    state: row.state,
    reasonCode: row.reason_code,
    reasonLabel: reasonLabel(row.reason_code),
    message: shorten(messageOf(row), options.messageMaxChars ?? LIST_MESSAGE_MAX_CHARS),
    lastSyncedAt: iso(row.last_synced_at),
    lastAttemptAt: iso(row.last_attempt_at),
    lastDirection: row.last_direction,
    origin: row.origin,
    hubspotUrl: row.hubspot_id && hubspotTypeId ? `${env.HUBSPOT_AUTH_BASE_URL}/contacts/${row.portal_id}/record/${hubspotTypeId}/${encodeURIComponent(row.hubspot_id)}` : null,
    qboUrl: row.qbo_id && qboPage ? `${qboAppBaseUrl(env)}${qboPage(row.qbo_id)}` : null,
    retryable: row.state === 'failed',
  };
}
