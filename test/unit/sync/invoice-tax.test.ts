/** QuickBooks' refusal of an invoice line without a tax code becomes a failure a person can act on; other refusals do not. */
import { describe, expect, it } from 'vitest';
import { missingTaxCodeFailure } from '../../../backend/src/sync/objects/invoices/invoice-tax.ts';
import { qboErrorFrom } from '../../../backend/src/vendors/quickbooks/errors.ts';

const fault = (code: string, detail: string) =>
  qboErrorFrom(400, { Fault: { type: 'ValidationFault', Error: [{ code, Message: 'A business validation error has occurred while processing your request', Detail: detail }] } }, 'tid');

describe('missingTaxCodeFailure', () => {
  it('6000 naming the VAT or GST/HST rate: tax_code_missing, naming the settings to fix', () => {
    for (const detail of ['Business Validation Error: Make sure all your transactions have a VAT rate before you save.', 'Business Validation Error: Make sure all your transactions have a GST/HST rate before you save.']) {
      const failure = missingTaxCodeFailure(fault('6000', detail), 'the invoice');
      expect(failure?.reasonCode).toBe('tax_code_missing');
      expect(failure?.message).toContain(detail);
      expect(failure?.message).toContain('Choose the default tax code in the invoice sync settings');
    }
  });

  it('any other refusal is left to the general mapping', () => {
    expect(missingTaxCodeFailure(fault('6000', 'Business Validation Error: You cannot delete an invoice that has payments applied.'), 'the invoice')).toBeUndefined();
    expect(missingTaxCodeFailure(fault('2500', 'Invalid Reference Id : TaxCode assigned to this transaction has been deleted'), 'the invoice')).toBeUndefined();
    expect(missingTaxCodeFailure(new Error('VAT rate'), 'the invoice')).toBeUndefined();
  });
});
