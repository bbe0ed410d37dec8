/** Per-account, per-object sync settings (R5–R11) and the cursors of their catch-up. */
import type { ConflictWinner, ObjectType, SyncDirection } from '@quickbooks-sync/contract/definitions';
import type { Knex } from './knex.ts';

export const SYNC_DEFINITIONS = 'sync_definitions';

export type { ConflictWinner, ObjectType, SyncDirection };
export type DefinitionStatus = 'enabled' | 'disabled' | 'deleted';

export interface DBSyncDefinition {
  id: number;
  portal_id: number;
  object_type: ObjectType;
  direction: SyncDirection;
  conflict_winner: ConflictWinner;
  status: DefinitionStatus;
  field_mappings: unknown[];
  filters: Record<string, unknown>;
  options: Record<string, unknown>;
  setup_date: Date;
  hubspot_cursor: Date | null;
  qbo_cursor: Date | null;
  backfill_checkpoint: Record<string, unknown> | null;
  backfill_completed_at: Date | null;
  last_full_reconcile_at: Date | null;
  last_sync_started_at: Date | null;
  last_sync_finished_at: Date | null;
  next_sync_at: Date | null;
  created_at: Date;
  updated_at: Date;
  deleted_at: Date | null;
}

export interface NewSyncDefinition {
  portalId: number;
  objectType: ObjectType;
  direction: SyncDirection;
  conflictWinner: ConflictWinner;
  fieldMappings: unknown[];
  filters: Record<string, unknown>;
  options?: Record<string, unknown>;
  setupDate: Date;
}

export async function createSyncDefinition(db: Knex, input: NewSyncDefinition): Promise<DBSyncDefinition> {
  const [row] = (await db(SYNC_DEFINITIONS)
    .insert({
      portal_id: input.portalId,
      object_type: input.objectType,
      direction: input.direction,
      conflict_winner: input.conflictWinner,
      field_mappings: JSON.stringify(input.fieldMappings),
      filters: JSON.stringify(input.filters),
      options: JSON.stringify(input.options ?? {}),
      setup_date: input.setupDate,
    })
    .returning('*')) as DBSyncDefinition[];
  return row as DBSyncDefinition;
}

/** The live (not deleted) definition of an object type for an account. */
export async function getSyncDefinition(db: Knex, portalId: number, objectType: ObjectType): Promise<DBSyncDefinition | undefined> {
  return (await db(SYNC_DEFINITIONS)
    .where({ portal_id: portalId, object_type: objectType })
    .whereNot('status', 'deleted')
    .first()) as DBSyncDefinition | undefined;
}

export async function listSyncDefinitions(db: Knex, portalId: number): Promise<DBSyncDefinition[]> {
  return (await db(SYNC_DEFINITIONS).where({ portal_id: portalId }).whereNot('status', 'deleted').orderBy('object_type')) as DBSyncDefinition[];
}

export type SyncDefinitionPatch = Partial<
  Pick<
    DBSyncDefinition,
    | 'direction'
    | 'conflict_winner'
    | 'status'
    | 'hubspot_cursor'
    | 'qbo_cursor'
    | 'backfill_completed_at'
    | 'last_full_reconcile_at'
    | 'last_sync_started_at'
    | 'last_sync_finished_at'
    | 'next_sync_at'
  > & { field_mappings: unknown[]; filters: Record<string, unknown>; options: Record<string, unknown>; backfill_checkpoint: Record<string, unknown> | null }
>;

const JSON_COLUMNS = ['field_mappings', 'filters', 'options', 'backfill_checkpoint'] as const;

/** Updates a definition of this account only; returns undefined when it is not the account's. */
export async function updateSyncDefinition(db: Knex, portalId: number, id: number, patch: SyncDefinitionPatch): Promise<DBSyncDefinition | undefined> {
  const values: Record<string, unknown> = { ...patch, updated_at: db.fn.now() };
  for (const column of JSON_COLUMNS) {
    if (patch[column] !== undefined) values[column] = patch[column] === null ? null : JSON.stringify(patch[column]);
  }
  if (patch.status === 'deleted') values.deleted_at = db.fn.now();
  const [row] = (await db(SYNC_DEFINITIONS).where({ portal_id: portalId, id }).update(values).returning('*')) as DBSyncDefinition[];
  return row;
}
