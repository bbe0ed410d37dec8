/**
 * R9: the contacts definition created at setup. Two-way; QBO → HubSpot: all customers.
 *
 * HubSpot → QBO, R9's first filter group reads "invoice status is not Draft AND create date is after
 * [setup date] AND invoice source is HubSpot", i.e. only contacts that are billing contacts of such
 * invoices. Those are properties of the contact's associated invoices, so the group is written with
 * association criteria (related-criteria.ts): one associated invoice must meet all three. A lead with no
 * such invoice stays in HubSpot; when its invoice is finalised later, the contact syncs then.
 * Not in R9: the conflict winner; we recommend QuickBooks, where billing details are maintained.
 */
import type { DefinitionInput } from './definition-schema.ts';
import { defaultContactMappings } from './default-mappings/contacts.ts';
import { INVOICE_SOURCE_HUBSPOT, INVOICE_STATUS_DRAFT, relatedPropertyName } from './related-criteria.ts';

export function recommendedContactsDefinition(setupDate: Date): DefinitionInput {
  return {
    direction: 'two_way',
    conflictWinner: 'quickbooks',
    fieldMappings: defaultContactMappings(),
    filters: {
      toQbo: [
        {
          criteria: [
            { property: relatedPropertyName('invoice', 'hs_invoice_status'), operator: 'NEQ', value: INVOICE_STATUS_DRAFT },
            { property: relatedPropertyName('invoice', 'hs_createdate'), operator: 'GT', value: setupDate.toISOString() },
            { property: relatedPropertyName('invoice', 'hs_invoice_source'), operator: 'EQ', value: INVOICE_SOURCE_HUBSPOT },
          ],
        },
      ],
      toHubSpot: [],
    },
    options: {},
  };
}
