/**
 * Where a vendor's object change goes: a per-record sync job of that object type, when the account
 * has that sync enabled and QuickBooks connected. Returns a note stored on the inbox row when nothing
 * is done, so an operator can see why an event was dropped. Runs inside the inbox transaction, so the
 * job exists if and only if the event is marked processed.
 */
import type { AppContext } from '../jobs/context.ts';
import type { Knex } from '../db/knex.ts';
import { getSyncDefinition, type ObjectType } from '../db/sync-definitions.ts';
import { getQboConnection } from '../db/qbo-connections.ts';
import { findSyncRecordBySide } from '../db/sync-records.ts';
import { enqueueRecordSync, RECORD_DEBOUNCE_SECONDS } from '../jobs/handlers/sync-record.ts';
import { syncInvoiceContactsJob } from '../jobs/handlers/sync-invoice-contacts.ts';
import { syncContactCompaniesJob } from '../jobs/handlers/sync-contact-companies.ts';
import { syncRemovalJob } from '../jobs/handlers/sync-removal.ts';
import { filtersReadInvoices } from './objects/contacts/contact-invoices.ts';
import { deletionPolicyOf, syncFiltersSchema } from '@quickbooks-sync/contract/definitions';
import { adapterFor } from './objects/index.ts';
import { isQboNameList, objectTypeOfQboEntity } from './engine/object-names.ts';
import type { Side } from './types.ts';

const HUBSPOT_OBJECT_TYPES: Record<string, ObjectType> = {
  contact: 'contacts',
  '0-1': 'contacts',
  company: 'companies',
  '0-2': 'companies',
  product: 'products',
  '0-7': 'products',
  invoice: 'invoices',
  '0-53': 'invoices',
  commerce_payment: 'payments',
  '0-101': 'payments',
};

interface ObjectChange {
  objectType: ObjectType;
  side: Side;
  id: string;
  deleted: boolean;
  /** HubSpot: the app whose API call made the change (ours → an echo of our own write). */
  sourceAppId?: string;
  /** QBO: when the change happened. */
  occurredAt?: string;
  /** HubSpot merge: the surviving record and the ones merged into it. */
  merge?: { primaryId: string; mergedIds: string[] };
}

export function objectChangeOf(source: 'hubspot' | 'quickbooks', payload: unknown): ObjectChange | undefined {
  if (source === 'quickbooks') {
    const p = payload as { entity?: string; entityId?: string; operation?: string; occurredAt?: string };
    const objectType = objectTypeOfQboEntity(p.entity ?? '');
    if (!objectType || !p.entityId) return undefined;
    const deleted = (p.operation === 'deleted' || p.operation === 'delete') && !isQboNameList(p.entity ?? '');
    return { objectType, side: 'qbo', id: p.entityId, deleted, occurredAt: p.occurredAt };
  }
  const p = payload as { subscriptionType?: string; objectTypeId?: string; objectId?: string | number; changeSource?: string; sourceId?: string | number; primaryObjectId?: number | string; mergedObjectIds?: Array<number | string> };
  const [prefix = '', action = ''] = (p.subscriptionType ?? '').split('.');
  const objectType = (p.objectTypeId ? HUBSPOT_OBJECT_TYPES[p.objectTypeId] : undefined) ?? HUBSPOT_OBJECT_TYPES[prefix];
  if (!objectType || p.objectId === undefined) return undefined;
  const sourceAppId = p.changeSource === 'INTEGRATION' && p.sourceId !== undefined ? String(p.sourceId) : undefined;
  const merge = action === 'merge' && p.primaryObjectId !== undefined && (p.mergedObjectIds ?? []).length > 0 ? { primaryId: String(p.primaryObjectId), mergedIds: (p.mergedObjectIds ?? []).map(String) } : undefined;
  return { objectType, side: 'hubspot', id: String(p.objectId), deleted: action === 'deletion', ...(sourceAppId ? { sourceAppId } : {}), ...(merge ? { merge } : {}) };
}

