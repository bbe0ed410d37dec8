/**
 * R9: the contacts definition created at setup. Two-way; QBO → HubSpot: all customers.
 *
 * HubSpot → QBO, R9's first filter group reads "invoice status is not Draft AND create date is after
 * [setup date] AND invoice source is HubSpot", i.e. only contacts that are billing contacts of such
 * invoices. Those are properties of the contact's associated *invoices* (and "create date" is most likely
 * the invoice's), with an "exists an associated invoice matching all three" meaning. That cannot be written
 * as criteria on contact properties: our filters read one value per property of the record itself.
 *
 * What we express: contact "Create date is after [setup date]" — the only part that exists on the contact,
 * and it keeps the intent (no over-syncing of the contacts that existed before setup).
 *
 * FOR THE LEAD (decision needed): to be faithful, either (a) let the invoice sync push an invoice's billing
 * contact to QBO when the invoice qualifies (status ≠ draft, created after setup, source HubSpot), or
 * (b) add association-aware criteria (e.g. property "invoice:hs_invoice_status" evaluated as "some
 * associated invoice matches every invoice:* criterion of the group"). The invoice source's internal
 * property name is unconfirmed (reference: `hs_invoice_source`?), and the emulator has no such property.
 * Also not in R9: the conflict winner; we recommend QuickBooks, where billing details are maintained.
 */
import type { DefinitionInput } from './definition-schema.ts';
import { defaultContactMappings } from './default-mappings/contacts.ts';

export function recommendedContactsDefinition(setupDate: Date): DefinitionInput {
  return {
    direction: 'two_way',
    conflictWinner: 'quickbooks',
    fieldMappings: defaultContactMappings(),
    filters: {
      toQbo: [{ criteria: [{ property: 'createdate', operator: 'GT', value: setupDate.toISOString() }] }],
      toHubSpot: [],
    },
    options: {},
  };
}
