/**
 * Companies mode of the customers sync (issue 16): two-way, every company and every customer (R9's
 * invoice-based filter is written for contacts; a company's invoices are not a filter criterion here).
 * QuickBooks wins conflicts, as for contacts: billing details are maintained there.
 */
import type { DefinitionInput } from './definition-schema.ts';
import { defaultCompanyMappings } from './default-mappings/companies.ts';

export function recommendedCompaniesDefinition(_setupDate: Date): DefinitionInput {
  return {
    direction: 'two_way',
    conflictWinner: 'quickbooks',
    fieldMappings: defaultCompanyMappings(),
    filters: { toQbo: [], toHubSpot: [] },
    options: {},
  };
}
