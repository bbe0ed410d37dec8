/**
 * Runs a parsed query against a company: validation (entity, filterable fields, paging limits),
 * the name-list active-only default, filtering, ordering and the QueryResponse envelope.
 */
import { faults } from '../core/fault.ts';
import type { Company } from '../state/company.ts';
import { ENTITY_NAMES, NAME_LIST_ENTITIES, type EntityName, type QboEntity } from '../state/types.ts';
import type { Condition, Query } from './ast.ts';
import { canonicalField, comparable, fieldValue, QUERYABLE, type FieldKind } from './fields.ts';
import { parseQuery } from './parser.ts';

export const MAX_RESULTS = 1000;
export const DEFAULT_MAX_RESULTS = 100;

type Predicate = (record: QboEntity) => boolean;

function kindOf(entity: EntityName, field: string): FieldKind {
  const kind = QUERYABLE[entity][canonicalField(field)];
  if (!kind) throw faults.queryValidation(`Property ${field} not found for Entity ${entity}`);
  return kind;
}

function likeRegex(pattern: string): RegExp {
  const escaped = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*');
  return new RegExp(`^${escaped}$`, 'is');
}

function predicate(entity: EntityName, condition: Condition): Predicate {
  const field = canonicalField(condition.field);
  const kind = kindOf(entity, field);
  const get = (r: QboEntity) => comparable(fieldValue(r, field, kind), kind);
  if (condition.kind === 'like') {
    const regex = likeRegex(condition.pattern);
    return (r) => {
      const v = fieldValue(r, field, kind);
      return (typeof v === 'string' || typeof v === 'number') && regex.test(String(v));
    };
  }
  if (condition.kind === 'in') {
    const wanted = new Set(condition.values.map((v) => comparable(v, kind)));
    return (r) => wanted.has(get(r));
  }
  const target = comparable(condition.value, kind);
  if (target === undefined) throw faults.queryValidation(`invalid value for '${condition.field}'`);
  switch (condition.op) {
    case '=':
      return (r) => get(r) === target;
    case '<':
      return (r) => (get(r) ?? Infinity) < target;
    case '>':
      return (r) => (get(r) ?? -Infinity) > target;
    case '<=':
      return (r) => (get(r) ?? Infinity) <= target;
    case '>=':
      return (r) => (get(r) ?? -Infinity) >= target;
  }
}

function sorter(entity: EntityName, query: Query): ((a: QboEntity, b: QboEntity) => number) | undefined {
  if (query.orderBy.length === 0) return undefined;
  const keys = query.orderBy.map((o) => {
    const field = canonicalField(o.field);
    const kind = kindOf(entity, field);
    return { field, kind, sign: o.descending ? -1 : 1 };
  });
  return (a, b) => {
    for (const { field, kind, sign } of keys) {
      const x = comparable(fieldValue(a, field, kind), kind);
      const y = comparable(fieldValue(b, field, kind), kind);
      if (x === y) continue;
      if (x === undefined) return -sign;
      if (y === undefined) return sign;
      return x < y ? -sign : sign;
    }
    return Number(a.Id) - Number(b.Id);
  };
}

const UNIQUE_NAME: Partial<Record<EntityName, string>> = { Customer: 'DisplayName', Item: 'Name', Account: 'Name' };

/** `Name = '…'` on a unique name is answered from the name index instead of a scan (100k customers). */
function candidates(company: Company, entity: EntityName, query: Query): Iterable<QboEntity> {
  const field = UNIQUE_NAME[entity];
  const byName = query.where.find((c) => c.kind === 'compare' && c.op === '=' && c.field === field && typeof c.value === 'string');
  if (!byName || byName.kind !== 'compare') return company.collection(entity).values();
  const id = company.idByName(entity, String(byName.value));
  const record = id === undefined ? undefined : company.get(entity, id);
  return record ? [record] : [];
}

export function executeQuery(company: Company, source: string): Record<string, unknown> {
  const query = parseQuery(source);
  // The docs call entity names case sensitive, yet node-quickbooks sends `from customer` and works
  // against QBO, so the name is matched case-insensitively.
  const entity = ENTITY_NAMES.find((e) => e.toLowerCase() === query.entity.toLowerCase());
  if (!entity) throw faults.queryValidation(`Entity not found: ${query.entity}`);
  // STARTPOSITION is 1-based; SDKs sending 0 get the first page, as from QBO.
  const start = Math.max(query.startPosition ?? 1, 1);
  const max = query.maxResults ?? DEFAULT_MAX_RESULTS;
  if (max < 1) throw faults.queryValidation(`value ${max} for MAXRESULTS must be greater than 0`);
  if (max > MAX_RESULTS) throw faults.queryValidation(`value ${max} is too large. Max allowed value is ${MAX_RESULTS}`);

  const predicates = query.where.map((c) => predicate(entity, c));
  // Name-list queries return active records unless the query says otherwise (reference §1.1).
  if (NAME_LIST_ENTITIES.includes(entity) && !query.where.some((c) => c.field === 'Active')) predicates.push((r) => r.Active !== false);
  const order = sorter(entity, query);

  const collection = candidates(company, entity, query);
  if (query.count) {
    let total = 0;
    for (const record of collection) if (predicates.every((p) => p(record))) total++;
    return { totalCount: total };
  }
  const matches: QboEntity[] = [];
  // Without ORDERBY the store's Id order is the answer, so a page can stop early.
  const stopAt = start - 1 + max;
  for (const record of collection) {
    if (predicates.every((p) => p(record))) {
      matches.push(record);
      if (order === undefined && matches.length >= stopAt) break;
    }
  }
  if (order) matches.sort(order);
  const page = matches.slice(start - 1, stopAt);
  if (page.length === 0) return {};
  return { [entity]: page, startPosition: start, maxResults: page.length };
}
