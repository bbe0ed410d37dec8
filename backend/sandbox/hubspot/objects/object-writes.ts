/**
 * Create / update / archive of CRM records with HubSpot's rules: property validation, unique values,
 * maintained timestamps, and a change event for every write (webhooks are built from those).
 * Validation (plan*) is separate from applying (apply*) so a batch can be checked whole before any write.
 */
import { conflict, validationError, type HubSpotError } from '../http/errors.ts';
import { normaliseProperties, propertyErrorMessage, type PropertyInput } from '../properties/validate-values.ts';
import type { HubSpotAccount } from '../state/account.ts';
import type { ChangeSource } from '../state/changes.ts';
import type { HubSpotSandboxState } from '../state/sandbox-state.ts';
import type { CrmRecord, HistoryEntry } from './collection.ts';
import { OBJECT_TYPE_INFO, type ObjectType } from './object-types.ts';
import { checkCommerceValues } from './commerce-rules.ts';
import { recordSearchSnapshot } from './search-visibility.ts';

export interface WriteContext {
  state: HubSpotSandboxState;
  account: HubSpotAccount;
  source: ChangeSource;
}

export type PlannedValues = Map<string, string | null>;

/** Values claimed by earlier inputs of the same batch: property → value → input index. */
export type BatchClaims = Map<string, Map<string, number>>;

function uniqueConflict(type: ObjectType, property: string, value: string, existingId: string): HubSpotError {
  if (type === 'contacts' && property === 'email') return conflict(`Contact already exists. Existing ID: ${existingId}`);
  const singular = OBJECT_TYPE_INFO[type].singular;
  return conflict(`A ${singular} with ${property} "${value}" already exists. Existing ID: ${existingId}`, {
    context: { property: [property], value: [value], existingId: [existingId] },
  });
}

/** Validates input properties; throws HubSpotError (400/409) or returns normalised values. */
export function planWrite(
  ctx: WriteContext,
  type: ObjectType,
  input: PropertyInput,
  opts: { existing?: CrmRecord; claims?: BatchClaims; allowReadOnly?: boolean } = {},
): PlannedValues {
  const defs = ctx.account.propertyDefs(type);
  const { values, errors } = normaliseProperties(input, defs, ctx.account.portalId, { objectType: type, allowReadOnly: opts.allowReadOnly });
  if (!opts.existing) {
    for (const required of OBJECT_TYPE_INFO[type].requiredOnCreate) {
      if ((values.get(required) ?? null) === null && !errors.some((e) => e.name === required)) {
        const message = `Property "${required}" is required`;
        errors.push({ isValid: false, message, error: 'REQUIRED_PROPERTY', name: required, localizedErrorMessage: message, portalId: ctx.account.portalId });
      }
    }
  }
  if (errors.length > 0) throw validationError(propertyErrorMessage(errors), { errors: errors.map((e) => ({ message: e.message, code: e.error, context: { propertyName: [e.name] } })) });
  checkCommerceValues(ctx.account, type, values, opts.existing);
  const collection = ctx.account.collection(type);
  for (const [name, value] of values) {
    if (value === null || !defs.get(name)?.hasUniqueValue) continue;
    const owner = collection.uniqueOwner(name, value);
    if (owner !== undefined && owner !== opts.existing?.id) throw uniqueConflict(type, name, value, owner);
    const claimedBy = opts.claims?.get(name)?.get(value.toLowerCase());
    if (claimedBy !== undefined) throw uniqueConflict(type, name, value, `(input ${claimedBy})`);
  }
  return values;
}

/** Marks the unique values of a planned input as taken by the batch (call after planWrite succeeds). */
export function claimUnique(ctx: WriteContext, type: ObjectType, values: PlannedValues, claims: BatchClaims, index: number): void {
  const defs = ctx.account.propertyDefs(type);
  for (const [name, value] of values) {
    if (value === null || !defs.get(name)?.hasUniqueValue) continue;
    let byValue = claims.get(name);
    if (!byValue) {
      byValue = new Map<string, number>();
      claims.set(name, byValue);
    }
    byValue.set(value.toLowerCase(), index);
  }
}

