/**
 * A seeded model-based test of the contacts two-way sync (issue 12). Each round a seeded generator
 * changes both systems the way people do (edits, clears, new records on either or both sides — first
 * links —, e-mail changes, archives), then the changes are synced as webhooks would carry them, some
 * dropped, some duplicated, in any order, while both emulators inject 5xx answers and 429 storms;
 * then catch-ups run until nothing changes. A model computes what every pair must hold from the
 * documented rules (README "Convergence"), written here on its own, not imported from the engine:
 *
 * - changed on one side only since the last sync → that side's value (a clear is a change);
 * - changed on both → the winner's value, unless it is empty: then the other's;
 * - first link → the non-empty value; both non-empty and different → the winner's;
 * - a contact archived in HubSpot is never recreated, its customer is kept as it was.
 *
 * Deletions and merges (issue 16), with the seed's choice of options (`deletions`, `inactiveCustomers`):
 * - a contact deleted in HubSpot: its customer keeps its values; under `propagate` it is made inactive
 *   when the deletion's webhook arrives (a catch-up cannot see a deletion: HubSpot's search does not
 *   list deleted records), else it stays active;
 * - a customer made inactive in QuickBooks: the pair is no longer synced, both keep what they hold;
 *   under `archive` its contact is archived;
 * - two synced contacts merged in HubSpot: the merged one's customer keeps its values and is no longer
 *   synced; the survivor keeps its values, its empty ones filled from the merged contact (HubSpot's
 *   merge), and those reach its own customer as any HubSpot change does.
 *
 * Checks after every round: both sides of every pair agree with the model on every mapped field,
 * no record is duplicated or lost, no archived contact comes back, and idle catch-ups write nothing.
 */
import type { AppHarness } from '../helpers/app-harness.ts';
import { customerEmail } from '../helpers/sync-state.ts';
import { setUpSync, syncAccount, syncPass, type SyncAccount } from '../helpers/sync-accounts.ts';
import { vendorWrites } from '../helpers/vendor-writes.ts';
import type { QboEntity } from '../helpers/vendor-data.ts';
import { seededRandom, shuffled, type Random } from '../../backend/sandbox/common/random.ts';
import { defaultContactMappings } from '@quickbooks-sync/contract/definitions';
import { contactsAdapter } from '../../backend/src/sync/objects/contacts/contacts-adapter.ts';
import { runRecordJob, settleCatchUps } from './model-passes.ts';
import { syncRemovalJob } from '../../backend/src/jobs/handlers/sync-removal.ts';
import type { RemovalChange } from '../../backend/src/sync/removals/removal-change.ts';
import { DELETIONS_OPTION, INACTIVE_CUSTOMERS_OPTION, type DeletionPolicy, type InactiveCustomerPolicy } from '@quickbooks-sync/contract/definitions';

type Value = string | null;
const FIELDS = ['email', 'phone', 'city', 'company'] as const;
type Field = (typeof FIELDS)[number];
type Fields = Record<Field, Value>;
type Side = 'hubspot' | 'qbo';

const POOLS: Record<Exclude<Field, 'email'>, string[]> = {
  phone: ['555-0101', '555-0202', '555-0303'],
  city: ['Rome', 'Oslo', 'Lima'],
  company: ['Acme', 'Globex', 'Initech'],
};

interface Pair {
  key: number;
  first: string;
  last: string;
  hubspotId?: string;
  qboId?: string;
  /** No longer synced: deleted or merged in HubSpot, or its customer made inactive in QuickBooks. */
  archived: boolean;
  removal?: Removal;
  /** What both sides held after the last round (null: created this round). */
  synced: Fields | null;
  /** What each side holds now, as the test set it (null: no record on that side). */
  hubspot: Fields | null;
  qbo: Fields | null;
}

type Removal =
  | { kind: 'deleted'; customerInactive: boolean }
  | { kind: 'inactive'; contactArchived: boolean }
  | { kind: 'merged'; into: number };

/** A record change as its webhook carries it: a record pass, or a removal job (what webhook-dispatch queues). */
type ChangeEvent = [Side, string] | { removal: RemovalChange; delivered?: () => void };

