/** Which way a mapping's values flow, given the definition's direction ('both' follows the definition). */
import type { FieldMapping, SyncDirection } from '../types.ts';

export function writesToQbo(mapping: Pick<FieldMapping, 'direction'>, definition: SyncDirection = 'two_way'): boolean {
  return mapping.direction !== 'to_hubspot' && definition !== 'qbo_to_hubspot';
}

export function writesToHubSpot(mapping: Pick<FieldMapping, 'direction'>, definition: SyncDirection = 'two_way'): boolean {
  return mapping.direction !== 'to_qbo' && definition !== 'hubspot_to_qbo';
}
