/**
 * Sync settings per account and object (R5–R11): create from the recommended defaults or a submitted
 * definition, edit, disable / enable, delete, and "Sync now". Starting a sync enqueues its first pass
 * in the same transaction as the write.
 */
import type { AppContext } from '../../jobs/context.ts';
import { createSyncDefinition, getSyncDefinition, listSyncDefinitions, updateSyncDefinition, type DBSyncDefinition } from '../../db/sync-definitions.ts';
import { countSyncRecordsByState } from '../../db/sync-records.ts';
import { getQboConnection } from '../../db/qbo-connections.ts';
import { httpErrors } from '../../http/errors.ts';
import { enqueueSyncPass } from '../../jobs/handlers/sync-catch-up.ts';
import { cancelAccountJobs } from '../../connections/account-jobs.ts';
import { adapterFor } from '../objects/index.ts';
import type { ObjectType } from '../types.ts';
import { parseDefinitionInput, type DefinitionProblem } from './parse-definition-input.ts';
import { readCompanyTaxCodes } from '../../connections/company-tax-codes.ts';
import { qboSyncClientFor } from '../../vendors/quickbooks/client-for.ts';
import { recommendedContactsDefinition, recommendedProductsDefinition, outboundInvoiceFilter, recommendedInvoicesDefinition, recommendedPaymentsDefinition, TAX_CODE_OPTION, taxCodePerLineRequired, type DefinitionInput } from '@quickbooks-sync/contract/definitions';

