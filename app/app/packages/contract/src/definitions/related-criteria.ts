/**
 * Filter criteria on a record's associated records (R9: "invoice status is not Draft AND create date is
 * after [setup date] AND invoice source is HubSpot" on the contacts sync). A criterion whose property is
 * `invoice:<invoice property>` reads the contact's associated invoices; within one filter group, the
 * group holds when the contact's own criteria hold AND one and the same associated invoice meets every
 * `invoice:` criterion of the group (R9's "contacts that are the billing contacts of such invoices").
 */
export const RELATED_RELATIONS = ['invoice'] as const;
export type RelatedRelation = (typeof RELATED_RELATIONS)[number];

export interface RelatedProperty {
  relation: RelatedRelation;
  /** The property on the associated record, e.g. `hs_invoice_status`. */
  property: string;
}

/** `invoice:hs_invoice_status` → { relation: 'invoice', property: 'hs_invoice_status' }; own properties → null. */
export function relatedPropertyOf(name: string): RelatedProperty | null {
  const colon = name.indexOf(':');
  if (colon <= 0) return null;
  const relation = name.slice(0, colon);
  const property = name.slice(colon + 1);
  if (!(RELATED_RELATIONS as readonly string[]).includes(relation) || property === '') return null;
  return { relation: relation as RelatedRelation, property };
}

export const relatedPropertyName = (relation: RelatedRelation, property: string): string => `${relation}:${property}`;

/** HubSpot's invoice status and source values R9 names (the source's internal value is documented as unconfirmed, see README). */
export const INVOICE_STATUS_DRAFT = 'draft';
export const INVOICE_SOURCE_HUBSPOT = 'hubspot';
