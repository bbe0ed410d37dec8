/**
 * Batchable QBO calls for any entity (see engine/page-batcher.ts): reads by id and lookups by a
 * matching field as one `IN` query per 100 keys, creates and updates as /batch calls of 30.
 */
import { createHash } from 'node:crypto';
import type { AdapterSession } from '../engine/adapter.ts';
import type { BatchLoader } from '../engine/page-batcher.ts';
import type { QboRecord } from '../types.ts';
import { QBO_BATCH_MAX_ITEMS } from '../../vendors/quickbooks/batch.ts';
import { qboIdentifier, qboString } from '../../vendors/quickbooks/query.ts';
import { QboApiError } from '../../vendors/quickbooks/errors.ts';

/** Values per IN list: keeps the query URL far below any proxy's limit. */
export const QBO_IN_LIST_MAX = 100;

interface EntityOptions {
  /** Name-list entities (Customer, Item) hide inactive rows unless asked for them. */
  nameList: boolean;
}

async function selectIn(session: AdapterSession, entity: string, field: string, values: string[], options: EntityOptions): Promise<QboRecord[]> {
  const qbo = await session.vendors.qbo();
  const where = `${qboIdentifier(field)} IN (${[...new Set(values)].map(qboString).join(', ')})${options.nameList ? ' AND Active IN (true, false)' : ''}`;
  const records: QboRecord[] = [];
  for await (const page of qbo.queryAll(entity, where)) records.push(...page.records);
  return records;
}

export function qboReadByIdLoader(session: AdapterSession, entity: string, options: EntityOptions): BatchLoader<string, QboRecord | undefined> {
  return {
    name: `qbo.read.${entity}`,
    maxBatch: QBO_IN_LIST_MAX,
    keyOf: (id) => id,
    async load(ids) {
      const byId = new Map((await selectIn(session, entity, 'Id', ids, options)).map((r) => [r.Id, r]));
      return ids.map((id) => byId.get(id));
    },
  };
}

/** Records whose `field` matches each key; `keyOf` normalises a record's value the way keys are. */
export function qboFindByLoader(
  session: AdapterSession,
  entity: string,
  field: string,
  keyOf: (record: QboRecord) => string | null,
  options: EntityOptions & { activeOnly?: boolean },
): BatchLoader<string, QboRecord[]> {
  return {
    name: `qbo.find.${entity}.${field}`,
    maxBatch: QBO_IN_LIST_MAX,
    keyOf: (key) => key,
    async load(keys) {
      const found = await selectIn(session, entity, field, keys, { nameList: options.nameList && !options.activeOnly });
      const byKey = new Map<string, QboRecord[]>();
      for (const record of found) {
        const key = keyOf(record);
        if (key !== null) byKey.set(key, [...(byKey.get(key) ?? []), record]);
      }
      return keys.map((key) => byKey.get(key) ?? []);
    },
  };
}

export interface QboCreateItem {
  body: Record<string, unknown>;
  /** The record's own create id, stored before the call. */
  requestId: string;
}

/**
 * Creates as /batch calls. A batch has one requestid, derived from its items' ids, so a retry of the
 * same batch replays QBO's first answer; a retry composed differently still finds the entities the
 * first attempt created through matching, which runs before every create.
 */
export function qboCreateLoader(session: AdapterSession, entity: string): BatchLoader<QboCreateItem, QboRecord> {
  const sendCreates = async (items: QboCreateItem[]): Promise<Array<QboRecord | Error>> => {
    const qbo = await session.vendors.qbo();
    if (items.length === 1 && items[0]) return [await qbo.create(entity, items[0].body, items[0].requestId).catch((err: unknown) => toError(err))];
    const requestId = createHash('sha256').update(items.map((i) => i.requestId).join('\n')).digest('base64url').slice(0, 30);
    const results = await qbo.batch(items.map((i) => ({ operation: 'create' as const, entity, body: i.body })), { requestId });
    return results.map((r) => (r.ok ? (r.record ?? new Error(`QuickBooks returned no ${entity}`)) : r.error));
  };
  return {
    name: `qbo.create.${entity}`,
    maxBatch: QBO_BATCH_MAX_ITEMS,
    load: (items) => (isPartyEntity(entity) ? createPartiesOncePerName(session, entity, items, sendCreates) : sendCreates(items)),
  };
}

