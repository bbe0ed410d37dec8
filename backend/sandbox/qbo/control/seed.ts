/**
 * Deterministic seeding: the same seed gives the same customers, items (with SKUs), invoices and
 * payments. Records go through the same builders as API writes (so they obey every rule) but skip
 * HTTP, request parsing and webhooks, which keeps 100,000 customers to a few seconds.
 */
import { Faker, en } from '@faker-js/faker';
import { buildCustomer } from '../entities/customer.ts';
import { buildInvoice, saveInvoice } from '../entities/invoice.ts';
import { buildItem } from '../entities/item.ts';
import { savePayment } from '../entities/payment.ts';
import { creditMemoFor, estimateFor, invoiceShapeRefs, seedShapeLists } from './seed-shapes.ts';
import type { Company } from '../state/company.ts';
import type { QboEntity } from '../state/types.ts';

export interface SeedRequest {
  seed?: number;
  customers?: number;
  items?: number;
  invoices?: number;
  payments?: number;
  /** Every invoice gets exactly this many lines (default: 1 to 5 at random). */
  linesPerInvoice?: number;
  /** Each payment pays its own invoice in full (none shares one), so every requested payment is made. Default: invoices drawn at random, partly paid, possibly twice. */
  oneInvoicePerPayment?: boolean;
  /** Terms, classes and departments on invoices, invoices from estimates, credit memos applied by payments (./seed-shapes.ts). */
  shapes?: boolean;
}

export interface SeedResult {
  customers: number;
  items: number;
  invoices: number;
  payments: number;
  estimates?: number;
  creditMemos?: number;
  elapsedMs: number;
}

