/**
 * Where a vendor's object change goes: to the sync of that object type when the account has one
 * enabled and QuickBooks is connected. Returns a note stored on the inbox row when nothing is done,
 * so an operator can see why an event was dropped.
 */
import type { AppContext } from '../jobs/context.ts';
import { getSyncDefinition, type ObjectType } from '../db/sync-definitions.ts';
import { getQboConnection } from '../db/qbo-connections.ts';

const HUBSPOT_OBJECT_TYPES: Record<string, ObjectType> = {
  contact: 'contacts',
  '0-1': 'contacts',
  product: 'products',
  '0-7': 'products',
  invoice: 'invoices',
  '0-53': 'invoices',
};
const QBO_ENTITIES: Record<string, ObjectType> = { customer: 'contacts', item: 'products', invoice: 'invoices', payment: 'payments' };

export function objectTypeOfEvent(source: 'hubspot' | 'quickbooks', payload: unknown): ObjectType | undefined {
  const p = payload as { subscriptionType?: string; objectTypeId?: string; entity?: string };
  if (source === 'quickbooks') return QBO_ENTITIES[(p.entity ?? '').toLowerCase()];
  if (p.objectTypeId && HUBSPOT_OBJECT_TYPES[p.objectTypeId]) return HUBSPOT_OBJECT_TYPES[p.objectTypeId];
  return HUBSPOT_OBJECT_TYPES[(p.subscriptionType ?? '').split('.')[0] ?? ''];
}

/** Per-object sync handlers, registered by the sync engine. */
export type ObjectChangeHandler = (ctx: AppContext, portalId: number, change: { source: 'hubspot' | 'quickbooks'; payload: unknown }) => Promise<string | null>;
const handlers = new Map<ObjectType, ObjectChangeHandler>();

export function registerObjectChangeHandler(objectType: ObjectType, handler: ObjectChangeHandler): void {
  handlers.set(objectType, handler);
}

export async function dispatchObjectChange(ctx: AppContext, portalId: number, change: { source: 'hubspot' | 'quickbooks'; payload: unknown }): Promise<string | null> {
  const objectType = objectTypeOfEvent(change.source, change.payload);
  if (!objectType) return 'ignored: not an object this app syncs';
  const definition = await getSyncDefinition(ctx.db, portalId, objectType);
  if (definition?.status !== 'enabled') return `ignored: no enabled ${objectType} sync`;
  const connection = await getQboConnection(ctx.db, portalId);
  if (connection?.status !== 'connected') return 'ignored: QuickBooks is not connected';
  const handler = handlers.get(objectType);
  if (!handler) return `ignored: the ${objectType} sync is not available in this version`;
  return handler(ctx, portalId, change);
}
