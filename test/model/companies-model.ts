/**
 * The seeded model-based test of the customers sync in companies mode (issue 16), alongside the
 * contacts one (contacts-model.ts). Each round a seeded generator changes both systems the way people
 * do — company and customer edits and clears, new records on either or both sides (first links by the
 * company's name), a billing contact's e-mail changed or a billing contact added, a company archived —,
 * then the changes are synced as webhooks would carry them (a contact's change as its company's, as
 * the sync.contact-companies job does), some dropped, some duplicated, in any order, while both
 * emulators inject 5xx answers; then catch-ups run until nothing changes. The model, written here on its
 * own from the documented rules (README "Companies mode", "Convergence"):
 *
 * - the two-way fields (city, postal code, street) follow the convergence rules of contacts mode:
 *   changed on one side → that side's value; on both → the winner's unless empty; first link → the
 *   non-empty value, both set and different → the winner's;
 * - the customer's e-mail is the billing contact's (none: no e-mail), whoever wins conflicts;
 * - a company archived in HubSpot is never recreated, its customer kept as it was.
 *
 * Checks after every round: every pair agrees with the model on both sides, no company or customer is
 * duplicated or lost, no archived company comes back, and idle catch-ups write nothing.
 */
import type { AppHarness } from '../helpers/app-harness.ts';
import { setUpSync, syncAccount, syncPass, type SyncAccount } from '../helpers/sync-accounts.ts';
import { vendorWrites } from '../helpers/vendor-writes.ts';
import type { QboEntity } from '../helpers/vendor-data.ts';
import { seededRandom, shuffled, type Random } from '../../backend/sandbox/common/random.ts';
import { defaultCompanyMappings } from '@quickbooks-sync/contract/definitions';
import { companiesAdapter } from '../../backend/src/sync/objects/companies/companies-adapter.ts';
import { runRecordJob, settleCatchUps } from './model-passes.ts';

type Value = string | null;
const FIELDS = ['city', 'zip', 'address'] as const;
type Field = (typeof FIELDS)[number];
type Fields = Record<Field, Value>;
type Side = 'hubspot' | 'qbo';
const QBO_PATH: Record<Field, string> = { city: 'City', zip: 'PostalCode', address: 'Line1' };
const POOLS: Record<Field, string[]> = { city: ['Rome', 'Oslo', 'Lima'], zip: ['10001', '20002', '30003'], address: ['1 Main St', '2 Side Rd', '3 High St'] };
/** HubSpot-defined contact → company "Primary". */
const PRIMARY_COMPANY = 1;

interface Pair {
  key: number;
  name: string;
  hubspotId?: string;
  qboId?: string;
  /** The billing contact (a contact whose primary company it is) and its e-mail. */
  contactId?: string;
  email: Value;
  archived: boolean;
  synced: Fields | null;
  hubspot: Fields | null;
  qbo: Fields | null;
}

export interface CompaniesModelOptions {
  seed: number;
  rounds: number;
  winner: 'hubspot' | 'quickbooks';
  portalId: number;
  realmId: string;
  log?: (line: string) => void;
}

export interface CompaniesModelResult {
  seed: number;
  rounds: number;
  operations: number;
  pairs: number;
  catchUps: number;
}

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

const blank = (v: unknown): Value => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
const customerFields = (c: QboEntity): Fields => {
  const address = (c.BillAddr as Record<string, string | undefined> | undefined) ?? {};
  return { city: blank(address.City), zip: blank(address.PostalCode), address: blank(address.Line1) };
};
const companyFields = (p: Record<string, string | null>): Fields => ({ city: blank(p.city), zip: blank(p.zip), address: blank(p.address) });

class CompaniesModelRun {
  private readonly random: Random;
  private readonly pairs: Pair[] = [];
  private account!: SyncAccount;
  private operations = 0;
  private catchUps = 0;
  private readonly trail: string[] = [];

  constructor(
    private readonly h: AppHarness,
    private readonly options: CompaniesModelOptions,
  ) {
    this.random = seededRandom(options.seed);
  }

  private note(line: string): void {
    this.trail.push(line);
    this.options.log?.(`[companies seed ${this.options.seed}] ${line}`);
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }

  private chance(p: number): boolean {
    return this.random() < p;
  }

  private randomFields(sparse: boolean): Fields {
    return Object.fromEntries(FIELDS.map((f) => [f, sparse && this.chance(0.4) ? null : this.pick(POOLS[f])])) as Fields;
  }

  async run(): Promise<CompaniesModelResult> {
    this.account = await syncAccount(this.h, this.options.portalId, this.options.realmId);
    for (let i = 0; i < 4; i++) await this.createPair();
    await setUpSync(this.h, this.account, 'companies', { conflictWinner: this.options.winner, fieldMappings: defaultCompanyMappings() });
    await this.settle();
    this.conclude();
    await this.check('first sync');
    for (let round = 1; round <= this.options.rounds; round++) {
      const events = await this.changeBothSides(round);
      await this.deliver(events, round);
      await this.settle();
      this.conclude();
      await this.check(`round ${round}`);
    }
    return { seed: this.options.seed, rounds: this.options.rounds, operations: this.operations, pairs: this.pairs.length, catchUps: this.catchUps };
  }