function uniqueName(company: Company, entity: 'Customer' | 'Item', base: string): string {
  if (company.idByName(entity, base) === undefined) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base} (${n})`;
    if (company.idByName(entity, candidate) === undefined) return candidate;
  }
}

function seedCustomer(company: Company, faker: Faker): QboEntity {
  const person = faker.datatype.boolean({ probability: 0.6 });
  const given = faker.person.firstName();
  const family = faker.person.lastName();
  const companyName = person ? undefined : faker.company.name().replace(/:/g, '');
  const display = uniqueName(company, 'Customer', companyName ?? `${given} ${family}`);
  return buildCustomer(company, {
    GivenName: given,
    FamilyName: family,
    ...(companyName ? { CompanyName: companyName } : {}),
    DisplayName: display,
    PrimaryEmailAddr: { Address: faker.internet.email({ firstName: given, lastName: family }).toLowerCase() },
    PrimaryPhone: { FreeFormNumber: faker.phone.number({ style: 'national' }) },
    BillAddr: {
      Line1: faker.location.streetAddress(),
      City: faker.location.city(),
      CountrySubDivisionCode: faker.location.state({ abbreviated: true }),
      PostalCode: faker.location.zipCode(),
      Country: company.settings.country,
    },
  });
}

function seedItem(company: Company, faker: Faker, index: number): QboEntity {
  const service = faker.datatype.boolean({ probability: 0.4 });
  const name = uniqueName(company, 'Item', faker.commerce.productName());
  return buildItem(company, {
    Name: name,
    Sku: `${faker.string.alpha({ length: 3, casing: 'upper' })}-${String(10000 + index)}`,
    Description: faker.commerce.productDescription().slice(0, 4000),
    Type: service ? 'Service' : 'NonInventory',
    UnitPrice: Number(faker.commerce.price({ min: 5, max: 2000 })),
    IncomeAccountRef: { value: service ? '2' : '1' },
    ...(company.settings.country === 'US' ? { Taxable: faker.datatype.boolean() } : {}),
  });
}

export function seedCompany(company: Company, request: SeedRequest): SeedResult {
  const started = performance.now();
  // Seeded data is the company's history, not a change: no webhooks for it.
  const onChange = company.onChange;
  company.onChange = () => undefined;
  try {
    return seedRecords(company, request, started);
  } finally {
    company.onChange = onChange;
  }
}

function seedRecords(company: Company, request: SeedRequest, started: number): SeedResult {
  const faker = new Faker({ locale: [en] });
  faker.seed(request.seed ?? 1);
  const us = company.settings.country === 'US';
  const customers: string[] = [];
  const items: string[] = [];
  for (let i = 0; i < (request.customers ?? 0); i++) {
    const record = seedCustomer(company, faker);
    company.put('Customer', record);
    customers.push(record.Id);
  }
  for (let i = 0; i < (request.items ?? 0); i++) {
    const record = seedItem(company, faker, company.collection('Item').size + i);
    company.put('Item', record);
    items.push(record.Id);
  }
  const pool = (ids: string[], entity: 'Customer' | 'Item') => (ids.length > 0 ? ids : [...company.collection(entity).keys()]);
  const customerPool = pool(customers, 'Customer');
  const itemPool = pool(items, 'Item');
  const invoices: QboEntity[] = [];
  if ((request.invoices ?? 0) > 0 && (customerPool.length === 0 || itemPool.length === 0)) throw new Error('seeding invoices needs customers and items');
  const taxCode = us ? undefined : company.collection('TaxCode').keys().next().value;
  const shapes = request.shapes ? seedShapeLists(company) : undefined;
  const credits = new Map<string, QboEntity>();
  for (let i = 0; i < (request.invoices ?? 0); i++) {
    const lines = Array.from({ length: request.linesPerInvoice ?? faker.number.int({ min: 1, max: 5 }) }, () => {
      const item = company.get('Item', faker.helpers.arrayElement(itemPool)) as QboEntity;
      const qty = faker.number.int({ min: 1, max: 10 });
      const unitPrice = item.UnitPrice as number;
      return {
        DetailType: 'SalesItemLineDetail',
        Amount: Math.round(qty * unitPrice * 100) / 100,
        Description: item.Description,
        SalesItemLineDetail: { ItemRef: { value: item.Id }, Qty: qty, UnitPrice: unitPrice, ...(taxCode ? { TaxCodeRef: { value: taxCode } } : {}) },
      };
    });
    // With shapes, every sixth invoice gives a 5 % discount (a DiscountLineDetail line).
    if (shapes && i % 6 === 3) lines.push({ DetailType: 'DiscountLineDetail', DiscountLineDetail: { PercentBased: true, DiscountPercent: 5 } } as unknown as (typeof lines)[number]);
    const customerId = faker.helpers.arrayElement(customerPool);
    const extra = shapes ? { ...invoiceShapeRefs(shapes, i), ...estimateFor(company, i, customerId, lines) } : {};
    const invoice = buildInvoice(company, { CustomerRef: { value: customerId }, Line: lines, ...extra }, undefined, { allowDuplicateDocNum: false });
    saveInvoice(company, invoice);
    invoices.push(invoice);
    const memo = shapes ? creditMemoFor(company, i, invoice) : undefined;
    if (memo) credits.set(invoice.Id, memo);
  }
  let payments = 0;
  const invoicePool = invoices.length > 0 ? invoices : [...company.collection('Invoice').values()];
  const unpaid = request.oneInvoicePerPayment ? invoicePool.filter((i) => ((i.Balance as number | undefined) ?? 0) > 0) : [];
  for (let i = 0; i < (request.payments ?? 0) && invoicePool.length > 0; i++) {
    if (request.oneInvoicePerPayment && i >= unpaid.length) break;
    const invoice = company.get('Invoice', (request.oneInvoicePerPayment ? unpaid[i]! : faker.helpers.arrayElement(invoicePool)).Id);
    const balance = (invoice?.Balance as number | undefined) ?? 0;
    if (!invoice || balance <= 0) continue;
    const amount = request.oneInvoicePerPayment || faker.datatype.boolean({ probability: 0.7 }) ? balance : Math.round(balance * 50) / 100;
    const memo = credits.get(invoice.Id);
    const credit = memo && amount === balance ? Math.min((memo.RemainingCredit as number) ?? 0, amount) : 0;
    savePayment(company, {
      CustomerRef: invoice.CustomerRef,
      TotalAmt: Math.round((amount - credit) * 100) / 100,
      Line: [
        { Amount: amount, LinkedTxn: [{ TxnId: invoice.Id, TxnType: 'Invoice' }] },
        ...(memo && credit > 0 ? [{ Amount: credit, LinkedTxn: [{ TxnId: memo.Id, TxnType: 'CreditMemo' }] }] : []),
      ],
    });
    payments++;
  }
  const shaped = shapes ? { estimates: company.collection('Estimate').size, creditMemos: company.collection('CreditMemo').size } : {};
  return { customers: customers.length, items: items.length, invoices: invoices.length, payments, ...shaped, elapsedMs: Math.round(performance.now() - started) };
}
