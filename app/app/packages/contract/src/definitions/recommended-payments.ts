/**
 * The payments definition created at setup: QuickBooks → HubSpot (the only way payments go: they are
 * booked in QuickBooks), payments recorded after the setup date at 12:00 UTC, like the invoices they pay.
 */
import type { DefinitionInput } from './definition-schema.ts';
import { defaultPaymentMappings } from './default-mappings/payments.ts';
import { invoiceSetupNoon } from './recommended-invoices.ts';

export function recommendedPaymentsDefinition(setupDate: Date): DefinitionInput {
  return {
    direction: 'qbo_to_hubspot',
    conflictWinner: 'quickbooks',
    fieldMappings: defaultPaymentMappings(),
    filters: { toQbo: [], toHubSpot: [{ criteria: [{ property: 'MetaData.CreateTime', operator: 'GT', value: invoiceSetupNoon(setupDate).toISOString() }] }] },
    options: {},
  };
}
