import { describe, expect, it } from 'vitest';
import { readFilterValue, writableToward } from '../../../backend/src/sync/engine/record-values.ts';
import type { FieldMapping } from '../../../backend/src/sync/types.ts';

const mapping = (id: string, direction: FieldMapping['direction'], enabled = true): FieldMapping => ({ id, kind: 'default', enabled, hubspotProperty: id, qboField: id, direction });

describe('record values', () => {
  it('writes toward a side only the enabled mappings whose direction allows it', () => {
    const mappings = [mapping('both', 'both'), mapping('toQbo', 'to_qbo'), mapping('toHs', 'to_hubspot'), mapping('off', 'both', false)];
    const values = { both: 'a', toQbo: 'b', toHs: 'c', off: 'd', unmapped: 'e' };
    expect(writableToward(mappings, 'qbo', values)).toEqual({ both: 'a', toQbo: 'b' });
    expect(writableToward(mappings, 'hubspot', values)).toEqual({ both: 'a', toHs: 'c' });
  });

  it('reads filter values: HubSpot properties by name, QBO fields by dotted path', () => {
    const hubspot = { id: '1', updatedAt: new Date(), properties: { lifecyclestage: 'customer', phone: null } };
    expect(readFilterValue('hubspot', hubspot, 'lifecyclestage')).toBe('customer');
    expect(readFilterValue('hubspot', hubspot, 'phone')).toBeUndefined();
    expect(readFilterValue('hubspot', hubspot, 'missing')).toBeUndefined();
    const qbo = { Id: '5', SyncToken: '0', Active: false, Balance: 12.5, BillAddr: { City: "O'Fallon" } };
    expect(readFilterValue('qbo', qbo, 'BillAddr.City')).toBe("O'Fallon");
    expect(readFilterValue('qbo', qbo, 'Active')).toBe(false);
    expect(readFilterValue('qbo', qbo, 'Balance')).toBe(12.5);
    expect(readFilterValue('qbo', qbo, 'BillAddr.Line1')).toBeUndefined();
    expect(readFilterValue('qbo', qbo, 'Balance.Nested')).toBeUndefined();
  });
});
