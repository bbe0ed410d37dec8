/**
 * Reading CRM records: changes since a time (search, sorted by last-modified ascending) and a full
 * listing (backfill beyond the search API's 10,000-result cap), plus batch reads by id or unique property.
 */
import type { HubSpotRecord } from '../../sync/types.ts';
import type { HubSpotCall } from './call.ts';
import { HubSpotApiError, hubspotBatchItemError } from './errors.ts';
import { batchResponseSchema, chunk, pageSchema, parseResponse, toHubSpotRecord } from './schemas.ts';

export const SEARCH_PAGE_SIZE = 200;
export const LIST_PAGE_SIZE = 100;
export const BATCH_SIZE = 100;
/** HubSpot refuses to page a search past its 10,000th result (400). */
export const SEARCH_RESULT_CAP = 10_000;

/** Contacts keep their last-modified time in `lastmodifieddate`; every other object in `hs_lastmodifieddate`. */
export const lastModifiedProperty = (objectType: string): string => (objectType === 'contacts' ? 'lastmodifieddate' : 'hs_lastmodifieddate');

export interface ModifiedSincePage {
  records: HubSpotRecord[];
  /** Where the next page starts; undefined at the end. Past the search cap it restarts from a later `since`. */
  next: { since: Date; after?: string } | undefined;
}

export interface ListPage {
  records: HubSpotRecord[];
  after: string | undefined;
}

export interface BatchReadResult {
  records: HubSpotRecord[];
  /** Requested ids HubSpot does not have (deleted, merged away, never existed). */
  missing: string[];
}

export function recordReads(call: HubSpotCall) {
  async function searchModifiedSince(objectType: string, since: Date, after: string | undefined, properties: string[]): Promise<ModifiedSincePage> {
    const modified = lastModifiedProperty(objectType);
    const raw = await call('search', 'search', (c) =>
      c.crm.objects.searchApi.doSearch(objectType, {
        filterGroups: [{ filters: [{ propertyName: modified, operator: 'GTE', value: String(since.getTime()) }] }],
        sorts: [modified],
        properties: [...new Set([...properties, modified])],
        limit: SEARCH_PAGE_SIZE,
        after: after ?? '0',
      } as Parameters<typeof c.crm.objects.searchApi.doSearch>[1]),
    );
    const page = parseResponse(pageSchema, raw, 'search');
    const records = page.results.map(toHubSpotRecord);
    const nextAfter = page.paging?.next?.after;
    if (nextAfter === undefined) return { records, next: undefined };
    if (Number(nextAfter) < SEARCH_RESULT_CAP) return { records, next: { since, after: nextAfter } };
    // At the cap: search again from the last time seen (GTE, so records sharing it are read twice:
    // the engine's writes are idempotent). If every record of the page shares `since`, we cannot move on.
    const last = records.at(-1)?.updatedAt;
    if (!last || last.getTime() <= since.getTime()) {
      throw new HubSpotApiError(`More than ${SEARCH_RESULT_CAP} ${objectType} modified at the same instant; list them instead`, 'validation', 400, 'SEARCH_CAP', undefined);
    }
    return { records, next: { since: last } };
  }

  /**
   * Live records whose `property` is one of `values` (a non-unique property, such as a product's SKU, has
   * no batch read). Every page is read; at most `max` records come back.
   */
  async function searchIn(objectType: string, property: string, values: string[], properties: string[], max = 1_000): Promise<HubSpotRecord[]> {
    const out: HubSpotRecord[] = [];
    let after = '0';
    for (;;) {
      const raw = await call('search', 'search', (c) =>
        c.crm.objects.searchApi.doSearch(objectType, {
          filterGroups: [{ filters: [{ propertyName: property, operator: 'IN', values: [...new Set(values)] }] }],
          properties,
          limit: SEARCH_PAGE_SIZE,
          after,
        } as Parameters<typeof c.crm.objects.searchApi.doSearch>[1]),
      );
      const page = parseResponse(pageSchema, raw, 'search');
      out.push(...page.results.map(toHubSpotRecord));
      const next = page.paging?.next?.after;
      if (next === undefined || out.length >= max) return out;
      after = next;
    }
  }

  async function listAll(objectType: string, properties: string[], after?: string): Promise<ListPage> {
    const raw = await call('list', 'general', (c) => c.crm.objects.basicApi.getPage(objectType, LIST_PAGE_SIZE, after, properties));
    const page = parseResponse(pageSchema, raw, 'list');
    return { records: page.results.map(toHubSpotRecord), after: page.paging?.next?.after };
  }

  async function batchRead(objectType: string, ids: string[], properties: string[], idProperty?: string): Promise<BatchReadResult> {
    const out: BatchReadResult = { records: [], missing: [] };
    for (const part of chunk([...new Set(ids)], BATCH_SIZE)) {
      const raw = await call('batch read', 'general', (c) =>
        c.crm.objects.batchApi.read(objectType, { inputs: part.map((id) => ({ id })), properties, propertiesWithHistory: [], ...(idProperty ? { idProperty } : {}) }),
      );
      const response = parseResponse(batchResponseSchema, raw, 'batch read');
      out.records.push(...response.results.map(toHubSpotRecord));
      for (const error of response.errors ?? []) {
        const item = hubspotBatchItemError(error);
        if (item.kind !== 'not_found') throw item;
        out.missing.push(...(error.context?.ids ?? []));
      }
    }
    return out;
  }

  return { searchModifiedSince, searchIn, listAll, batchRead };
}