export interface ModelOptions {
  seed: number;
  rounds: number;
  winner: 'hubspot' | 'quickbooks';
  portalId: number;
  realmId: string;
  log?: (line: string) => void;
  /** 429 storms on HubSpot (each blocks HubSpot calls for 10 s). */
  hubspotStorms?: 'none' | 'first round' | 'some rounds';
  /** Also 429 storms on QuickBooks (each blocks QuickBooks calls for 60 s): the long run only. */
  qboStorms?: boolean;
}

export interface ModelResult {
  seed: number;
  rounds: number;
  operations: number;
  pairs: number;
  catchUps: number;
  /** The removals the run made (deleted, inactive, merged). */
  removals: string[];
}

// ——— the model: the documented rules, on their own ———

function expectedField(synced: Value | undefined, h: Value, q: Value, winner: Side): Value {
  if (h === q) return h;
  if (synced === undefined) return h === null ? q : q === null ? h : winner === 'hubspot' ? h : q;
  const hChanged = h !== synced;
  const qChanged = q !== synced;
  if (hChanged && !qChanged) return h;
  if (qChanged && !hChanged) return q;
  const w = winner === 'hubspot' ? h : q;
  return w !== null ? w : winner === 'hubspot' ? q : h;
}

function expectedPair(pair: Pair, winner: Side): Fields {
  const h = pair.hubspot ?? pair.qbo!;
  const q = pair.qbo ?? pair.hubspot!;
  return Object.fromEntries(FIELDS.map((f) => [f, expectedField(pair.synced?.[f], h[f], q[f], winner)])) as Fields;
}

// ——— reading the systems ———

const blank = (v: unknown): Value => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
const customerFields = (c: QboEntity): Fields => ({
  email: blank((c.PrimaryEmailAddr as { Address?: string } | undefined)?.Address)?.toLowerCase() ?? null,
  phone: blank((c.PrimaryPhone as { FreeFormNumber?: string } | undefined)?.FreeFormNumber),
  city: blank((c.BillAddr as { City?: string } | undefined)?.City),
  company: blank(c.CompanyName),
});
const contactFields = (p: Record<string, string | null>): Fields => ({ email: blank(p.email)?.toLowerCase() ?? null, phone: blank(p.phone), city: blank(p.city), company: blank(p.company) });

export class ModelRun {
  private readonly random: Random;
  private readonly pairs: Pair[] = [];
  private account!: SyncAccount;
  private operations = 0;
  private catchUps = 0;
  private readonly trail: string[] = [];

  /** The seed's removal options: every combination over a few seeds. */
  private readonly deletions: DeletionPolicy;
  private readonly inactiveCustomers: InactiveCustomerPolicy;

  constructor(
    private readonly h: AppHarness,
    private readonly options: ModelOptions,
  ) {
    this.random = seededRandom(options.seed);
    this.deletions = options.seed % 4 < 2 ? 'propagate' : 'keep';
    this.inactiveCustomers = options.seed % 3 === 0 ? 'archive' : 'keep';
  }

  private note(line: string): void {
    this.trail.push(line);
    this.options.log?.(`[seed ${this.options.seed}] ${line}`);
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }

  private chance(p: number): boolean {
    return this.random() < p;
  }

  private randomFields(key: number, sparse: boolean): Fields {
    const value = (field: Exclude<Field, 'email'>) => (sparse && this.chance(0.4) ? null : this.pick(POOLS[field]));
    return { email: `m${this.options.seed}-${key}@model.test`, phone: value('phone'), city: value('city'), company: value('company') };
  }

  async run(): Promise<ModelResult> {
    const { h, options } = this;
    this.account = await syncAccount(h, options.portalId, options.realmId);
    for (let i = 0; i < 4; i++) await this.createPair();
    await setUpSync(h, this.account, 'contacts', { conflictWinner: options.winner, fieldMappings: defaultContactMappings(), options: { [DELETIONS_OPTION]: this.deletions, [INACTIVE_CUSTOMERS_OPTION]: this.inactiveCustomers } });
    this.note(`options: deletions ${this.deletions}, inactive customers ${this.inactiveCustomers}`);
    await this.settle();
    this.conclude();
    await this.check('first sync');
    for (let round = 1; round <= options.rounds; round++) {
      const events = await this.changeBothSides(round);
      await this.deliver(events, round);
      await this.settle();
      this.conclude();
      await this.check(`round ${round}`);
    }
    return { seed: options.seed, rounds: options.rounds, operations: this.operations, pairs: this.pairs.length, catchUps: this.catchUps, removals: this.pairs.filter((p) => p.removal).map((p) => p.removal!.kind) };
  }

