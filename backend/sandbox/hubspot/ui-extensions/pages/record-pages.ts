/**
 * CRM pages: an object's list (`/contacts/{portalId}/objects/{typeId}/views/all/list`) and a record page
 * (`/contacts/{portalId}/record/{typeId}/{id}`, HubSpot's URLs): the record's summary and properties on the
 * left, the app cards of installed apps whose `objectTypes` include this object in the middle (HubSpot
 * shows a card once a user adds it to the record view; the emulator shows them all), and the associated
 * records on the right, each a link to its own page.
 */
import type { HubSpotAccount } from '../../state/account.ts';
import type { CrmRecord } from '../../objects/collection.ts';
import { OBJECT_TYPE_INFO, OBJECT_TYPES, type ObjectType } from '../../objects/object-types.ts';
import type { ExtensionHost, ExtensionSpec } from '../extension-host.ts';
import { appIcon, html, page, slot, urls } from './layout.ts';

const LABELS: Record<ObjectType, { one: string; many: string }> = {
  contacts: { one: 'Contact', many: 'Contacts' },
  companies: { one: 'Company', many: 'Companies' },
  deals: { one: 'Deal', many: 'Deals' },
  products: { one: 'Product', many: 'Products' },
  line_items: { one: 'Line item', many: 'Line items' },
  invoices: { one: 'Invoice', many: 'Invoices' },
  commerce_payments: { one: 'Payment', many: 'Payments' },
};

/** The properties shown on a record's left sidebar, in order. */
const SHOWN: Record<ObjectType, string[]> = {
  contacts: ['email', 'phone', 'company', 'lifecyclestage', 'qbo_customer_id', 'createdate'],
  companies: ['domain', 'phone', 'city', 'createdate'],
  deals: ['amount', 'dealstage', 'pipeline', 'closedate', 'createdate'],
  products: ['hs_sku', 'price', 'hs_product_type', 'description', 'qbo_item_id'],
  line_items: ['quantity', 'price', 'amount', 'hs_product_id'],
  invoices: ['hs_invoice_status', 'hs_currency', 'hs_invoice_date', 'hs_due_date', 'qbo_invoice_number', 'qbo_invoice_id', 'hs_createdate'],
  commerce_payments: ['hs_initial_amount', 'hs_currency_code', 'hs_initiated_date', 'hs_payment_method', 'hs_latest_status', 'qbo_payment_id'],
};

/** Associations listed on the right, per object. */
const RIGHT: Record<ObjectType, ObjectType[]> = {
  contacts: ['companies', 'deals', 'invoices'],
  companies: ['contacts', 'deals', 'invoices'],
  deals: ['contacts', 'companies', 'invoices', 'commerce_payments'],
  products: [],
  line_items: ['invoices'],
  invoices: ['contacts', 'companies', 'deals', 'line_items', 'commerce_payments'],
  commerce_payments: ['invoices', 'deals'],
};

export function recordName(record: CrmRecord): string {
  const p = (name: string) => record.properties.get(name)?.trim() || undefined;
  switch (record.type) {
    case 'contacts':
      return [p('firstname'), p('lastname')].filter(Boolean).join(' ') || p('email') || `Contact ${record.id}`;
    case 'deals':
      return p('dealname') ?? `Deal ${record.id}`;
    case 'invoices':
      return `Invoice ${p('hs_number') ?? p('qbo_invoice_number') ?? record.id}`;
    case 'commerce_payments':
      return `Payment ${record.id}`;
    default:
      return p('name') ?? `${LABELS[record.type].one} ${record.id}`;
  }
}

function subtitle(record: CrmRecord): string {
  const p = (name: string) => record.properties.get(name) ?? '';
  if (record.type === 'contacts') return p('email');
  if (record.type === 'deals') return [p('amount') ? `Amount: ${p('amount')}` : '', p('dealstage') ? `Stage: ${p('dealstage')}` : ''].filter(Boolean).join(' · ');
  if (record.type === 'invoices') return [p('hs_invoice_status'), p('hs_currency')].filter(Boolean).join(' · ');
  return '';
}

export function typeFromId(objectTypeId: string): ObjectType | undefined {
  return OBJECT_TYPES.find((t) => OBJECT_TYPE_INFO[t].objectTypeId === objectTypeId || t === objectTypeId);
}

const initials = (name: string) => name.split(/\s+/).filter(Boolean).map((w) => w[0]).join('').slice(0, 2).toUpperCase();

function associationList(account: HubSpotAccount, record: CrmRecord, toType: ObjectType): string {
  const links = account.associations.list(record.type, record.id, toType);
  const items = links
    .map((l) => account.collection(toType).get(l.toId))
    .filter((r): r is CrmRecord => r !== undefined && !r.archived)
    .slice(0, 10)
    .map((r) => `<div class="hs-assoc"><a href="${urls.record(account.portalId, OBJECT_TYPE_INFO[toType].objectTypeId, r.id)}">${html(recordName(r))}</a>${subtitle(r) ? `<div class="hs-assoc__meta">${html(subtitle(r))}</div>` : ''}</div>`)
    .join('');
  return `<section class="hs-record__section" data-associations="${toType}"><h2>${LABELS[toType].many} <span class="hs-count">(${links.length})</span></h2>${items || '<p class="hs-muted">None</p>'}</section>`;
}