  private async addBillingContact(pair: Pair, label: string): Promise<[Side, string]> {
    pair.email = `billing-${label}@m${this.options.seed}-${pair.key}.test`;
    pair.contactId = (await this.account.hs.create('contacts', { email: pair.email, firstname: `Pays ${pair.key}` })).id;
    await this.account.hs.associate('contacts', pair.contactId, 'companies', pair.hubspotId!, [PRIMARY_COMPANY]);
    this.note(`pair ${pair.key}: billing contact ${pair.contactId} <${pair.email}> added`);
    return ['hubspot', pair.hubspotId!];
  }

  private async createPair(): Promise<Array<[Side, string]>> {
    const key = this.pairs.length + 1;
    const pair: Pair = { key, name: `M${this.options.seed} Company ${key}`, email: null, archived: false, synced: null, hubspot: null, qbo: null };
    const where = this.pick(['hubspot', 'qbo', 'both'] as const);
    const events: Array<[Side, string]> = [];
    if (where !== 'qbo') {
      pair.hubspot = this.randomFields(where === 'both');
      const props: Record<string, string> = { name: pair.name };
      for (const f of FIELDS) if (pair.hubspot[f] !== null) props[f] = pair.hubspot[f];
      pair.hubspotId = (await this.account.hs.create('companies', props)).id;
      events.push(['hubspot', pair.hubspotId]);
      if (this.chance(0.6)) events.push(await this.addBillingContact(pair, 'first'));
    }
    if (where !== 'hubspot') {
      pair.qbo = this.randomFields(where === 'both');
      const address = Object.fromEntries(FIELDS.filter((f) => pair.qbo![f] !== null).map((f) => [QBO_PATH[f], pair.qbo![f]]));
      pair.qboId = (await this.account.qb.create('Customer', { DisplayName: `Q${this.options.seed} R${key}`, CompanyName: pair.name, ...(Object.keys(address).length > 0 ? { BillAddr: address } : {}) })).Id;
      events.push(['qbo', pair.qboId]);
    }
    this.pairs.push(pair);
    this.note(`create pair ${key} (“${pair.name}”) in ${where}: hubspot ${JSON.stringify(pair.hubspot)} qbo ${JSON.stringify(pair.qbo)}`);
    return events;
  }

  private async setField(pair: Pair, side: Side, field: Field, value: Value): Promise<[Side, string]> {
    this.note(`pair ${pair.key}: ${side} ${value === null ? 'clears' : 'sets'} ${field}${value === null ? '' : ` = ${value}`}`);
    if (side === 'hubspot') {
      pair.hubspot![field] = value;
      await this.account.hs.update('companies', pair.hubspotId!, { [field]: value ?? '' });
      return ['hubspot', pair.hubspotId!];
    }
    pair.qbo![field] = value;
    const current = await this.account.qb.read('Customer', pair.qboId!);
    await this.account.qb.update('Customer', { Id: current.Id, SyncToken: current.SyncToken, BillAddr: { ...((current.BillAddr) ?? {}), [QBO_PATH[field]]: value ?? '' } });
    return ['qbo', pair.qboId!];
  }

