/**
 * Products ⇄ Products and Services (R12): matched on SKU (exact, trimmed); by default only products with a
 * SKU sync (the recommended filters). Item names are unique in QuickBooks and cannot hold ':'; new items
 * post to the income account chosen in the sync settings. An inactive item is an archived product.
 * HubSpot writes are upserts keyed by the unique `qbo_item_id` property, so a retry never duplicates.
 */
import { createHash } from 'node:crypto';
import type { AdapterSession, ObjectAdapter } from '../../engine/adapter.ts';
import { RecordFailure } from '../../engine/adapter.ts';
import type { HubSpotRecord, MappedValues, QboRecord } from '../../types.ts';
import type { HubSpotWriteResult } from '../../../vendors/hubspot/client.ts';
import { QboApiError } from '../../../vendors/quickbooks/errors.ts';
import { loadOne } from '../../engine/page-batcher.ts';
import { recentHubSpotIdsWithProperty } from '../../../db/webhook-inbox.ts';
import { hubspotFindByLoader, hubspotReadByIdLoader, hubspotSearchInLoader, hubspotUpdateLoader, hubspotUpsertLoader } from '../../loaders/hubspot-loaders.ts';
import { qboCreateLoader, qboFindByLoader, qboReadByIdLoader, qboUpdateLoader } from '../../loaders/qbo-loaders.ts';
import { archiveProduct, normaliseSku, readArchivedProduct } from './hubspot-products.ts';
import { itemFromProduct, type ItemSettings } from './item-from-product.ts';
import { itemValues, productValues } from './product-values.ts';
import { productPropertiesFromItem, wantedActive } from './product-properties-from-item.ts';
import { ITEM_LINK, QBO_ITEM_ID_PROPERTY } from './qbo-item-id-property.ts';
import { ensureQboLinkProperty } from '../qbo-link-property.ts';

/** The products sync option holding the QBO Account id new items post their sales to. */
export const INCOME_ACCOUNT_OPTION = 'incomeAccountId';

function productProperties(session: AdapterSession): string[] {
  const mapped = session.mappings.map((m) => m.hubspotProperty).filter((p) => !p.startsWith('@'));
  const filtered = session.filters.toQbo.flatMap((g) => g.criteria.map((c) => c.property));
  return [...new Set([...mapped, ...filtered, 'name', 'hs_sku', 'createdate', 'hs_lastmodifieddate', QBO_ITEM_ID_PROPERTY])];
}

/**
 * The requestid sent with a create: the record's stored create id, combined with what is sent. A retry of
 * the same create (after a crash) sends the same body and replays QuickBooks' first answer; a create
 * whose body changed because a person fixed what failed (a name already taken) is a new request, not a
 * replay of the old refusal. The item a crashed attempt created is found by SKU before any create.
 */
