/**
 * R26's two QuickBooks settings, read from the company's Preferences: custom transaction numbers (should
 * be off) and closing the books (should be on). Pure, so each rule is tested on its own.
 */
import type { SetupCheck } from '@quickbooks-sync/contract';

function section(preferences: Record<string, unknown>, name: string): Record<string, unknown> {
  const value = preferences[name];
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

export function preferenceChecks(preferences: Record<string, unknown>): SetupCheck[] {
  const checks: SetupCheck[] = [];
  if (section(preferences, 'SalesFormsPrefs').CustomTxnNumbers === true) {
    checks.push({
      id: 'custom_transaction_numbers',
      level: 'warning',
      title: 'Turn off custom transaction numbers in QuickBooks',
      message:
        'Custom transaction numbers is on in QuickBooks, so QuickBooks does not number invoices itself: invoices synced from HubSpot take the HubSpot invoice number, prefix included, ' +
        'and can clash with numbers already used in QuickBooks (a duplicate number is refused, and that invoice fails to sync). ' +
        'Turn it off in QuickBooks: Settings → Account and settings → Sales → Sales form content → Custom transaction numbers.',
    });
  }
  const closeDate = section(preferences, 'AccountingInfoPrefs').BookCloseDate;
  if (typeof closeDate !== 'string' || closeDate.trim() === '') {
    checks.push({
      id: 'closed_books_lock',
      level: 'recommendation',
      title: 'Lock closed periods in QuickBooks',
      message:
        'Closing the books is off in QuickBooks, so a synced change can alter transactions in periods you have already reported on. ' +
        'Turn on Close the books in QuickBooks (Settings → Account and settings → Advanced → Accounting) so closed periods are protected from changes.',
    });
  }
  return checks;
}
