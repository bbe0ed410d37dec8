/** Loads what a sync pass needs for one account and object type, or says why nothing should run. */
import { z } from 'zod';
import { fieldMappingSchema, syncFiltersSchema } from '@quickbooks-sync/contract/definitions';
import type { AppContext } from '../../jobs/context.ts';
import { getInstallation } from '../../db/installations.ts';
import { getQboConnection } from '../../db/qbo-connections.ts';
import { getSyncDefinition } from '../../db/sync-definitions.ts';
import type { FieldMapping, ObjectType, SyncFilters } from '../types.ts';
import type { AdapterSession } from './adapter.ts';
import { sessionVendors } from './session-vendors.ts';

export type SessionResult = { ok: true; session: AdapterSession } | { ok: false; reason: string };

export async function loadSession(ctx: AppContext, portalId: number, objectType: ObjectType): Promise<SessionResult> {
  const [installation, connection, definition] = await Promise.all([
    getInstallation(ctx.db, portalId),
    getQboConnection(ctx.db, portalId),
    getSyncDefinition(ctx.db, portalId, objectType),
  ]);
  if (installation?.status !== 'active') return { ok: false, reason: 'the app is not installed in this HubSpot account' };
  if (connection?.status !== 'connected') return { ok: false, reason: 'QuickBooks is not connected' };
  if (definition?.status !== 'enabled') return { ok: false, reason: `the ${objectType} sync is not enabled` };
  // Stored by the definitions API after validation; parsed again because the database is an edge too.
  const mappings: FieldMapping[] = z.array(fieldMappingSchema).parse(definition.field_mappings);
  const filters: SyncFilters = syncFiltersSchema.parse(definition.filters ?? {});
  return { ok: true, session: { ctx, portalId, definition, connection, mappings, filters, vendors: sessionVendors(ctx, portalId) } };
}