export function itemCreateRequestId(requestId: string, body: Record<string, unknown>): string {
  const hex = createHash('sha256').update(`${requestId}\n${JSON.stringify(body)}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

function itemSettings(session: AdapterSession): ItemSettings {
  const income = session.definition.options[INCOME_ACCOUNT_OPTION];
  return { incomeAccountId: typeof income === 'string' || typeof income === 'number' ? String(income) : null };
}

/** Items whose field equals `value`, inactive ones included (QuickBooks hides them unless asked). */
function itemsWhere(session: AdapterSession, field: 'Sku' | 'Name', value: string): Promise<QboRecord[]> {
  // SKUs compare exactly; names the way QuickBooks keeps them unique, case-insensitively.
  if (field === 'Sku') return loadOne(session.batcher, qboFindByLoader(session, 'Item', 'Sku', (item) => normaliseSku(item.Sku), { nameList: true }), value);
  const nameKey = (item: QboRecord) => (typeof item.Name === 'string' ? item.Name.trim().toLowerCase() : null);
  return loadOne(session.batcher, qboFindByLoader(session, 'Item', 'Name', nameKey, { nameList: true }), value.trim().toLowerCase());
}

/** Item names are unique in QuickBooks, inactive items included: say who holds the name and what to do. */
async function nameTakenFailure(session: AdapterSession, name: string): Promise<RecordFailure> {
  const holder = (await itemsWhere(session, 'Name', name))[0];
  const who = holder
    ? `QuickBooks item #${holder.Id}${holder.Active === false ? ' (inactive)' : ''}${normaliseSku(holder.Sku) ? ` with SKU “${normaliseSku(holder.Sku)}”` : ' without a SKU'}`
    : 'Another QuickBooks product or service';
  return new RecordFailure(
    'item_name_taken',
    `${who} already uses the name “${name}”, and item names are unique in QuickBooks. ` +
      'If it is the same product, give it this product’s SKU in QuickBooks so the sync links the two; otherwise rename one of them.',
  );
}

function refusedByQbo(err: QboApiError, what: string): RecordFailure {
  if (/IncomeAccountRef/.test(err.message)) {
    return new RecordFailure(
      'income_account_invalid',
      `QuickBooks refused the income account chosen for new items (${err.message}). Choose an active income account in the products sync settings.`,
    );
  }
  return new RecordFailure('qbo_rejected', `QuickBooks refused ${what}: ${err.message}`);
}

function writeFailure(result: Extract<HubSpotWriteResult, { ok: false }>): never {
  if (result.error.retryable) throw result.error;
  throw new RecordFailure(result.error.kind === 'conflict' ? 'hubspot_conflict' : 'hubspot_rejected', `HubSpot refused the product: ${result.error.message}`);
}

/**
 * Writes to a product that may be archived. HubSpot neither edits nor (through its API) restores archived
 * records: an archived product stays as it is while its item is inactive, and an active item whose
 * product is archived fails with what to do.
 */
async function updateProduct(session: AdapterSession, id: string, properties: Record<string, string>, active: boolean | undefined): Promise<HubSpotRecord> {
  const result = await loadOne(session.batcher, hubspotUpdateLoader(session, 'products'), { id, properties });
  if (result.ok) return result.record;
  if (result.error.kind === 'not_found') {
    const archived = await readArchivedProduct(session, id, productProperties(session));
    if (archived && active === false) return archived;
    if (archived) {
      throw new RecordFailure(
        'hubspot_product_archived',
        `HubSpot product #${id} is archived, and HubSpot does not let apps restore archived products, so this item's changes cannot reach it. ` +
          'Restore the product in HubSpot and retry this record, or make the item inactive in QuickBooks if the product should stay archived.',
      );
    }
  }
  return writeFailure(result);
}

/** The product of an item: created or updated (upsert on `qbo_item_id`), archived while the item is inactive. */
export async function upsertProduct(session: AdapterSession, values: MappedValues, qboId: string, existingId: string | null): Promise<HubSpotRecord> {
  await ensureQboLinkProperty(session, ITEM_LINK);
  const properties = { ...productPropertiesFromItem(values, session.mappings), [QBO_ITEM_ID_PROPERTY]: qboId };
  const active = wantedActive(values, session.mappings);
  let record: HubSpotRecord;
  if (existingId) {
    record = await updateProduct(session, existingId, properties, active);
  } else {
    const result = await loadOne(session.batcher, hubspotUpsertLoader(session, 'products', QBO_ITEM_ID_PROPERTY), { id: qboId, properties });
    record = result.ok ? result.record : writeFailure(result);
  }
  if (active === false && !record.archived) {
    await archiveProduct(session, record.id);
    return { ...record, archived: true };
  }
  return record;
}

/**
 * Products with this SKU. Search trails writes by seconds (hubspot-platform.md §5.5), so a product we
 * wrote moments ago for an item with this SKU (a retry after a crash) is not found by SKU yet: those are
 * read by their unique `qbo_item_id`, which HubSpot answers at once.
 */
async function productsWithSku(session: AdapterSession, sku: string): Promise<HubSpotRecord[]> {
  const properties = productProperties(session);
  const searched = await loadOne(session.batcher, hubspotSearchInLoader(session, 'products', 'hs_sku', properties, (p) => normaliseSku(p.properties.hs_sku)), sku);
  // A product a person created seconds ago is not in search yet, but its hs_sku webhook event is in
  // our inbox already: read those by id (immediate), so the same product made on both sides at once
  // is linked, not created a second time.
  const recent = (await recentHubSpotIdsWithProperty(session.ctx.db, session.portalId, 'hs_sku', sku)).filter((id) => !searched.some((p) => p.id === id));
  const fresh = recent.length === 0 ? [] : (await session.vendors.hubspot.batchRead('products', recent, properties)).records.filter((p) => !p.archived && normaliseSku(p.properties.hs_sku) === sku);
  const found = [...searched, ...fresh];
  const items = (await itemsWhere(session, 'Sku', sku)).filter((item) => normaliseSku(item.Sku) === sku);
  if (items.length === 0) return found;
  await ensureQboLinkProperty(session, ITEM_LINK);
  const byLink = hubspotFindByLoader(session, 'products', QBO_ITEM_ID_PROPERTY, properties, (p) => p.properties[QBO_ITEM_ID_PROPERTY] ?? null);
  const linked = (await Promise.all(items.map((item) => loadOne(session.batcher, byLink, item.Id)))).flat();
  const seen = new Set(found.map((p) => p.id));
  return [...found, ...linked.filter((p) => !seen.has(p.id) && normaliseSku(p.properties.hs_sku) === sku)];
}

export const productsAdapter: ObjectAdapter = {
  objectType: 'products',
  hubspotNoun: 'product',
  qboNoun: 'item',
  createOnlyMappingIds: [],
  hubspotReadProperties: productProperties,

  readHubSpot: async (session, id) => {
    const properties = productProperties(session);
    const live = await loadOne(session.batcher, hubspotReadByIdLoader(session, 'products', properties), id);
    // The product of an inactive item is archived: the pair still exists, so read it as such.
    return live ?? (await readArchivedProduct(session, id, properties));
  },
  readQbo: (session, id) => loadOne(session.batcher, qboReadByIdLoader(session, 'Item', { nameList: true }), id),

  hubspotMatchKey: (record) => normaliseSku(record.properties.hs_sku),
  noMatchKeyMessage: () => 'This product has no SKU, so we cannot tell whether it is already a QuickBooks item (R12). Add a SKU to sync it.',
  qboMatchKey: (record) => normaliseSku(record.Sku),
  findQboMatches: async (session, sku) => (await itemsWhere(session, 'Sku', sku)).filter((item) => normaliseSku(item.Sku) === sku),
  findHubSpotMatches: (session, sku) => productsWithSku(session, sku),

  hubspotValues: (session, record) => Promise.resolve(productValues(record, session.mappings)),
  qboValues: (session, record) => itemValues(record, session.mappings),
  describeHubSpot: (record) => ({ displayName: record.properties.name?.trim() || normaliseSku(record.properties.hs_sku), email: null }),
  describeQbo: (record) => ({ displayName: typeof record.Name === 'string' ? record.Name : normaliseSku(record.Sku), email: null }),

  createQbo: async (session, values, requestId) => {
    const body = itemFromProduct(values, session.mappings, itemSettings(session));
    try {
      return await loadOne(session.batcher, qboCreateLoader(session, 'Item'), { body, requestId: itemCreateRequestId(requestId, body) });
    } catch (err) {
      if (err instanceof QboApiError && err.kind === 'duplicate_name') throw await nameTakenFailure(session, String(body.Name));
      if (err instanceof QboApiError && (err.kind === 'validation' || err.kind === 'not_found')) throw refusedByQbo(err, 'the new item');
      throw err;
    }
  },
  updateQbo: async (session, values, existing) => {
    const body = itemFromProduct(values, session.mappings, itemSettings(session), existing) as { Id: string; SyncToken: string } & Record<string, unknown>;
    try {
      return await loadOne(session.batcher, qboUpdateLoader(session, 'Item'), body);
    } catch (err) {
      if (err instanceof QboApiError && err.kind === 'duplicate_name') throw await nameTakenFailure(session, String(body.Name));
      if (err instanceof QboApiError && err.kind === 'validation') throw refusedByQbo(err, `the update of item #${existing.Id}`);
      throw err;
    }
  },
  upsertHubSpot: (session, values, qboId, existingId) => upsertProduct(session, values, qboId, existingId),
  // Archived in HubSpot ⇄ inactive in QuickBooks (items cannot be deleted, only made inactive).
  onHubSpotArchived: async (session, item) => {
    if (item.Active === false) return item;
    try {
      return await loadOne(session.batcher, qboUpdateLoader(session, 'Item'), { Id: item.Id, SyncToken: item.SyncToken, Active: false });
    } catch (err) {
      if (err instanceof QboApiError && err.kind === 'validation') throw refusedByQbo(err, `making item #${item.Id} inactive`);
      throw err;
    }
  },
};
