/** R14 clash messages name who holds the display name: a customer, a vendor or an employee. */
import { describe, expect, it } from 'vitest';
import { displayNameTakenMessage } from '../../../backend/src/sync/objects/contacts/display-name-holder.ts';

describe('displayNameTakenMessage', () => {
  it('a customer holder: its id and the one-billing-contact advice', () => {
    const message = displayNameTakenMessage('Globex', { kind: 'customer', id: '9', active: true });
    expect(message).toContain('QuickBooks customer #9 already uses the display name “Globex”');
    expect(message).toContain('one billing contact per company');
  });

  it('a vendor holder: "a vendor named X already exists", the shared namespace, and to rename the vendor', () => {
    const message = displayNameTakenMessage('Initech', { kind: 'vendor', id: '3', active: true });
    expect(message).toMatch(/^A QuickBooks vendor named “Initech” already exists \(vendor #3\)/);
    expect(message).toContain('shared by customers, vendors and employees');
    expect(message).toContain('Rename the vendor in QuickBooks');
    expect(message).not.toContain('customer #');
  });

  it('an inactive employee holder says inactive', () => {
    expect(displayNameTakenMessage('Pat Lee', { kind: 'employee', id: '4', active: false })).toContain('(employee #4 (inactive))');
  });

  it('no holder found (renamed meanwhile): names all three kinds', () => {
    expect(displayNameTakenMessage('Acme', undefined)).toContain('customer, vendor or employee named “Acme”');
  });
});
