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