export async function dispatchObjectChange(ctx: AppContext & { db: Knex.Transaction }, portalId: number, change: { source: 'hubspot' | 'quickbooks'; payload: unknown }): Promise<string | null> {
  const parsed = await inCustomersMode(ctx, portalId, objectChangeOf(change.source, change.payload));
  if (!parsed) return 'ignored: not an object this app syncs';
  if (parsed.objectType === 'contacts' && parsed.side === 'hubspot' && !parsed.deleted && !parsed.merge) {
    const companies = await reevaluateContactCompanies(ctx, portalId, parsed);
    if (companies) return companies;
  }
  if (!adapterFor(parsed.objectType)) return `ignored: the ${parsed.objectType} sync is not available yet`;
  const contactsToo = parsed.objectType === 'invoices' && parsed.side === 'hubspot' && !parsed.deleted ? await reevaluateInvoiceContacts(ctx, portalId, parsed) : null;
  const definition = await getSyncDefinition(ctx.db, portalId, parsed.objectType);
  if (definition?.status !== 'enabled') return contactsToo ?? `ignored: no enabled ${parsed.objectType} sync`;
  const connection = await getQboConnection(ctx.db, portalId);
  if (connection?.status !== 'connected') return 'ignored: QuickBooks is not connected';
  // A deletion is synced as "the other side is kept": deleting accounting records is the accountant's call.
  const adapter = adapterFor(parsed.objectType);
  // Deletions some object types act on: a voided/deleted QuickBooks payment, an archived HubSpot product.
  const reverses = parsed.side === 'qbo' ? adapter?.archiveHubSpot !== undefined : adapter?.onHubSpotArchived !== undefined;
  if (parsed.merge) {
    // A merge is never a deletion: the link follows the surviving record (removals/apply-removal.ts).
    await ctx.queue.send(syncRemovalJob.name, { portalId, change: { kind: 'merged', objectType: parsed.objectType, side: 'hubspot', ...parsed.merge } }, { trx: ctx.db, retryLimit: 8 });
    return 'queued: the link follows the surviving record';
  }
  if (parsed.deleted && !reverses) {
    const where = change.source === 'hubspot' ? 'HubSpot' : 'QuickBooks';
    // Either way the removal job writes it on the record (its activity); only "propagate" changes the other side.
    await ctx.queue.send(syncRemovalJob.name, { portalId, change: { kind: 'deleted', objectType: parsed.objectType, side: parsed.side, id: parsed.id } }, { trx: ctx.db, retryLimit: 8 });
    if (deletionPolicyOf(definition.options) !== 'propagate') return `kept: deleted in ${where}, the linked record is not deleted (noted on the record)`;
    return `queued: deleted in ${where}, reflected on the linked record (never deleted)`;
  }
  if (await isOwnWrite(ctx, portalId, parsed)) return 'skipped: our own write coming back';
  await enqueueRecordSync(ctx, { portalId, objectType: parsed.objectType, side: parsed.side, id: parsed.id }, ctx.db);
  return null;
}

/**
 * A QuickBooks customer belongs to the account's customers sync, contacts or companies mode (an
 * account has one; customers-mode.ts): in companies mode its changes go to the companies sync.
 */
async function inCustomersMode(ctx: AppContext, portalId: number, change: ObjectChange | undefined): Promise<ObjectChange | undefined> {
  if (change?.objectType !== 'contacts' || change.side !== 'qbo') return change;
  const companies = await getSyncDefinition(ctx.db, portalId, 'companies');
  return companies ? { ...change, objectType: 'companies' } : change;
}

/**
 * Companies mode: a contact's change can change its companies' customers (the billing contact's e-mail
 * and phone), so those companies are synced again; the job reads the contact's companies. Null when the
 * account syncs contacts itself (or nothing), so the change goes on as a contact's.
 */
async function reevaluateContactCompanies(ctx: AppContext & { db: Knex.Transaction }, portalId: number, change: ObjectChange): Promise<string | null> {
  const companies = await getSyncDefinition(ctx.db, portalId, 'companies');
  if (companies?.status !== 'enabled') return null;
  if (change.sourceAppId !== undefined && change.sourceAppId === ctx.env.HUBSPOT_APP_ID) return 'skipped: our own write coming back';
  await ctx.queue.send(syncContactCompaniesJob.name, { portalId, contactId: change.id }, { trx: ctx.db, singletonKey: `contact-companies:${portalId}:${change.id}`, startAfterSeconds: RECORD_DEBOUNCE_SECONDS, retryLimit: 8 });
  return 'queued: the companies it is the billing contact of are synced again';
}

/**
 * R9: a HubSpot invoice's change can bring its contacts into the contacts filter (an invoice finalised)
 * — their record passes are queued by a job that reads the invoice's contacts. Our own writes are not
 * HubSpot-source invoices, so they never change what the filter decides.
 */
async function reevaluateInvoiceContacts(ctx: AppContext & { db: Knex.Transaction }, portalId: number, change: ObjectChange): Promise<string | null> {
  if (change.sourceAppId !== undefined && change.sourceAppId === ctx.env.HUBSPOT_APP_ID) return null;
  const contacts = await getSyncDefinition(ctx.db, portalId, 'contacts');
  if (contacts?.status !== 'enabled' || !filtersReadInvoices(syncFiltersSchema.parse(contacts.filters ?? {}))) return null;
  await ctx.queue.send(syncInvoiceContactsJob.name, { portalId, invoiceId: change.id }, { trx: ctx.db, singletonKey: `invoice-contacts:${portalId}:${change.id}`, startAfterSeconds: RECORD_DEBOUNCE_SECONDS, retryLimit: 8 });
  return 'queued: its contacts are checked against the contacts filter';
}

/**
 * Echo suppression before any API call: HubSpot names the app that made a change; for QBO, a change
 * no newer than the version we last wrote or read is one we have already seen. (The record pass
 * compares fingerprints too, for whatever gets past this.)
 */
async function isOwnWrite(ctx: AppContext, portalId: number, change: ObjectChange): Promise<boolean> {
  if (change.side === 'hubspot') return change.sourceAppId !== undefined && change.sourceAppId === ctx.env.HUBSPOT_APP_ID;
  if (!change.occurredAt) return false;
  const row = await findSyncRecordBySide(ctx.db, portalId, change.objectType, 'qbo', change.id);
  return row?.qbo_updated_at != null && Date.parse(change.occurredAt) <= row.qbo_updated_at.getTime();
}
