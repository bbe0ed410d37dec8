/** The pure rules of removals (issue 16): the options, which QuickBooks webhooks are deletions, and what counts as voided. */
import { describe, expect, it } from 'vitest';
import { defaultInvoiceMappings, inactiveCustomerPolicyOf, INACTIVE_CUSTOMERS_OPTION, recommendedContactsDefinition } from '@quickbooks-sync/contract/definitions';
import { parseDefinitionInput } from '../../../backend/src/sync/definitions/parse-definition-input.ts';
import { objectChangeOf } from '../../../backend/src/sync/webhook-dispatch.ts';
import { isQboNameList } from '../../../backend/src/sync/engine/object-names.ts';
import { invoiceVoiding } from '../../../backend/src/sync/objects/invoices/invoice-voiding.ts';
import { contactsAdapter } from '../../../backend/src/sync/objects/contacts/contacts-adapter.ts';
import type { AdapterSession } from '../../../backend/src/sync/engine/adapter.ts';
import type { QboRecord } from '../../../backend/src/sync/types.ts';

const contacts = (options: Record<string, unknown>) => ({ ...(JSON.parse(JSON.stringify(recommendedContactsDefinition(new Date('2026-11-24T00:00:00Z')))) as Record<string, unknown>), options });

describe('the inactiveCustomers option', () => {
  it('is keep unless archive is chosen', () => {
    expect(inactiveCustomerPolicyOf(undefined)).toBe('keep');
    expect(inactiveCustomerPolicyOf({ [INACTIVE_CUSTOMERS_OPTION]: 'archive' })).toBe('archive');
    expect(inactiveCustomerPolicyOf({ [INACTIVE_CUSTOMERS_OPTION]: 'delete' })).toBe('keep');
  });

  it('accepts keep or archive on contacts; anything else, or archive elsewhere, is a problem with its path', () => {
    expect(parseDefinitionInput('contacts', contacts({ [INACTIVE_CUSTOMERS_OPTION]: 'archive' })).ok).toBe(true);
    const bad = parseDefinitionInput('contacts', contacts({ [INACTIVE_CUSTOMERS_OPTION]: 'delete' }));
    expect(bad).toMatchObject({ ok: false, problems: [{ path: ['options', INACTIVE_CUSTOMERS_OPTION], message: 'Choose what a customer made inactive in QuickBooks does: "keep" or "archive".' }] });
    const invoices = { direction: 'qbo_to_hubspot', conflictWinner: 'quickbooks', fieldMappings: defaultInvoiceMappings(), options: { [INACTIVE_CUSTOMERS_OPTION]: 'archive' } };
    expect(parseDefinitionInput('invoices', invoices)).toMatchObject({ ok: false, problems: [{ path: ['options', INACTIVE_CUSTOMERS_OPTION] }] });
  });
});

describe('QuickBooks webhooks', () => {
  it('a Delete of a name-list record (a customer made inactive) is a change of the record; of a transaction, a deletion', () => {
    expect(isQboNameList('Customer') && isQboNameList('item') && !isQboNameList('Invoice')).toBe(true);
    expect(objectChangeOf('quickbooks', { entity: 'customer', entityId: '9', operation: 'deleted' })).toMatchObject({ objectType: 'contacts', side: 'qbo', id: '9', deleted: false });
    expect(objectChangeOf('quickbooks', { entity: 'Customer', entityId: '9', operation: 'delete' })).toMatchObject({ deleted: false });
    expect(objectChangeOf('quickbooks', { entity: 'invoice', entityId: '9', operation: 'deleted' })).toMatchObject({ deleted: true });
    expect(objectChangeOf('quickbooks', { entity: 'invoice', entityId: '9', operation: 'voided' })).toMatchObject({ deleted: false });
  });
});

describe('voided and inactive records', () => {
  const invoice = (fields: Record<string, unknown>) => ({ Id: '1', SyncToken: '0', ...fields }) as QboRecord;

  it('a QuickBooks invoice is voided when its total is zero and its note says so; a HubSpot one by its status', () => {
    expect(invoiceVoiding.isVoidedInQbo(invoice({ TotalAmt: 0, Balance: 0, PrivateNote: 'Voided' }))).toBe(true);
    expect(invoiceVoiding.isVoidedInQbo(invoice({ TotalAmt: 10, Balance: 10, PrivateNote: 'Voided' }))).toBe(false);
    expect(invoiceVoiding.isVoidedInQbo(invoice({ TotalAmt: 0, Balance: 0 }))).toBe(false);
    expect(invoiceVoiding.isVoidedInHubSpot({ id: '5', properties: { hs_invoice_status: 'voided' }, updatedAt: new Date() })).toBe(true);
    expect(invoiceVoiding.isVoidedInHubSpot({ id: '5', properties: { hs_invoice_status: 'open' }, updatedAt: new Date() })).toBe(false);
  });

  it('a QuickBooks void reaches HubSpot by the status mapping only when it is on and the sync reads QuickBooks', () => {
    const session = (direction: string, enabled: boolean) => ({ definition: { direction }, mappings: defaultInvoiceMappings().map((m) => (m.id === 'status' ? { ...m, enabled } : m)) }) as unknown as AdapterSession;
    expect(invoiceVoiding.voidedStatusSynced(session('two_way', true))).toBe(true);
    expect(invoiceVoiding.voidedStatusSynced(session('qbo_to_hubspot', true))).toBe(true);
    expect(invoiceVoiding.voidedStatusSynced(session('hubspot_to_qbo', true))).toBe(false);
    expect(invoiceVoiding.voidedStatusSynced(session('two_way', false))).toBe(false);
  });

  it('a customer is inactive only when QuickBooks says Active is false', () => {
    const inactivation = contactsAdapter.qboInactivation!;
    expect(inactivation.isInactive(invoice({ Active: false }))).toBe(true);
    expect(inactivation.isInactive(invoice({ Active: true }))).toBe(false);
    expect(inactivation.isInactive(invoice({}))).toBe(false);
  });
});