export function recordPage(host: ExtensionHost, account: HubSpotAccount, objectTypeId: string, id: string): { status: number; html: string } {
  const type = typeFromId(objectTypeId);
  const record = type ? account.collection(type).get(id) : undefined;
  if (!type || !record || record.archived) {
    return { status: 404, html: page({ title: 'Record not found', account, body: `<div class="hs-panel"><h1>This record does not exist</h1><p class="hs-muted">${html(objectTypeId)} ${html(id)} is not in account ${account.portalId} (or was deleted).</p></div>` }) };
  }
  const name = recordName(record);
  const props = SHOWN[type]
    .filter((p) => record.properties.get(p))
    .map((p) => `<div class="hs-prop"><div class="hs-prop__label">${html(p)}</div><div class="hs-prop__value">${html(record.properties.get(p) ?? '')}</div></div>`)
    .join('');

  const cards: Array<{ spec: ExtensionSpec; appName: string }> = [];
  for (const app of host.installedApps(account)) {
    const project = host.project(app);
    for (const extension of project?.extensions ?? []) {
      if (extension.location === 'settings' || !extension.objectTypes.includes(type)) continue;
      cards.push({ spec: host.spec(account, app, project!, extension, { objectType: type, objectId: record.id }, `extension-${extension.uid}`), appName: project!.appName });
    }
  }
  const cardsHtml = cards.length
    ? cards
        .map(({ spec, appName }) => `<section class="hs-card" aria-label="${html(spec.title)}"><header class="hs-card__header"><h2 class="hs-card__title">${html(spec.title)}</h2><span class="hs-card__app">${appIcon(appName)}${html(appName)}</span></header><div class="hs-card__body">${slot(spec.slot, spec.title)}</div></section>`)
        .join('')
    : `<div class="hs-panel"><p class="hs-muted">No app cards for ${html(LABELS[type].many.toLowerCase())}.</p></div>`;

  const body = `<div class="hs-breadcrumb"><a href="${urls.list(account.portalId, OBJECT_TYPE_INFO[type].objectTypeId)}">${LABELS[type].many}</a> › ${html(name)}</div>
<div class="hs-record">
  <aside class="hs-record__side">
    <div class="hs-record__summary"><div class="hs-record__avatar${type === 'deals' ? ' hs-record__avatar--deal' : ''}">${html(initials(name))}</div><h1 class="hs-record__title" id="record-name">${html(name)}</h1><p class="hs-record__subtitle">${html(subtitle(record))}</p></div>
    <section class="hs-record__section"><h2>About this ${LABELS[type].one.toLowerCase()}</h2>${props || '<p class="hs-muted">No properties set.</p>'}<div class="hs-prop"><div class="hs-prop__label">Record ID</div><div class="hs-prop__value">${html(record.id)}</div></div></section>
  </aside>
  <div class="hs-record__main">
    <nav class="hs-record__tabs"><span class="hs-record__tab hs-record__tab--active">Overview</span><span class="hs-record__tab">Activities</span></nav>
    ${cardsHtml}
  </div>
  <aside class="hs-record__side">${RIGHT[type].map((t) => associationList(account, record, t)).join('') || '<section class="hs-record__section"><p class="hs-muted">No associations.</p></section>'}</aside>
</div>`;
  return { status: 200, html: page({ title: name, account, active: type === 'contacts' ? 'contacts' : type === 'deals' ? 'deals' : undefined, body, extensions: cards.map((c) => c.spec) }) };
}

const LIST_PAGE = 100;

export function listPage(account: HubSpotAccount, objectTypeId: string, pageNumber: number): { status: number; html: string } {
  const type = typeFromId(objectTypeId);
  if (!type) return { status: 404, html: page({ title: 'Unknown object', account, body: `<div class="hs-panel"><h1>Unknown object type ${html(objectTypeId)}</h1></div>` }) };
  const records = account.collection(type).order.filter((r) => !r.archived && !r.mergedInto);
  const pages = Math.max(1, Math.ceil(records.length / LIST_PAGE));
  const current = Math.min(Math.max(1, pageNumber), pages);
  const shown = records.slice((current - 1) * LIST_PAGE, current * LIST_PAGE);
  const columns = SHOWN[type].slice(0, 3);
  const rows = shown
    .map((r) => `<tr><td><a href="${urls.record(account.portalId, OBJECT_TYPE_INFO[type].objectTypeId, r.id)}">${html(recordName(r))}</a></td>${columns.map((c) => `<td>${html(r.properties.get(c) ?? '')}</td>`).join('')}</tr>`)
    .join('');
  const pager = pages > 1 ? `<p class="hs-muted">Page ${current} of ${pages} · ${current > 1 ? `<a href="?page=${current - 1}">Previous</a>` : ''} ${current < pages ? `<a href="?page=${current + 1}">Next</a>` : ''}</p>` : '';
  const body = `<div class="hs-page-header"><h1>${LABELS[type].many}</h1><span class="hs-muted">${records.length} records</span></div>
<div class="hs-panel"><table class="hs-list-table"><thead><tr><th>Name</th>${columns.map((c) => `<th>${html(c)}</th>`).join('')}</tr></thead><tbody>${rows || `<tr><td colspan="${columns.length + 1}" class="hs-muted">No records</td></tr>`}</tbody></table>${pager}</div>`;
  return { status: 200, html: page({ title: LABELS[type].many, account, active: type === 'contacts' ? 'contacts' : type === 'deals' ? 'deals' : undefined, body }) };
}
