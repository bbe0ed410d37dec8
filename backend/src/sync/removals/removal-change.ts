/**
 * The removals a webhook can report, beyond edits: a record deleted on one side, and HubSpot merging
 * records (the merged ids now resolve to the primary).
 */
import type { ObjectType, Side } from '../types.ts';

export type RemovalChange =
  | { kind: 'deleted'; objectType: ObjectType; side: Side; id: string }
  | { kind: 'merged'; objectType: ObjectType; side: 'hubspot'; primaryId: string; mergedIds: string[] };