export interface SyncDefinitionView {
  objectType: ObjectType;
  status: DBSyncDefinition['status'];
  direction: DBSyncDefinition['direction'];
  conflictWinner: DBSyncDefinition['conflict_winner'];
  fieldMappings: unknown[];
  filters: Record<string, unknown>;
  options: Record<string, unknown>;
  setupDate: string;
  firstSyncCompletedAt: string | null;
  lastSyncStartedAt: string | null;
  lastSyncFinishedAt: string | null;
  nextSyncAt: string | null;
  counts: { synced: number; failed: number; excluded: number; pending: number };
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function definitionView(d: DBSyncDefinition, counts: SyncDefinitionView['counts']): SyncDefinitionView {
  return {
    objectType: d.object_type,
    status: d.status,
    direction: d.direction,
    conflictWinner: d.conflict_winner,
    fieldMappings: d.field_mappings,
    filters: d.filters,
    options: d.options,
    setupDate: d.setup_date.toISOString(),
    firstSyncCompletedAt: iso(d.backfill_completed_at),
    lastSyncStartedAt: iso(d.last_sync_started_at),
    lastSyncFinishedAt: iso(d.last_sync_finished_at),
    nextSyncAt: iso(d.next_sync_at),
    counts,
  };
}

export async function listDefinitionViews(ctx: AppContext, portalId: number): Promise<SyncDefinitionView[]> {
  const [definitions, counts] = await Promise.all([listSyncDefinitions(ctx.db, portalId), countSyncRecordsByState(ctx.db, portalId)]);
  return definitions.map((d) => definitionView(d, counts[d.object_type]));
}

function requireAvailable(objectType: ObjectType): void {
  if (!adapterFor(objectType)) throw httpErrors.invalidRequest(`The ${objectType} sync is not available yet.`);
}

function invalid(problems: DefinitionProblem[]): never {
  throw httpErrors.invalidRequest('The sync settings have problems to fix.', problems);
}

/** Creates (and starts) or updates the account's sync of this object type. */
export async function saveDefinition(ctx: AppContext, portalId: number, objectType: ObjectType, body: unknown): Promise<SyncDefinitionView> {
  requireAvailable(objectType);
  const parsed = parseDefinitionInput(objectType, body);
  if (!parsed.ok) invalid(parsed.problems);
  return upsert(ctx, portalId, objectType, parsed.value);
}

/**
 * Every check a save makes, without saving or starting anything: the guided setup checks all its sections
 * this way first, so a problem in a later section leaves no earlier one saved and started.
 */
export async function validateDefinition(ctx: AppContext, portalId: number, objectType: ObjectType, body: unknown): Promise<{ objectType: ObjectType; valid: true }> {
  requireAvailable(objectType);
  const parsed = parseDefinitionInput(objectType, body);
  if (!parsed.ok) invalid(parsed.problems);
  const connection = await requireConnected(ctx, portalId);
  const existing = await getSyncDefinition(ctx.db, portalId, objectType);
  serverRules(objectType, parsed.value, existing?.setup_date ?? new Date(), connection.country);
  if (objectType === 'invoices') await requireCompanyTaxCode(ctx, portalId, parsed.value);
  return { objectType, valid: true };
}

/** R22: the chosen default tax code must be an active sales tax code of the company (read live from QuickBooks). */
async function requireCompanyTaxCode(ctx: AppContext, portalId: number, input: DefinitionInput): Promise<void> {
  const taxCode = chosenTaxCode(input);
  if (!taxCode || input.direction === 'qbo_to_hubspot') return;
  const codes = await readCompanyTaxCodes(await qboSyncClientFor(ctx, portalId));
  if (!codes.some((c) => c.id === taxCode)) {
    invalid([{ path: ['options', TAX_CODE_OPTION], message: `Tax code #${taxCode} is not an active sales tax code of this QuickBooks company. Choose one of its tax codes.` }]);
  }
}

async function requireConnected(ctx: AppContext, portalId: number) {
  const connection = await getQboConnection(ctx.db, portalId);
  if (connection?.status !== 'connected') throw httpErrors.conflict('Connect QuickBooks before setting up a sync.', { reason: 'qbo_not_connected' });
  return connection;
}

/** The rules that need the account (its QuickBooks company, its setup date); the normalised input when they hold. */
function serverRules(objectType: ObjectType, input: DefinitionInput, setupDate: Date, country: string | null): DefinitionInput {
  if (objectType === 'payments' && input.direction === 'hubspot_to_qbo') {
    invalid([{ path: ['direction'], message: 'Payments booked in QuickBooks always come to HubSpot: choose “QuickBooks → HubSpot”, or two-way to also record payments collected in HubSpot.' }]);
  }
  return objectType === 'invoices' ? invoiceRules(input, setupDate, country) : input;
}

/** The recommended defaults of R9, from today's setup date. */
export async function createRecommendedDefinition(ctx: AppContext, portalId: number, objectType: ObjectType): Promise<SyncDefinitionView> {
  requireAvailable(objectType);
  const recommended: Record<ObjectType, (setupDate: Date) => DefinitionInput> = {
    contacts: recommendedContactsDefinition,
    products: recommendedProductsDefinition,
    invoices: recommendedInvoicesDefinition,
    payments: recommendedPaymentsDefinition,
  };
  return upsert(ctx, portalId, objectType, recommended[objectType](new Date()));
}

async function upsert(ctx: AppContext, portalId: number, objectType: ObjectType, submitted: DefinitionInput): Promise<SyncDefinitionView> {
  const connection = await requireConnected(ctx, portalId);
  if (objectType === 'invoices') await requireCompanyTaxCode(ctx, portalId, submitted);
  const saved = await ctx.db.transaction(async (trx) => {
    const existing = await getSyncDefinition(trx, portalId, objectType);
    const input = serverRules(objectType, submitted, existing?.setup_date ?? new Date(), connection.country);
    const values = {
      direction: input.direction,
      conflict_winner: input.conflictWinner,
      field_mappings: input.fieldMappings,
      filters: input.filters,
      options: input.options,
    };
    if (existing) {
      // R7: a new or changed mapping applies to the records already synced too (historical invoices
      // included): the next pass re-reads everything since setup instead of only the latest changes.
      const mappingsChanged = JSON.stringify(existing.field_mappings) !== JSON.stringify(input.fieldMappings);
      const rereadAll = mappingsChanged && existing.backfill_completed_at !== null ? { hubspot_cursor: existing.setup_date, qbo_cursor: existing.setup_date } : {};
      const updated = (await updateSyncDefinition(trx, portalId, existing.id, { ...values, ...rereadAll }))!;
      if (mappingsChanged && existing.status === 'enabled' && existing.backfill_completed_at !== null) await enqueueSyncPass(ctx, { portalId, objectType, trigger: 'reconcile' }, trx);
      return updated;
    }
    const created = await createSyncDefinition(trx, {
      portalId,
      objectType,
      direction: input.direction,
      conflictWinner: input.conflictWinner,
      fieldMappings: input.fieldMappings,
      filters: input.filters,
      options: input.options,
      setupDate: new Date(),
    });
    await enqueueSyncPass(ctx, { portalId, objectType, trigger: 'first_sync' }, trx);
    return created;
  });
  const counts = await countSyncRecordsByState(ctx.db, portalId);
  return definitionView(saved, counts[objectType]);
}

const chosenTaxCode = (input: DefinitionInput): string | null => {
  const chosen = input.options[TAX_CODE_OPTION];
  return typeof chosen === 'string' && chosen !== '' ? chosen : null;
};

/**
 * Invoice-only rules: R22, invoices go to a QuickBooks company outside the US only with a default tax code
 * for their lines (a US company has automated sales tax and takes none); R8, the HubSpot → QuickBooks
 * filter is fixed (an empty one is filled in, a different one refused).
 */
function invoiceRules(input: DefinitionInput, setupDate: Date, country: string | null): DefinitionInput {
  const problems: DefinitionProblem[] = [];
  const taxCode = chosenTaxCode(input);
  if (input.direction !== 'qbo_to_hubspot' && taxCodePerLineRequired(country) && !taxCode) {
    problems.push({
      path: ['direction'],
      message: `Invoices cannot be sent to this QuickBooks company without a tax code: it is in ${country}, and QuickBooks companies outside the US require a tax code on every invoice line, which HubSpot invoices do not carry. Choose the default tax code for invoice lines, or choose “QuickBooks → HubSpot”.`,
    });
  }
  if (taxCode && !taxCodePerLineRequired(country)) {
    problems.push({ path: ['options', TAX_CODE_OPTION], message: 'This QuickBooks company is in the US: automated sales tax decides the tax, so invoice lines take no tax code. Remove the tax code.' });
  }
  const fixed = outboundInvoiceFilter(setupDate);
  const sameCriteria = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  if (input.filters.toQbo.length > 0 && !sameCriteria(input.filters.toQbo, fixed)) {
    problems.push({ path: ['filters', 'toQbo'], message: 'The HubSpot → QuickBooks invoice filter cannot be edited: it sends invoices that are not drafts and were created after the setup date.' });
  }
  if (problems.length > 0) invalid(problems);
  return { ...input, filters: { ...input.filters, toQbo: fixed } };
}

async function requireDefinition(ctx: AppContext, portalId: number, objectType: ObjectType): Promise<DBSyncDefinition> {
  const d = await getSyncDefinition(ctx.db, portalId, objectType);
  if (!d) throw httpErrors.notFound(`No ${objectType} sync is set up for this account.`);
  return d;
}

/** Disable stops all work for that object at once and keeps links; enable resumes from the cursor. */
export async function setDefinitionEnabled(ctx: AppContext, portalId: number, objectType: ObjectType, enabled: boolean): Promise<SyncDefinitionView> {
  const d = await requireDefinition(ctx, portalId, objectType);
  const updated = await ctx.db.transaction(async (trx) => {
    const next = (await updateSyncDefinition(trx, portalId, d.id, { status: enabled ? 'enabled' : 'disabled', next_sync_at: enabled ? new Date() : null }))!;
    if (enabled) await enqueueSyncPass(ctx, { portalId, objectType, trigger: next.backfill_completed_at ? 'schedule' : 'first_sync' }, trx);
    return next;
  });
  if (!enabled) await cancelAccountJobs(ctx, portalId, objectType);
  const counts = await countSyncRecordsByState(ctx.db, portalId);
  return definitionView(updated, counts[objectType]);
}

/** Delete removes the definition; record links stay, so setting the sync up again never duplicates. */
export async function deleteDefinition(ctx: AppContext, portalId: number, objectType: ObjectType): Promise<void> {
  const d = await requireDefinition(ctx, portalId, objectType);
  await updateSyncDefinition(ctx.db, portalId, d.id, { status: 'deleted' });
  await cancelAccountJobs(ctx, portalId, objectType);
}

/** R10: "Sync now" runs a catch-up (or the first sync, if it has not finished) right away. */
export async function syncNow(ctx: AppContext, portalId: number, objectType: ObjectType): Promise<{ queued: boolean }> {
  const d = await requireDefinition(ctx, portalId, objectType);
  if (d.status !== 'enabled') throw httpErrors.conflict(`The ${objectType} sync is disabled. Enable it first.`, { reason: 'sync_disabled' });
  const id = await enqueueSyncPass(ctx, { portalId, objectType, trigger: d.backfill_completed_at ? 'sync_now' : 'first_sync' });
  return { queued: id !== null };
}
