/**
 * QuickBooks refuses the second customer of a display name (6240): the create loader sends each name
 * once per round and answers the rest with that refusal, so R14's clashes cost no batch slot. The
 * answers must be exactly what QuickBooks would have said, item by item.
 */
import { describe, expect, it } from 'vitest';
import { qboCreateLoader, type QboCreateItem } from '../../../backend/src/sync/loaders/qbo-loaders.ts';
import type { AdapterSession } from '../../../backend/src/sync/engine/adapter.ts';
import { PassMemo } from '../../../backend/src/sync/engine/pass-memo.ts';
import { QboApiError } from '../../../backend/src/vendors/quickbooks/errors.ts';
import type { QboRecord } from '../../../backend/src/sync/types.ts';

type Sent = Array<Array<string>>;

/** A fake QuickBooks holding names case-insensitively, refusing some with a validation error. */
function fakeSession(options: { passFacts?: PassMemo; invalid?: string[]; taken?: string[] } = {}) {
  const sent: Sent = [];
  const names = new Set((options.taken ?? []).map((n) => n.toLowerCase()));
  let nextId = 100;
  const createOne = (body: Record<string, unknown>): QboRecord | Error => {
    const name = String(body.DisplayName ?? body.Name);
    if (options.invalid?.includes(name)) return new QboApiError('Invalid', 'validation', 400, '2020', 'bad', undefined);
    if (names.has(name.trim().toLowerCase())) return new QboApiError('Duplicate Name Exists Error', 'duplicate_name', 400, '6240', 'taken', undefined);
    names.add(name.trim().toLowerCase());
    const record: QboRecord = { Id: String(nextId++), SyncToken: '0', DisplayName: name };
    return record;
  };
  const qbo = {
    create: async (_entity: string, body: Record<string, unknown>) => {
      sent.push([String(body.DisplayName ?? body.Name)]);
      const r = createOne(body);
      if (r instanceof Error) throw r;
      return r;
    },
    batch: async (items: Array<{ body: Record<string, unknown> }>) => {
      sent.push(items.map((i) => String(i.body.DisplayName ?? i.body.Name)));
      return items.map((i) => {
        const r = createOne(i.body);
        return r instanceof Error ? { ok: false, error: r } : { ok: true, record: r };
      });
    },
  };
  const session = { vendors: { qbo: async () => qbo }, ...(options.passFacts ? { passFacts: options.passFacts } : {}) } as unknown as AdapterSession;
  return { session, sent };
}

const item = (name: string, n: number): QboCreateItem => ({ body: { DisplayName: name }, requestId: `r${n}` });
const outcome = (answers: Array<QboRecord | Error>) => answers.map((a) => (a instanceof QboApiError ? a.kind : a instanceof Error ? 'error' : `id:${a.Id}`));

describe('customer creates send each display name once', () => {
  it('of one name in a batch, the first goes and the others get the refusal QuickBooks would give', async () => {
    const { session, sent } = fakeSession();
    const answers = await qboCreateLoader(session, 'Customer').load([item('Acme', 1), item(' acme ', 2), item('Beta', 3), item('ACME', 4)]);
    expect(sent).toEqual([['Acme', 'Beta']]);
    expect(outcome(answers)).toEqual(['id:100', 'duplicate_name', 'id:101', 'duplicate_name']);
    expect((answers[1] as QboApiError).code).toBe('6240');
  });

  it('when the first of a name fails for a reason of its own, the next one is sent', async () => {
    const { session, sent } = fakeSession({ invalid: ['Acme'] });
    const answers = await qboCreateLoader(session, 'Customer').load([item('Acme', 1), item('acme', 2), item('ACME', 3)]);
    expect(sent).toEqual([['Acme'], ['acme']]);
    expect(outcome(answers)).toEqual(['validation', 'id:100', 'duplicate_name']);
  });

  it('a name held before the pass is refused by QuickBooks itself (one slot), as before', async () => {
    const { session, sent } = fakeSession({ taken: ['Acme'] });
    const answers = await qboCreateLoader(session, 'Customer').load([item('Acme', 1), item('acme', 2)]);
    expect(sent).toEqual([['Acme'], ['acme']]);
    expect(outcome(answers)).toEqual(['duplicate_name', 'duplicate_name']);
  });

  it('within a pass, a name it already gave a customer is refused without a call; outside a pass nothing is remembered', async () => {
    const facts = new PassMemo();
    const inPass = fakeSession({ passFacts: facts });
    await qboCreateLoader(inPass.session, 'Customer').load([item('Acme', 1)]);
    const again = await qboCreateLoader(inPass.session, 'Customer').load([item('ACME', 2), item('Beta', 3)]);
    expect(inPass.sent).toEqual([['Acme'], ['Beta']]);
    expect(outcome(again)).toEqual(['duplicate_name', 'id:101']);

    const alone = fakeSession();
    await qboCreateLoader(alone.session, 'Customer').load([item('Acme', 1)]);
    await qboCreateLoader(alone.session, 'Customer').load([item('Acme', 2)]);
    expect(alone.sent).toEqual([['Acme'], ['Acme']]);
  });

  it('items are not parties: sent as they are', async () => {
    const { session, sent } = fakeSession();
    await qboCreateLoader(session, 'Item').load([{ body: { Name: 'Pen' }, requestId: 'a' }, { body: { Name: 'pen' }, requestId: 'b' }]);
    expect(sent).toEqual([['Pen', 'pen']]);
  });
});
