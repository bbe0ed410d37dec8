import { describe, expect, it } from 'vitest';
import { holdsHubSpotValue, holdsQboVersion, objectChangeOf } from '../../../backend/src/sync/webhook-dispatch.ts';
import { qboVersionHeld } from '../../../backend/src/sync/engine/execute-decision.ts';
import { defaultContactMappings } from '@quickbooks-sync/contract/definitions';

const definition = (filters: Record<string, unknown> = { toQbo: [], toHubSpot: [] }) => ({ field_mappings: defaultContactMappings(), filters });
const syncedRow = { state: 'synced' as const, qbo_id: '7' as string | null, hubspot_id: '101', hubspot_snapshot: { phone: '555-0101', firstname: 'Ann' } as Record<string, unknown> };
const phoneMapping = defaultContactMappings().find((m) => m.hubspotProperty === 'phone')!;

describe('echo suppression from the event alone', () => {
  it('reads the property and its value from a HubSpot property-change event', () => {
    expect(objectChangeOf('hubspot', { subscriptionType: 'contact.propertyChange', objectId: 101, propertyName: 'phone', propertyValue: '555-0101', changeSource: 'CRM_UI' })).toMatchObject({
      side: 'hubspot',
      id: '101',
      property: { name: 'phone', value: '555-0101' },
    });
    expect(objectChangeOf('hubspot', { subscriptionType: 'contact.creation', objectId: 101 })?.property).toBeUndefined();
  });

  it('a HubSpot value equal to the one we hold is not new; a different one is', () => {
    const snapshot = { ...syncedRow.hubspot_snapshot, [phoneMapping.id]: '555-0101' };
    const row = { ...syncedRow, hubspot_snapshot: snapshot };
    expect(holdsHubSpotValue(definition(), row, 'contacts', { name: 'phone', value: '555-0101' })).toBe(true);
    expect(holdsHubSpotValue(definition(), row, 'contacts', { name: 'phone', value: '555-0199' })).toBe(false);
    expect(holdsHubSpotValue(definition(), row, 'contacts', { name: 'phone', value: '' })).toBe(false);
  });

  it('judges nothing it cannot be sure of: a record not in sync, a property a filter reads, an unmapped property', () => {
    const row = { ...syncedRow, hubspot_snapshot: { ...syncedRow.hubspot_snapshot, [phoneMapping.id]: '555-0101' } };
    const value = { name: 'phone', value: '555-0101' };
    expect(holdsHubSpotValue(definition(), { ...row, state: 'failed' as const }, 'contacts', value)).toBe(false);
    expect(holdsHubSpotValue(definition(), { ...row, qbo_id: null }, 'contacts', value)).toBe(false);
    expect(holdsHubSpotValue(definition({ toQbo: [{ criteria: [{ property: 'phone', operator: 'HAS_PROPERTY' }] }], toHubSpot: [] }), row, 'contacts', value)).toBe(false);
    expect(holdsHubSpotValue(definition(), row, 'contacts', { name: 'jobtitle', value: 'x' })).toBe(false);
  });

  it('a QuickBooks change after the moment our version covers is new; our write covers up to its answer, within its second', () => {
    const version = { Id: '7', SyncToken: '1', MetaData: { LastUpdatedTime: '2026-11-24T13:17:06-07:00' } };
    const answered = Date.parse('2026-11-24T20:17:06.400Z');
    const written = qboVersionHeld(version, answered)!;
    expect(holdsQboVersion(Date.parse('2026-11-24T20:17:06.390Z'), written)).toBe(true); // our write's echo
    expect(holdsQboVersion(Date.parse('2026-11-24T20:17:06.600Z'), written)).toBe(false); // a person, the same second
    // An answer received seconds later never covers more than the version's second.
    expect(qboVersionHeld(version, answered + 5_000)!.toISOString()).toBe('2026-11-24T20:17:06.999Z');
    // A version we read covers its LastUpdatedTime only.
    const read = qboVersionHeld(version)!;
    expect(holdsQboVersion(Date.parse('2026-11-24T20:17:05.999Z'), read)).toBe(true);
    expect(holdsQboVersion(Date.parse('2026-11-24T20:17:06.001Z'), read)).toBe(false);
  });
});