  private async changeBothSides(round: number): Promise<Array<[Side, string]>> {
    const events: Array<[Side, string]> = [];
    const count = 3 + Math.floor(this.random() * 5);
    const editable = () => this.pairs.filter((p) => !p.archived && p.synced !== null && p.hubspotId && p.qboId);
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
      if (roll < 0.2 && !this.pairs.some((p) => p.archived) && side === 'hubspot') {
        this.note(`pair ${pair.key}: company archived in HubSpot`);
        const res = await fetch(`${this.h.hubspot.baseUrl}/_sandbox/accounts/${this.account.portalId}/objects/companies/${pair.hubspotId}`, { method: 'DELETE' });
        if (!res.ok) throw new Error(`archive answered ${res.status}`);
        pair.archived = true;
        events.push(['hubspot', pair.hubspotId!]);
        continue;
      }
      if (roll < 0.32) {
        // The billing contact's e-mail changes (a contact's webhook: its companies are synced again), or one is added.
        if (pair.contactId) {
          pair.email = `billing-r${round}-${n}@m${this.options.seed}-${pair.key}.test`;
          this.note(`pair ${pair.key}: billing contact's e-mail = ${pair.email}`);
          await this.account.hs.update('contacts', pair.contactId, { email: pair.email });
          events.push(['hubspot', pair.hubspotId!]);
        } else {
          events.push(await this.addBillingContact(pair, `r${round}-${n}`));
        }
        continue;
      }
      const field = this.pick(FIELDS);
      events.push(await this.setField(pair, side, field, roll < 0.5 ? null : this.pick(POOLS[field])));
    }
    return events;
  }

  private async faults(on: boolean, round: number): Promise<void> {
    const seed = this.options.seed * 100 + round;
    await this.account.hs.faults(on ? { seed, serverErrorRate: 0.1 } : {});
    await this.account.qb.faults(on ? { seed: seed + 1, serverErrorRate: 0.1 } : {});
  }

  private async deliver(events: Array<[Side, string]>, round: number): Promise<void> {
    const delivered: Array<[Side, string]> = [];
    for (const event of events) {
      if (this.chance(0.25)) continue;
      delivered.push(event);
      if (this.chance(0.2)) delivered.push(event);
    }
    await this.faults(true, round);
    this.note(`round ${round}: ${events.length} changes, ${delivered.length} webhook deliveries (drops and duplicates), 5xx on both sides`);
    try {
      for (const [side, id] of shuffled(delivered, this.random)) {
        await runRecordJob(this.h, this.account, companiesAdapter, side, id);
      }
      await syncPass(this.h, this.account, companiesAdapter).catch(() => undefined);
    } finally {
      await this.faults(false, round);
    }
  }

  private async settle(): Promise<void> {
    await settleCatchUps(this.h, this.account, companiesAdapter, { maxFailures: 20, retryAfterMs: 1_000, onCatchUp: () => this.catchUps++, failure: (message) => this.failure(message) });
  }

  private conclude(): void {
    const winner: Side = this.options.winner === 'hubspot' ? 'hubspot' : 'qbo';
    for (const pair of this.pairs) {
      if (pair.archived) continue;
      const h = pair.hubspot ?? pair.qbo!;
      const q = pair.qbo ?? pair.hubspot!;
      const end = Object.fromEntries(FIELDS.map((f) => [f, expectedField(pair.synced?.[f], h[f], q[f], winner)])) as Fields;
      pair.synced = end;
      pair.hubspot = { ...end };
      pair.qbo = { ...end };
    }
  }

  private failure(what: string): Error {
    return new Error(`companies model seed ${this.options.seed} (winner ${this.options.winner}): ${what}\nreplay: npm run model -- --mode companies --seed ${this.options.seed} --rounds ${this.options.rounds}\n${this.trail.join('\n')}`);
  }

  private async check(when: string): Promise<void> {
    const companies = await this.account.hs.all('companies');
    const customers = await this.account.qb.all('Customer');
    const problems: string[] = [];
    for (const pair of this.pairs) {
      const hs = companies.filter((c) => c.properties.name === pair.name);
      const qb = customers.filter((c) => c.CompanyName === pair.name);
      if (pair.archived) {
        if (hs.length > 0) problems.push(`pair ${pair.key}: the archived company is back (${hs.length})`);
        if (qb.length !== 1) problems.push(`pair ${pair.key}: ${qb.length} customers for the archived company, the model keeps 1`);
        continue;
      }
      if (hs.length !== 1 || qb.length !== 1) {
        problems.push(`pair ${pair.key}: ${hs.length} companies and ${qb.length} customers named “${pair.name}”`);
        continue;
      }
      pair.hubspotId ??= hs[0]!.id;
      pair.qboId ??= qb[0]!.Id;
      const want = pair.synced!;
      const got = { hubspot: companyFields(hs[0]!.properties), qbo: customerFields(qb[0]!) };
      for (const side of ['hubspot', 'qbo'] as const) {
        for (const f of FIELDS) if (got[side][f] !== want[f]) problems.push(`pair ${pair.key}: ${side} ${f} is ${JSON.stringify(got[side][f])}, the model says ${JSON.stringify(want[f])}`);
      }
      const email = blank((qb[0]!.PrimaryEmailAddr as { Address?: string } | undefined)?.Address)?.toLowerCase() ?? null;
      if (email !== pair.email) problems.push(`pair ${pair.key}: the customer's e-mail is ${JSON.stringify(email)}, its billing contact's is ${JSON.stringify(pair.email)}`);
    }
    const live = this.pairs.filter((p) => !p.archived).length;
    if (companies.length !== live) problems.push(`${companies.length} companies, the model has ${live}`);
    if (customers.length !== this.pairs.length) problems.push(`${customers.length} customers, the model has ${this.pairs.length}`);
    const since = new Date().toISOString();
    for (let i = 0; i < 3; i++) {
      this.catchUps++;
      await syncPass(this.h, this.account, companiesAdapter);
    }
    const writes = await vendorWrites(this.h, this.account.portalId, this.account.realmId, since);
    if (writes.length > 0) problems.push(`idle catch-ups wrote: ${writes.map((w) => `${w.method} ${w.path} → ${w.status}`).join(', ')}`);
    if (problems.length > 0) throw this.failure(`${when}:\n  ${problems.join('\n  ')}`);
    this.note(`${when}: ${live} pairs agree with the model; 3 idle catch-ups wrote nothing`);
  }
}

export async function runCompaniesModel(h: AppHarness, options: CompaniesModelOptions): Promise<CompaniesModelResult> {
  return new CompaniesModelRun(h, options).run();
}