/** Properties HubSpot computes itself after each write. */
function deriveProperties(type: ObjectType, props: Map<string, string>): void {
  if (type === 'line_items') {
    // Net price: quantity × (unit price − unit discount), or less the discount percentage when that is set.
    const quantity = Number(props.get('quantity') ?? '1');
    const price = Number(props.get('price') ?? '0');
    const unitDiscount = Number(props.get('discount') ?? '0');
    const percentage = Number(props.get('hs_discount_percentage') ?? '0');
    const unitNet = percentage > 0 ? price * (1 - percentage / 100) : price - unitDiscount;
    if (Number.isFinite(quantity) && Number.isFinite(unitNet)) props.set('amount', String(Math.round(quantity * unitNet * 100) / 100));
  }
}

function setValue(ctx: WriteContext, record: CrmRecord, name: string, value: string | null, changed: string[], trackAt?: number): void {
  const before = record.properties.get(name);
  const after = value ?? undefined;
  if (before === after) return;
  if (trackAt !== undefined) recordHistory(record, name, before, after, trackAt, ctx.source);
  const collection = ctx.account.collection(record.type);
  const unique = ctx.account.propertyDefs(record.type).get(name)?.hasUniqueValue ?? false;
  if (unique && before !== undefined) collection.deleteUnique(name, before, record.id);
  if (after === undefined) record.properties.delete(name);
  else {
    record.properties.set(name, after);
    if (unique) collection.setUnique(name, after, record.id);
  }
  changed.push(name);
}

function recordHistory(record: CrmRecord, name: string, before: string | undefined, after: string | undefined, now: number, source: ChangeSource): void {
  const history = (record.history ??= new Map<string, HistoryEntry[]>());
  let list: HistoryEntry[] | undefined = history.get(name);
  if (!list) {
    list = [];
    if (before !== undefined && record.createdSource) list.push({ value: before, timestamp: record.createdAt, source: record.createdSource });
    history.set(name, list);
  }
  list.push({ value: after ?? '', timestamp: now, source });
}

function emitPropertyChanges(ctx: WriteContext, record: CrmRecord, names: string[], now: number): void {
  for (const name of names) {
    ctx.state.emit(ctx.account.portalId, {
      kind: 'propertyChange', objectType: record.type, objectId: record.id, occurredAt: now, source: ctx.source,
      propertyName: name, propertyValue: record.properties.get(name) ?? '',
    });
  }
}

export function applyCreate(ctx: WriteContext, type: ObjectType, values: PlannedValues, now = Date.now()): CrmRecord {
  const info = OBJECT_TYPE_INFO[type];
  const id = ctx.account.nextId();
  const iso = new Date(now).toISOString();
  const record: CrmRecord = { id, type, properties: new Map(), createdAt: now, updatedAt: now, archived: false, archivedAt: null, createdSource: ctx.source };
  ctx.account.collection(type).add(record);
  const changed: string[] = [];
  for (const [name, value] of values) setValue(ctx, record, name, value, changed);
  const system: [string, string][] = [['hs_object_id', id], ['hs_lastmodifieddate', iso]];
  if (!record.properties.has(info.createdProperty)) system.push([info.createdProperty, iso]);
  else record.createdAt = Date.parse(record.properties.get(info.createdProperty) as string);
  if (type === 'contacts') system.push(['lastmodifieddate', iso]);
  if (type === 'invoices') {
    if (!record.properties.has('hs_invoice_status')) system.push(['hs_invoice_status', 'draft']);
    system.push(['hs_number', `INV-${id}`]);
    // A person creating the invoice in HubSpot makes its source "HubSpot"; an app's API create leaves it empty (see README).
    if (ctx.source.changeSource !== 'INTEGRATION') system.push(['hs_invoice_source', 'hubspot']);
  }
  for (const [name, value] of system) setValue(ctx, record, name, value, changed);
  deriveProperties(type, record.properties);
  recordSearchSnapshot(ctx.account, record, now, true);
  ctx.state.emit(ctx.account.portalId, { kind: 'creation', objectType: type, objectId: id, occurredAt: now, source: ctx.source });
  emitPropertyChanges(ctx, record, changed, now);
  return record;
}

