/**
 * Refuses a field mapping that could never work, with a sentence a HubSpot admin can act on: unknown
 * fields, a write into a field that is calculated, kinds that do not fit, or two mappings writing one field.
 */
import type { FieldMapping, ObjectType, SyncDirection } from '../types.ts';
import { cataloguesFor } from './catalogues.ts';
import type { ObjectCatalogues } from './catalogues.ts';
import type { FieldInfo, HubSpotPropertyInfo } from './field-catalogue.ts';
import { KIND_WORDS, acceptsKind } from './field-kinds.ts';
import { writesToHubSpot, writesToQbo } from './mapping-direction.ts';

export type MappingCheck = { ok: true } | { ok: false; reason: string };

export interface MappingContext {
  /** The definition's other mappings, to refuse two enabled mappings writing the same field. */
  others?: readonly FieldMapping[];
  /** The definition's direction (default two-way): a read-only field is only a problem where it is written. */
  direction?: SyncDirection;
}

export function validateMapping(
  objectType: ObjectType,
  mapping: FieldMapping,
  customHubSpotProperties: readonly HubSpotPropertyInfo[] = [],
  context: MappingContext = {},
): MappingCheck {
  const cat = cataloguesFor(objectType, customHubSpotProperties);
  if (!cat) return refuse(`Field mappings for ${objectType} are not available yet.`);
  const hs = cat.hubspot[mapping.hubspotProperty];
  if (!hs) {
    return refuse(`HubSpot has no ${cat.hubspotNoun} property named "${mapping.hubspotProperty}"; pick an existing property, or create it in HubSpot first.`);
  }
  if (hs.filterOnly) return refuse(`"${hs.label}" belongs to the ${cat.hubspotNoun}'s associated records; it can be used in a filter, not mapped.`);
  const qbo = cat.qbo[mapping.qboField];
  if (!qbo) return refuse(`QuickBooks ${cat.qboNoun}s have no field "${mapping.qboField}"; pick one of the QuickBooks fields offered.`);

  const toQbo = writesToQbo(mapping, context.direction);
  const toHubSpot = writesToHubSpot(mapping, context.direction);
  const hsName = `HubSpot property "${hs.label}"`;
  const qboName = `QuickBooks field "${qbo.label}"`;

  if (toQbo && qbo.readOnly) {
    return refuse(`${qboName} is calculated by QuickBooks and cannot be written; set this mapping's direction to QuickBooks → HubSpot.`);
  }
  if (toHubSpot && hs.readOnly) {
    return refuse(`${hsName} cannot be written by the sync; set this mapping's direction to HubSpot → QuickBooks.`);
  }
  if (toQbo && !acceptsKind(qbo.kind, hs.kind)) return refuse(kindMismatch(qboName, qbo, hsName, hs, 'QuickBooks → HubSpot'));
  if (toHubSpot && !acceptsKind(hs.kind, qbo.kind)) return refuse(kindMismatch(hsName, hs, qboName, qbo, 'HubSpot → QuickBooks'));

  return mapping.enabled ? duplicateTarget(mapping, context, cat, toQbo, toHubSpot) : { ok: true };
}

function refuse(reason: string): MappingCheck {
  return { ok: false, reason };
}

function kindMismatch(targetName: string, target: FieldInfo, sourceName: string, source: FieldInfo, otherWay: string): string {
  return (
    `${targetName} only accepts ${KIND_WORDS[target.kind]}, but ${sourceName} holds ${KIND_WORDS[source.kind]}; ` +
    `map fields of compatible types, or set this mapping's direction to ${otherWay} only.`
  );
}

/** Two enabled mappings writing one field would overwrite each other on every sync: refuse the second. */
function duplicateTarget(mapping: FieldMapping, context: MappingContext, cat: ObjectCatalogues, toQbo: boolean, toHubSpot: boolean): MappingCheck {
  for (const other of context.others ?? []) {
    if (other.id === mapping.id || !other.enabled) continue;
    if (toQbo && writesToQbo(other, context.direction) && other.qboField === mapping.qboField) {
      const label = cat.qbo[mapping.qboField]?.label ?? mapping.qboField;
      return refuse(`Mapping "${other.id}" already writes QuickBooks field "${label}"; turn one of the two off or change its direction.`);
    }
    if (toHubSpot && writesToHubSpot(other, context.direction) && other.hubspotProperty === mapping.hubspotProperty) {
      const label = cat.hubspot[mapping.hubspotProperty]?.label ?? mapping.hubspotProperty;
      return refuse(`Mapping "${other.id}" already writes HubSpot property "${label}"; turn one of the two off or change its direction.`);
    }
  }
  return { ok: true };
}

export interface MappingProblem {
  index: number;
  mappingId: string;
  reason: string;
}

/** Every problem of a definition's mappings, in order, including ids used twice. */
export function validateMappings(
  objectType: ObjectType,
  mappings: readonly FieldMapping[],
  customHubSpotProperties: readonly HubSpotPropertyInfo[] = [],
  direction: SyncDirection = 'two_way',
): MappingProblem[] {
  const problems: MappingProblem[] = [];
  const seen = new Set<string>();
  mappings.forEach((mapping, index) => {
    if (seen.has(mapping.id)) {
      problems.push({ index, mappingId: mapping.id, reason: `Two mappings share the id "${mapping.id}"; give each mapping its own id.` });
      return;
    }
    seen.add(mapping.id);
    // Only earlier mappings count as "others", so the second of a duplicate pair is the one refused.
    const check = validateMapping(objectType, mapping, customHubSpotProperties, { others: mappings.slice(0, index), direction });
    if (!check.ok) problems.push({ index, mappingId: mapping.id, reason: check.reason });
  });
  return problems;
}