/**
 * Customers (and vendors, employees) share one DisplayName namespace, and QuickBooks refuses the second
 * of a name (6240), each refusal a slot of its 40 batches a minute. A first sync of contacts meets that
 * all the time (R14: every contact of one company wants the company's name). So each name is sent once:
 * of several creates of one name in a batch, the first goes; the others get QuickBooks' own refusal when
 * it succeeded (and go in the next round when it failed for a reason of its own). A name this pass
 * already gave a customer is refused without a call: what the pass created it knows exactly.
 */
async function createPartiesOncePerName(session: AdapterSession, entity: string, items: QboCreateItem[], send: (items: QboCreateItem[]) => Promise<Array<QboRecord | Error>>): Promise<Array<QboRecord | Error>> {
  const answers: Array<QboRecord | Error | undefined> = items.map(() => undefined);
  let waiting = items.map((_, i) => i);
  // Names this call gave (what the pass's facts hold too, when there is a pass).
  const given = new Set<string>();
  while (waiting.length > 0) {
    const first = new Set<string>();
    const now: number[] = [];
    const later: number[] = [];
    for (const i of waiting) {
      const name = partyNameKey(items[i]!.body.DisplayName);
      if (name !== null && (given.has(name) || createdPartyName(session, name) !== undefined)) answers[i] = duplicateNameError();
      else if (name !== null && first.has(name)) later.push(i);
      else {
        if (name !== null) first.add(name);
        now.push(i);
      }
    }
    const sent = now.length > 0 ? await send(now.map((i) => items[i]!)) : [];
    now.forEach((i, n) => {
      const answer = sent[n] ?? new Error(`QuickBooks returned no answer for ${String(items[i]!.body.DisplayName)}`);
      answers[i] = answer;
      const name = partyNameKey(items[i]!.body.DisplayName);
      if (name !== null && !(answer instanceof Error)) {
        given.add(name);
        rememberPartyName(session, name, { entity, id: String(answer.Id) });
      }
    });
    waiting = later;
  }
  return answers.map((a) => a ?? new Error('no answer'));
}

const PARTY_ENTITIES = new Set(['Customer', 'Vendor', 'Employee']);
const isPartyEntity = (entity: string) => PARTY_ENTITIES.has(entity);

/** QuickBooks compares display names trimmed and case-insensitively (emulator README, reference §1.1). */
export const partyNameKey = (name: unknown): string | null => (typeof name === 'string' && name.trim() !== '' ? name.trim().toLowerCase() : null);

const partyNameMemoKey = (name: string) => `qbo.partyName:${name}`;
export interface CreatedParty {
  entity: string;
  id: string;
}
/** The customer (vendor, employee) this pass created under `name` (a trimmed, lower-cased key), if it did. */
export const createdPartyName = (session: AdapterSession, name: string): CreatedParty | undefined => session.passFacts?.get<CreatedParty>(partyNameMemoKey(name));
const rememberPartyName = (session: AdapterSession, name: string, party: CreatedParty) => session.passFacts?.set(partyNameMemoKey(name), party);

/** The refusal QuickBooks gives the second of a name (6240), as our client reports it. */
const duplicateNameError = () =>
  new QboApiError('Duplicate Name Exists Error', 'duplicate_name', 400, '6240', 'The name supplied already exists. : Another customer, vendor or employee is already using this name. Please use a different name.', undefined);

/** Sparse updates (Id + SyncToken + changed fields) as /batch calls. */
export function qboUpdateLoader(session: AdapterSession, entity: string): BatchLoader<{ Id: string; SyncToken: string } & Record<string, unknown>, QboRecord> {
  return {
    name: `qbo.update.${entity}`,
    maxBatch: QBO_BATCH_MAX_ITEMS,
    async load(bodies) {
      const qbo = await session.vendors.qbo();
      if (bodies.length === 1 && bodies[0]) return [await qbo.update(entity, bodies[0]).catch((err: unknown) => toError(err))];
      const results = await qbo.batch(bodies.map((body) => ({ operation: 'update' as const, entity, body })));
      return results.map((r) => (r.ok ? (r.record ?? new Error(`QuickBooks returned no ${entity}`)) : r.error));
    },
  };
}

const toError = (err: unknown): Error => (err instanceof Error ? err : new Error(String(err)));