/** Applies an update; returns the names of properties whose value changed. */
export function applyUpdate(ctx: WriteContext, record: CrmRecord, values: PlannedValues, now = Date.now()): string[] {
  recordSearchSnapshot(ctx.account, record, now, false, 'before');
  const changed: string[] = [];
  for (const [name, value] of values) setValue(ctx, record, name, value, changed, now);
  if (changed.length === 0) return changed;
  const iso = new Date(now).toISOString();
  const system: string[] = [];
  setValue(ctx, record, 'hs_lastmodifieddate', iso, system, now);
  if (record.type === 'contacts') setValue(ctx, record, 'lastmodifieddate', iso, system, now);
  deriveProperties(record.type, record.properties);
  record.updatedAt = now;
  recordSearchSnapshot(ctx.account, record, now, false);
  emitPropertyChanges(ctx, record, [...changed, ...system], now);
  return changed;
}

export function applyArchive(ctx: WriteContext, record: CrmRecord, now = Date.now(), kind: 'deletion' | 'privacyDeletion' = 'deletion'): void {
  if (record.archived) return;
  recordSearchSnapshot(ctx.account, record, now, false, 'before');
  const collection = ctx.account.collection(record.type);
  const defs = ctx.account.propertyDefs(record.type);
  for (const [name, value] of record.properties) if (defs.get(name)?.hasUniqueValue) collection.deleteUnique(name, value, record.id);
  record.archived = true;
  record.archivedAt = now;
  record.updatedAt = now;
  // Contacts whose primary company this was lose their associatedcompanyid, as in HubSpot.
  const orphaned = record.type === 'companies' ? ctx.account.associations.list('companies', record.id, 'contacts').filter((l) => l.typeIds.includes(2)) : [];
  ctx.account.associations.removeAllFor(record.type, record.id);
  for (const link of orphaned) {
    const contact = ctx.account.collection('contacts').get(link.toId);
    if (contact && !contact.archived) applyUpdate(ctx, contact, new Map([['associatedcompanyid', null]]), now);
  }
  recordSearchSnapshot(ctx.account, record, now, false);
  ctx.state.emit(ctx.account.portalId, { kind, objectType: record.type, objectId: record.id, occurredAt: now, source: ctx.source });
}

/** Restore from the recycle bin (a user action in HubSpot): unique values must still be free. */
export function applyRestore(ctx: WriteContext, record: CrmRecord, now = Date.now()): void {
  if (!record.archived || record.mergedInto !== undefined) return;
  const collection = ctx.account.collection(record.type);
  const defs = ctx.account.propertyDefs(record.type);
  for (const [name, value] of record.properties) {
    const owner = defs.get(name)?.hasUniqueValue ? collection.uniqueOwner(name, value) : undefined;
    if (owner !== undefined) throw uniqueConflict(record.type, name, value, owner);
  }
  recordSearchSnapshot(ctx.account, record, now, false, 'before');
  for (const [name, value] of record.properties) if (defs.get(name)?.hasUniqueValue) collection.setUnique(name, value, record.id);
  record.archived = false;
  record.archivedAt = null;
  record.updatedAt = now;
  recordSearchSnapshot(ctx.account, record, now, false);
  ctx.state.emit(ctx.account.portalId, { kind: 'restore', objectType: record.type, objectId: record.id, occurredAt: now, source: ctx.source });
}
