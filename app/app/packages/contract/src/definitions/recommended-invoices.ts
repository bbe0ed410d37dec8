/**
 * R9: the invoices definition created at setup: one-way QuickBooks → HubSpot, invoices created after
 * the setup date at 12:00 (UTC).
 *
 * The HubSpot → QuickBooks filter is fixed (R8: "editable, except the outbound invoice-sync filter"):
 * invoices that are not drafts and were created after the setup date. R9's third criterion, "invoice
 * source is HubSpot", has no confirmed property name (hubspot-platform.md §5.2); invoices we created
 * from QuickBooks are linked already and never sent back, which is what that criterion protects.
 */
import type { DefinitionInput } from './definition-schema.ts';
import type { FilterGroup } from './vocabulary.ts';
import { defaultInvoiceMappings } from './default-mappings/invoices.ts';

export function invoiceSetupNoon(setupDate: Date): Date {
  const noon = new Date(setupDate);
  noon.setUTCHours(12, 0, 0, 0);
  return noon;
}

export function outboundInvoiceFilter(setupDate: Date): FilterGroup[] {
  return [
    {
      criteria: [
        { property: 'hs_invoice_status', operator: 'NEQ', value: 'draft' },
        { property: 'hs_createdate', operator: 'GT', value: setupDate.toISOString() },
      ],
    },
  ];
}

export function recommendedInvoicesDefinition(setupDate: Date): DefinitionInput {
  return {
    direction: 'qbo_to_hubspot',
    conflictWinner: 'quickbooks',
    fieldMappings: defaultInvoiceMappings(),
    filters: {
      toQbo: [], // the fixed outbound filter, filled in when saved, from the definition's own setup date
      toHubSpot: [{ criteria: [{ property: 'MetaData.CreateTime', operator: 'GT', value: invoiceSetupNoon(setupDate).toISOString() }] }],
    },
    options: {},
  };
}