  // ——— operations, as people make them ———

  private async createPair(): Promise<Array<[Side, string]>> {
    const key = this.pairs.length + 1;
    const pair: Pair = { key, first: `M${this.options.seed}`, last: `R${key}`, archived: false, synced: null, hubspot: null, qbo: null };
    const where = this.pick(['hubspot', 'qbo', 'both'] as const);
    const events: Array<[Side, string]> = [];
    if (where !== 'qbo') {
      pair.hubspot = this.randomFields(key, where === 'both');
      const props: Record<string, string> = { email: pair.hubspot.email!, firstname: pair.first, lastname: pair.last };
      for (const f of ['phone', 'city', 'company'] as const) if (pair.hubspot[f] !== null) props[f] = pair.hubspot[f];
      pair.hubspotId = (await this.account.hs.create('contacts', props)).id;
      events.push(['hubspot', pair.hubspotId]);
    }
    if (where !== 'hubspot') {
      pair.qbo = this.randomFields(key, where === 'both');
      const body: Record<string, unknown> = { DisplayName: `Q${this.options.seed} R${key}`, GivenName: pair.first, FamilyName: pair.last, PrimaryEmailAddr: { Address: pair.qbo.email } };
      if (pair.qbo.phone !== null) body.PrimaryPhone = { FreeFormNumber: pair.qbo.phone };
      if (pair.qbo.city !== null) body.BillAddr = { City: pair.qbo.city };
      if (pair.qbo.company !== null) body.CompanyName = pair.qbo.company;
      pair.qboId = (await this.account.qb.create('Customer', body)).Id;
      events.push(['qbo', pair.qboId]);
    }
    this.pairs.push(pair);
    this.note(`create pair ${key} in ${where}: hubspot ${JSON.stringify(pair.hubspot)} qbo ${JSON.stringify(pair.qbo)}`);
    return events;
  }

  private async setField(pair: Pair, side: Side, field: Field, value: Value): Promise<[Side, string]> {
    this.note(`pair ${pair.key}: ${side} ${value === null ? 'clears' : 'sets'} ${field}${value === null ? '' : ` = ${value}`}`);
    if (side === 'hubspot') {
      pair.hubspot![field] = value;
      await this.account.hs.update('contacts', pair.hubspotId!, { [field]: value ?? '' });
      return ['hubspot', pair.hubspotId!];
    }
    pair.qbo![field] = value;
    const current = await this.account.qb.read('Customer', pair.qboId!);
    const body: Record<string, unknown> = { Id: current.Id, SyncToken: current.SyncToken };
    if (field === 'email') body.PrimaryEmailAddr = { Address: value ?? '' };
    if (field === 'phone') body.PrimaryPhone = { FreeFormNumber: value ?? '' };
    if (field === 'city') body.BillAddr = { ...((current.BillAddr) ?? {}), City: value ?? '' };
    if (field === 'company') body.CompanyName = value ?? '';
    await this.account.qb.update('Customer', body);
    return ['qbo', pair.qboId!];
  }

