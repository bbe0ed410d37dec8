/** Names of an object type on each side, and which HubSpot properties a pass reads. */
import type { ObjectType } from '../types.ts';
import type { AdapterSession } from './adapter.ts';

const HUBSPOT_OBJECTS: Record<ObjectType, string> = { contacts: 'contacts', products: 'products', invoices: 'invoices', payments: 'commerce_payments' };
const QBO_ENTITIES: Record<ObjectType, string> = { contacts: 'Customer', products: 'Item', invoices: 'Invoice', payments: 'Payment' };

export const hubspotObjectOf = (objectType: ObjectType): string => HUBSPOT_OBJECTS[objectType];
export const qboEntityOf = (objectType: ObjectType): string => QBO_ENTITIES[objectType];

/** The mapped properties plus the ones matching, filters and the record view need. */
export function readPropertiesOf(session: AdapterSession): string[] {
  const mapped = session.mappings.map((m) => m.hubspotProperty).filter((p) => !p.startsWith('@'));
  const filtered = session.filters.toQbo.flatMap((g) => g.criteria.map((c) => c.property));
  const base = session.definition.object_type === 'contacts' ? ['email', 'firstname', 'lastname', 'createdate', 'lastmodifieddate', 'qbo_customer_id'] : ['hs_lastmodifieddate'];
  return [...new Set([...mapped, ...filtered, ...base])];
}
