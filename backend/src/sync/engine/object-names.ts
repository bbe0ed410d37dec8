/** Names of an object type on each side. */
import type { ObjectType } from '../types.ts';

const HUBSPOT_OBJECTS: Record<ObjectType, string> = { contacts: 'contacts', products: 'products', invoices: 'invoices', payments: 'commerce_payments' };
const QBO_ENTITIES: Record<ObjectType, string> = { contacts: 'Customer', products: 'Item', invoices: 'Invoice', payments: 'Payment' };

export const hubspotObjectOf = (objectType: ObjectType): string => HUBSPOT_OBJECTS[objectType];
export const qboEntityOf = (objectType: ObjectType): string => QBO_ENTITIES[objectType];

/** The object type a QBO entity name (any case, as webhooks spell it) belongs to. */
export function objectTypeOfQboEntity(entity: string): ObjectType | undefined {
  const name = entity.toLowerCase();
  return (Object.keys(QBO_ENTITIES) as ObjectType[]).find((t) => QBO_ENTITIES[t].toLowerCase() === name);
}

/**
 * QuickBooks name lists (customers, items, …) are never deleted, only made inactive, and QuickBooks
 * reports making one inactive as a Delete (quickbooks-api.md §7, §9): for them a "deleted" webhook is
 * a change of the record, which is still there to be read.
 */
const QBO_NAME_LISTS = ['customer', 'item', 'vendor', 'employee', 'account', 'class', 'department', 'term', 'taxcode'];
export const isQboNameList = (entity: string): boolean => QBO_NAME_LISTS.includes(entity.toLowerCase());