  private async changeBothSides(round: number): Promise<ChangeEvent[]> {
    const events: ChangeEvent[] = [];
    const count = 3 + Math.floor(this.random() * 5);
    // Only pairs that were synced at the start of the round are edited; new ones arrive this round.
    const editable = () => this.pairs.filter((p) => !p.archived && p.synced !== null && p.hubspotId && p.qboId);
    // A removal takes a pair nobody changed this round (so what each side holds is what the last round left).
    const touched = new Set<number>();
    const untouched = () => editable().filter((p) => !touched.has(p.key));
    const made = (kind: Removal['kind']) => this.pairs.some((p) => p.removal?.kind === kind);
    // Each round opens with one removal, its kind the seed's turn (each kind once a run), the pairs random.
    const scheduled = (['deleted', 'inactive', 'merged'] as const)[(this.options.seed + round) % 3]!;
    if (!made(scheduled) && untouched().length >= 2) {
      this.operations++;
      const [pair, other] = shuffled(untouched(), this.random);
      if (scheduled === 'deleted') events.push(...(await this.deleteContact(pair!)));
      else if (scheduled === 'inactive') events.push(await this.makeCustomerInactive(pair!));
      else events.push(...(await this.merge(pair!, other!)));
      touched.add(pair!.key);
    }
    for (let n = 0; n < count; n++) {
      this.operations++;
      const roll = this.random();
      const candidates = editable();
      if (roll < 0.15 || candidates.length === 0) {
        events.push(...(await this.createPair()));
        continue;
      }
      const pair = this.pick(candidates);
      const side = this.pick(['hubspot', 'qbo'] as const);
      if (roll < 0.22 && !touched.has(pair.key)) {
        if (side === 'hubspot' && !made('deleted')) {
          events.push(...(await this.deleteContact(pair)));
          continue;
        }
        if (side === 'qbo' && !made('inactive')) {
          events.push(await this.makeCustomerInactive(pair));
          continue;
        }
      }
      if (roll < 0.25 && !made('merged')) {
        const others = untouched().filter((p) => p.key !== pair.key);
        if (!touched.has(pair.key) && others.length > 0) {
          const merged = this.pick(others);
          events.push(...(await this.merge(pair, merged)));
          touched.add(pair.key);
          continue;
        }
      }
      touched.add(pair.key);
      if (roll < 0.32) {
        events.push(await this.setField(pair, side, 'email', `m${this.options.seed}-${pair.key}-r${round}-${n}@model.test`));
        continue;
      }
      const field = this.pick(['phone', 'city', 'company'] as const);
      const clear = roll < 0.5;
      events.push(await this.setField(pair, side, field, clear ? null : this.pick(POOLS[field])));
    }
    return events;
  }

  /** A person deletes the contact in HubSpot; under `propagate` its webhook queues the removal job. */
  private async deleteContact(pair: Pair): Promise<ChangeEvent[]> {
    this.note(`pair ${pair.key}: contact deleted in HubSpot`);
    const res = await fetch(`${this.h.hubspot.baseUrl}/_sandbox/accounts/${this.account.portalId}/objects/contacts/${pair.hubspotId}`, { method: 'DELETE' });
    if (!res.ok) throw new Error(`delete answered ${res.status}`);
    pair.archived = true;
    const removal: Extract<Removal, { kind: 'deleted' }> = { kind: 'deleted', customerInactive: false };
    pair.removal = removal;
    // webhook-dispatch queues the removal job either way; only `propagate` makes the customer inactive.
    const propagate = this.deletions === 'propagate';
    return [{ removal: { kind: 'deleted', objectType: 'contacts', side: 'hubspot', id: pair.hubspotId! }, delivered: () => (removal.customerInactive = propagate) }];
  }

  private async makeCustomerInactive(pair: Pair): Promise<ChangeEvent> {
    this.note(`pair ${pair.key}: customer made inactive in QuickBooks`);
    const current = await this.account.qb.read('Customer', pair.qboId!);
    await this.account.qb.update('Customer', { Id: current.Id, SyncToken: current.SyncToken, Active: false });
    pair.archived = true;
    pair.removal = { kind: 'inactive', contactArchived: this.inactiveCustomers === 'archive' };
    // Its webhook (a QuickBooks Delete) is a record pass; a catch-up meets the change too.
    return ['qbo', pair.qboId!];
  }

