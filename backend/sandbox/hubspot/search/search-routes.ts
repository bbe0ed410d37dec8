/**
 * POST /crm/v3/objects/{type}/search: OR of AND filter groups, one sort, offset paging with HubSpot's
 * 10,000-result ceiling, and the optional indexing lag (search sees writes only after the lag).
 */
import { Router } from 'express';
import { requireScope } from '../http/auth.ts';
import { apiLocals } from '../http/context.ts';
import { validationError } from '../http/errors.ts';
import { param, parseInput } from '../http/parse.ts';
import type { CrmRecord } from '../objects/collection.ts';
import { OBJECT_TYPE_INFO, resolveObjectType, type ObjectType } from '../objects/object-types.ts';
import { searchView } from '../objects/search-visibility.ts';
import { toPublicObject } from '../objects/serialize.ts';
import type { HubSpotAccount } from '../state/account.ts';
import { compileFilter, queryMatcher, sortComparator } from './filter-eval.ts';
import { SEARCH_LIMITS, checkSearchLimits, searchRequestSchema, type SearchRequest } from './search-schema.ts';

interface Hit {
  record: CrmRecord;
  properties: ReadonlyMap<string, string>;
}

type Predicate = (props: ReadonlyMap<string, string>) => boolean;

function compilePredicate(account: HubSpotAccount, type: ObjectType, req: SearchRequest): Predicate {
  const defs = account.propertyDefs(type);
  const groups = req.filterGroups.map((group) =>
    group.filters.map((filter) => {
      const def = defs.get(filter.propertyName);
      if (!def || def.archived) throw validationError(`Unable to find property ${filter.propertyName} for object type ${type}`);
      return compileFilter(filter, def);
    }),
  );
  const query = req.query?.trim() ? queryMatcher(req.query, OBJECT_TYPE_INFO[type].queryProperties) : undefined;
  return (props) => (query === undefined || query(props)) && (groups.length === 0 || groups.some((g) => g.every((f) => f(props))));
}

export function runSearch(account: HubSpotAccount, type: ObjectType, req: SearchRequest, now = Date.now()) {
  const offset = checkSearchLimits(req);
  const predicate = compilePredicate(account, type, req);
  const hits: Hit[] = [];
  for (const record of account.collection(type).order) {
    const view = searchView(record, now);
    if (!view || view.archived) continue;
    if (predicate(view.properties)) hits.push({ record, properties: view.properties });
  }
  const sort = req.sorts[0];
  // Records are kept in id order, which is also HubSpot's order when no sort is given.
  if (sort && !(sort.propertyName === 'hs_object_id' && sort.direction === 'ASCENDING')) {
    const def = account.propertyDefs(type).get(sort.propertyName);
    if (!def) throw validationError(`Unable to find property ${sort.propertyName} for object type ${type}`);
    const cmp = sortComparator(def, sort.direction === 'DESCENDING');
    hits.sort((a, b) => cmp(a.properties, b.properties) || Number(a.record.id) - Number(b.record.id));
  }
  const end = Math.min(offset + req.limit, SEARCH_LIMITS.maxTotalResults, hits.length);
  const page = hits.slice(offset, end);
  const results = page.map((h) => toPublicObject(account, h.record, req.properties, h.properties));
  // Like HubSpot, a next cursor is returned whenever more results exist, even past the 10k ceiling:
  // following it then fails with 400, which is exactly what a naive pager hits in production.
  const more = end < hits.length;
  return { total: hits.length, results, ...(more ? { paging: { next: { after: String(end) } } } : {}) };
}

export function searchRoutes(): Router {
  const router = Router();
  router.post('/:objectType/search', (req, res) => {
    const type = resolveObjectType(param(req.params.objectType));
    requireScope(res, OBJECT_TYPE_INFO[type].readScopes);
    const body = parseInput(searchRequestSchema, req.body ?? {});
    res.json(runSearch(apiLocals(res).account, type, body));
  });
  return router;
}
