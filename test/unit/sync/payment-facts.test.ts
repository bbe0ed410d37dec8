/** What a QuickBooks payment that applies credit memos means for HubSpot: the money received, not the credit. */
import { describe, expect, it } from 'vitest';
import { creditApplications, invoiceApplications, moneyApplied, unappliedAmount } from '../../../backend/src/sync/objects/payments/payment-facts.ts';

const payment = (TotalAmt: number, ...lines: Array<[string, 'Invoice' | 'CreditMemo', number]>) => ({
  Id: '9',
  SyncToken: '0',
  TotalAmt,
  Line: lines.map(([TxnId, TxnType, Amount]) => ({ Amount, LinkedTxn: [{ TxnId, TxnType }] })),
});

describe('payments with credit memos', () => {
  it('a 100 invoice settled by 70 of money and a 30 credit memo: 70 applied, nothing unapplied, the memo named', () => {
    const p = payment(70, ['5', 'Invoice', 100], ['7', 'CreditMemo', 30]);
    expect(invoiceApplications(p)).toEqual([{ invoiceId: '5', amount: 100 }]);
    expect(creditApplications(p)).toEqual([{ invoiceId: '7', amount: 30 }]);
    expect(moneyApplied(p)).toBe(70);
    expect(unappliedAmount(p)).toBe(0);
  });

  it('credit only (no money): nothing applied; without credit memos, as before', () => {
    expect(moneyApplied(payment(0, ['5', 'Invoice', 30], ['7', 'CreditMemo', 30]))).toBe(0);
    const plain = payment(120, ['5', 'Invoice', 100]);
    expect(moneyApplied(plain)).toBe(100);
    expect(unappliedAmount(plain)).toBe(20);
  });
});
