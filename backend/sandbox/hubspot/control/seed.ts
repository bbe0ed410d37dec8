/**
 * Deterministic realistic data (faker seeded per call): contacts with unique emails and a primary
 * company, companies, products with SKUs and prices, deals, line items, invoices and payments.
 * Writes go through the same code as the API, so seeded data obeys the same rules.
 */
import { Faker, en } from '@faker-js/faker';
import { associate } from '../associations/associate.ts';
import { primaryTypeFor, defaultTypeFor } from '../associations/association-types.ts';
import { applyCreate, planWrite, type WriteContext } from '../objects/object-writes.ts';
import type { CrmRecord } from '../objects/collection.ts';
import type { ObjectType } from '../objects/object-types.ts';
import type { PropertyInput } from '../properties/validate-values.ts';

export interface SeedResult {
  objectType: ObjectType;
  created: number;
  firstId: string | null;
  lastId: string | null;
  /** Related records created along the way (companies for contacts). */
  related: Partial<Record<ObjectType, number>>;
}

type Generator = (f: Faker, i: number) => PropertyInput;

const day = (d: Date): string => d.toISOString().slice(0, 10);

const GENERATORS: Record<ObjectType, Generator> = {
  contacts: (f, i) => {
    const firstname = f.person.firstName();
    const lastname = f.person.lastName();
    return {
      firstname, lastname, email: `${firstname}.${lastname}.${i}@${f.internet.domainName()}`.toLowerCase().replace(/[^a-z0-9.@-]/g, ''),
      phone: f.phone.number({ style: 'international' }), city: f.location.city(), country: f.location.country(), jobtitle: f.person.jobTitle(),
      lifecyclestage: f.helpers.arrayElement(['lead', 'opportunity', 'customer']),
    };
  },
  companies: (f) => ({ name: f.company.name(), domain: f.internet.domainName(), city: f.location.city(), phone: f.phone.number({ style: 'international' }), industry: f.commerce.department() }),
  products: (f, i) => {
    const price = Number(f.commerce.price({ min: 5, max: 2000 }));
    return { name: f.commerce.productName(), hs_sku: `SKU-${String(i).padStart(6, '0')}`, price, hs_cost_of_goods_sold: Math.round(price * 0.6 * 100) / 100, description: f.commerce.productDescription(), hs_product_type: f.helpers.arrayElement(['inventory', 'non_inventory', 'service']) };
  },
  deals: (f) => ({ dealname: `${f.company.name()} – ${f.commerce.product()}`, amount: f.number.int({ min: 500, max: 100_000 }), dealstage: f.helpers.arrayElement(['appointmentscheduled', 'qualifiedtobuy', 'contractsent', 'closedwon', 'closedlost']), pipeline: 'default', closedate: f.date.soon({ days: 90, refDate: '2026-01-01T00:00:00Z' }).toISOString() }),
  line_items: (f) => ({ name: f.commerce.productName(), quantity: f.number.int({ min: 1, max: 20 }), price: Number(f.commerce.price({ min: 5, max: 500 })) }),
  invoices: (f) => ({ hs_currency: 'USD', hs_invoice_date: f.date.past({ refDate: '2026-01-01T00:00:00Z' }).toISOString(), hs_due_date: `${day(f.date.soon({ days: 60, refDate: '2026-01-01T00:00:00Z' }))}T00:00:00.000Z`, hs_title: `Invoice for ${f.company.name()}` }),
  commerce_payments: (f) => ({ hs_initial_amount: Number(f.commerce.price({ min: 10, max: 5000 })), hs_initiated_date: f.date.past({ refDate: '2026-01-01T00:00:00Z' }).toISOString(), hs_currency_code: 'USD', hs_payment_method: f.helpers.arrayElement(['ach', 'card', 'check']) }),
};

/** Picks a target for association among records seeded for this call (deterministic via faker). */
function pick(f: Faker, ids: string[]): string | undefined {
  return ids.length > 0 ? f.helpers.arrayElement(ids) : undefined;
}

export function seedObjects(ctx: WriteContext, objectType: ObjectType, count: number, seed: number): SeedResult {
  const f = new Faker({ locale: [en] });
  f.seed(seed);
  const related: Partial<Record<ObjectType, number>> = {};
  const seeded: CrmRecord[] = [];
  const create = (type: ObjectType, props: PropertyInput): string => {
    const record = applyCreate(ctx, type, planWrite(ctx, type, props));
    seeded.push(record);
    return record.id;
  };
  const companyIds: string[] = [];
  if (objectType === 'contacts' || objectType === 'deals') {
    const companies = Math.max(1, Math.ceil(count / 10));
    for (let i = 0; i < companies; i++) companyIds.push(create('companies', GENERATORS.companies(f, i)));
    related.companies = companies;
  }
  const liveContacts = objectType === 'invoices' ? [...ctx.account.collection('contacts').order].filter((r) => !r.archived).slice(-1000).map((r) => r.id) : [];
  const liveProducts = objectType === 'line_items' ? ctx.account.collection('products').order.filter((r) => !r.archived).slice(-1000) : [];
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const props = GENERATORS[objectType](f, i);
    const product = liveProducts.length > 0 ? f.helpers.arrayElement(liveProducts) : undefined;
    if (product) Object.assign(props, { hs_product_id: product.id, name: product.properties.get('name') ?? props.name, price: product.properties.get('price') ?? props.price });
    const id = create(objectType, props);
    ids.push(id);
    const company = pick(f, companyIds);
    const primary = primaryTypeFor(objectType, 'companies');
    const plain = defaultTypeFor(objectType, 'companies');
    if (company && primary && plain) associate(ctx, objectType, id, 'companies', company, [plain, primary]);
    const contact = pick(f, liveContacts);
    const toContact = defaultTypeFor(objectType, 'contacts');
    if (contact && toContact) associate(ctx, objectType, id, 'contacts', contact, [toContact]);
  }
  // Seeded records are the account's history: search has indexed them already (no indexing lag).
  for (const record of seeded) delete record.searchHistory;
  return { objectType, created: count, firstId: ids[0] ?? null, lastId: ids[ids.length - 1] ?? null, related };
}