  /** A person merges `merged` into `survivor` in HubSpot: the survivor's empty properties are filled from the merged one. */
  private async merge(survivor: Pair, merged: Pair): Promise<ChangeEvent[]> {
    this.note(`pairs ${merged.key} → ${survivor.key}: contacts merged in HubSpot`);
    const res = await fetch(`${this.h.hubspot.baseUrl}/_sandbox/accounts/${this.account.portalId}/merge/contacts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ primaryObjectId: survivor.hubspotId, objectIdToMerge: merged.hubspotId }),
    });
    if (!res.ok) throw new Error(`merge answered ${res.status}`);
    for (const f of ['phone', 'city', 'company'] as const) if (survivor.hubspot![f] === null) survivor.hubspot![f] = merged.hubspot![f];
    merged.archived = true;
    merged.removal = { kind: 'merged', into: survivor.key };
    return [{ removal: { kind: 'merged', objectType: 'contacts', side: 'hubspot', primaryId: survivor.hubspotId!, mergedIds: [merged.hubspotId!] } }, ['hubspot', survivor.hubspotId!]];
  }

  // ——— syncing, with faults ———

  /**
   * 5xx answers on both sides every round; a 429 storm on HubSpot in some rounds, and on QuickBooks
   * when `storms` says so. A 429 blocks our calls for the vendor's window (HubSpot 10 s, QuickBooks
   * 60 s, vendors/rate-budget.ts), so the fast seeds keep storms few.
   */
  private async faults(on: boolean, round: number): Promise<string> {
    const seed = this.options.seed * 100 + round;
    const hubspotStorm = on && (this.options.hubspotStorms === 'first round' ? round === 1 : this.options.hubspotStorms === 'some rounds' && (this.options.seed + round) % 3 === 0);
    const qboStorm = on && this.options.qboStorms === true && (this.options.seed + round) % 4 === 0;
    // each 429 blocks HubSpot calls for 10 s: one in the fast seeds, a storm of three in the long run
    const burst = this.options.hubspotStorms === 'some rounds' ? 3 : 1;
    await this.account.hs.faults(on ? { seed, serverErrorRate: 0.1, throttleBurst: hubspotStorm ? burst : 0 } : {});
    await this.account.qb.faults(on ? { seed: seed + 1, serverErrorRate: 0.1, throttleBurst: qboStorm ? 4 : 0 } : {});
    return `5xx on both sides${hubspotStorm ? `, ${burst} HubSpot 429s` : ''}${qboStorm ? ', a QuickBooks 429 storm' : ''}`;
  }

  /**
   * The webhooks of the round's changes: some dropped, some twice, in any order, each a record pass as
   * the job runs it (retried twice), or a removal job (retried as its job is, up to 8 times).
   */
  private async deliver(events: ChangeEvent[], round: number): Promise<void> {
    const delivered: ChangeEvent[] = [];
    for (const event of events) {
      if (this.chance(0.25)) continue;
      delivered.push(event);
      if (this.chance(0.2)) delivered.push(event);
    }
    const faults = await this.faults(true, round);
    this.note(`round ${round}: ${events.length} changes, ${delivered.length} webhook deliveries (drops and duplicates), ${faults}`);
    try {
      for (const event of shuffled(delivered, this.random)) {
        if (!Array.isArray(event)) {
          for (let attempt = 1; attempt <= 9; attempt++) {
            try {
              await syncRemovalJob.handle(this.h.ctx, { portalId: this.account.portalId, change: event.removal });
              event.delivered?.();
              break;
            } catch {
              // retried; after its last attempt the removal is lost (a catch-up cannot see deletions)
            }
          }
          continue;
        }
        const [side, id] = event;
        await runRecordJob(this.h, this.account, contactsAdapter, side, id);
      }
      // a catch-up during the storm too
      await syncPass(this.h, this.account, contactsAdapter).catch(() => undefined);
    } finally {
      await this.faults(false, round);
    }
  }

  /** Catch-ups ("Sync now") until one changes nothing; a pass a rate limit stopped runs again once the window passed. */
  private async settle(): Promise<void> {
    await settleCatchUps(this.h, this.account, contactsAdapter, { maxFailures: 40, retryAfterMs: 2_000, onCatchUp: () => this.catchUps++, failure: (message) => this.failure(message) });
  }

  private conclude(): void {
    const winner: Side = this.options.winner === 'hubspot' ? 'hubspot' : 'qbo';
    for (const pair of this.pairs) {
      if (pair.archived) continue;
      const end = expectedPair(pair, winner);
      pair.synced = end;
      pair.hubspot = { ...end };
      pair.qbo = { ...end };
    }
  }

  private failure(what: string): Error {
    return new Error(`model seed ${this.options.seed} (winner ${this.options.winner}): ${what}\nreplay: npm run model -- --seed ${this.options.seed} --rounds ${this.options.rounds}\n${this.trail.join('\n')}`);
  }

  // ——— the checks ———

  private async check(when: string): Promise<void> {
    const contacts = await this.account.hs.all('contacts');
    const customers = await this.account.qb.all('Customer');
    const problems: string[] = [];
    for (const pair of this.pairs) {
      if (pair.archived) {
        problems.push(...this.checkRemoved(pair, contacts, customers));
        continue;
      }
      const want = pair.synced!;
      const hs = contacts.filter((c) => c.properties.email?.trim().toLowerCase() === want.email);
      const qb = customers.filter((c) => customerEmail(c) === want.email);
      if (hs.length !== 1 || qb.length !== 1) {
        problems.push(`pair ${pair.key}: ${hs.length} contacts and ${qb.length} customers with ${want.email}`);
        continue;
      }
      // A pair made on one side learns the other side's record once it is synced (so later rounds edit and remove it too).
      pair.hubspotId ??= hs[0]!.id;
      pair.qboId ??= qb[0]!.Id;
      const got = { hubspot: contactFields(hs[0]!.properties), qbo: customerFields(qb[0]!) };
      for (const side of ['hubspot', 'qbo'] as const) {
        for (const f of FIELDS) if (got[side][f] !== want[f]) problems.push(`pair ${pair.key}: ${side} ${f} is ${JSON.stringify(got[side][f])}, the model says ${JSON.stringify(want[f])}`);
      }
    }
    const live = this.pairs.filter((p) => !p.archived).length;
    const keptContacts = live + this.pairs.filter((p) => p.removal?.kind === 'inactive' && !p.removal.contactArchived).length;
    if (contacts.length !== keptContacts) problems.push(`${contacts.length} contacts, the model has ${keptContacts}`);
    if (customers.length !== this.pairs.length) problems.push(`${customers.length} customers, the model has ${this.pairs.length}`);
    // idle: several catch-ups, not one write (a failing write counts)
    const since = new Date().toISOString();
    for (let i = 0; i < 3; i++) {
      this.catchUps++;
      await syncPass(this.h, this.account, contactsAdapter);
    }
    const writes = await vendorWrites(this.h, this.account.portalId, this.account.realmId, since);
    if (writes.length > 0) problems.push(`idle catch-ups wrote: ${writes.map((w) => `${w.method} ${w.path} → ${w.status}`).join(', ')}`);
    if (problems.length > 0) throw this.failure(`${when}:\n  ${problems.join('\n  ')}`);
    this.note(`${when}: ${live} pairs agree with the model, ${this.pairs.length - live} removed as it says; 3 idle catch-ups wrote nothing`);
  }

  /** A pair no longer synced: each side holds what it held when it was removed, as the removal left it. */
  private checkRemoved(pair: Pair, contacts: Array<{ id: string; properties: Record<string, string | null> }>, customers: QboEntity[]): string[] {
    const problems: string[] = [];
    const removal = pair.removal;
    const what = removal?.kind ?? 'archived';
    const customer = customers.find((c) => c.Id === pair.qboId);
    if (!customer) return [`pair ${pair.key} (${what}): its customer is gone`];
    const wantActive = removal?.kind === 'inactive' ? false : removal?.kind === 'deleted' ? !removal.customerInactive : true;
    if ((customer.Active !== false) !== wantActive) problems.push(`pair ${pair.key} (${what}): the customer is ${customer.Active === false ? 'inactive' : 'active'}, the model says ${wantActive ? 'active' : 'inactive'}`);
    const gotQbo = customerFields(customer);
    for (const f of FIELDS) if (gotQbo[f] !== pair.qbo![f]) problems.push(`pair ${pair.key} (${what}): qbo ${f} is ${JSON.stringify(gotQbo[f])}, the model says ${JSON.stringify(pair.qbo![f])}`);
    const contact = contacts.find((c) => c.id === pair.hubspotId);
    const contactKept = removal?.kind === 'inactive' && !removal.contactArchived;
    if (!contactKept) {
      if (contact) problems.push(`pair ${pair.key} (${what}): the contact is back`);
      const email = customerEmail(customer);
      if (contacts.some((c) => c.properties.email?.toLowerCase() === email)) problems.push(`pair ${pair.key} (${what}): a contact was recreated for its customer`);
      return problems;
    }
    if (!contact) return [...problems, `pair ${pair.key} (${what}): the kept contact is gone`];
    const gotHubSpot = contactFields(contact.properties);
    for (const f of FIELDS) if (gotHubSpot[f] !== pair.hubspot![f]) problems.push(`pair ${pair.key} (${what}): hubspot ${f} is ${JSON.stringify(gotHubSpot[f])}, the model says ${JSON.stringify(pair.hubspot![f])}`);
    return problems;
  }
}

export async function runContactsModel(h: AppHarness, options: ModelOptions): Promise<ModelResult> {
  return new ModelRun(h, options).run();
}
