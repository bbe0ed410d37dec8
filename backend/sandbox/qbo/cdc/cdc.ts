/**
 * Change Data Capture: every entity of the listed types changed at or after `changedSince`, plus
 * `status:"Deleted"` stubs for deleted ones; look-back at most 30 days, at most 1000 objects per
 * response (treated as a per-response cap, the safe reading of Intuit's docs).
 */
import { qboDateTime } from '../core/clock.ts';
import { faults, QboFault } from '../core/fault.ts';
import type { Company } from '../state/company.ts';
import type { EntityName, QboEntity } from '../state/types.ts';

export const CDC_MAX_OBJECTS = 1000;
export const CDC_LOOKBACK_MS = 30 * 24 * 3600 * 1000;
const CDC_ENTITIES: EntityName[] = ['Customer', 'Vendor', 'Employee', 'Item', 'Invoice', 'Payment', 'CreditMemo', 'Estimate', 'Account', 'Term', 'Class', 'Department', 'Preferences'];

function parseEntities(param: string | undefined): EntityName[] {
  if (!param || param.trim() === '') throw faults.requiredParam('entities');
  return param.split(',').map((raw) => {
    const name = CDC_ENTITIES.find((e) => e.toLowerCase() === raw.trim().toLowerCase());
    if (!name) throw faults.invalidProperty(`entities: ${raw.trim()} is not supported by Change Data Capture`);
    return name;
  });
}

function parseSince(company: Company, param: string | undefined): number {
  if (!param) throw faults.requiredParam('changedSince');
  const since = Date.parse(param);
  if (Number.isNaN(since)) throw faults.invalidProperty(`changedSince: ${param} is not a valid date-time`);
  if (since < company.nowMs() - CDC_LOOKBACK_MS) {
    throw new QboFault(
      '6000',
      'A business validation error has occurred while processing your request',
      `Operation cdc with changedSince date ${param} which is older than fixed days is not supported.`,
    );
  }
  // MetaData times have one-second resolution; compare at that resolution so nothing slips through.
  return Math.floor(since / 1000) * 1000;
}

interface Change {
  at: number;
  record: QboEntity | Record<string, unknown>;
}

function changesOf(company: Company, entity: EntityName, since: number): Change[] {
  const out: Change[] = [];
  for (const record of company.collection(entity).values()) {
    const at = Date.parse(record.MetaData.LastUpdatedTime);
    if (at >= since) out.push({ at, record });
  }
  for (const stub of company.deleted) {
    if (stub.entity !== entity || stub.at < since || company.get(entity, stub.Id)) continue;
    out.push({ at: stub.at, record: { domain: 'QBO', status: 'Deleted', Id: stub.Id, MetaData: { LastUpdatedTime: qboDateTime(stub.at) } } });
  }
  return out.sort((a, b) => a.at - b.at);
}

export function runCdc(company: Company, entitiesParam: string | undefined, changedSinceParam: string | undefined): Record<string, unknown> {
  const entities = parseEntities(entitiesParam);
  const since = parseSince(company, changedSinceParam);
  let budget = CDC_MAX_OBJECTS;
  const responses = entities.map((entity) => {
    const changes = changesOf(company, entity, since).slice(0, budget);
    budget -= changes.length;
    if (changes.length === 0) return {};
    return { [entity]: changes.map((c) => c.record), startPosition: 1, maxResults: changes.length, totalCount: changes.length };
  });
  return { CDCResponse: [{ QueryResponse: responses }] };
}
