/**
 * The mapped values of a record, keyed by mapping id and normalised per mapping, so the values read from
 * HubSpot and from QuickBooks for the same party compare equal. Only enabled mappings are read.
 */
import type { FieldKind, FieldMapping, HubSpotRecord, MappedValue, MappedValues, QboRecord } from '../types.ts';
import type { ObjectCatalogues } from './catalogues.ts';
import { cataloguesFor } from './catalogues.ts';
import { comparisonKind } from './field-kinds.ts';
import { normaliseValue } from './normalise-value.ts';
import { getPath } from './object-path.ts';

export interface ExtractOptions {
  /** Both sides' catalogues (custom HubSpot properties included); default: contacts ⇄ customers. */
  catalogues?: ObjectCatalogues;
  /** Values of computed HubSpot-side fields (names starting with '@'), e.g. the R14 display name. */
  computed?: Readonly<Record<string, MappedValue>>;
}

/** The kind a mapping's values are normalised to on both sides; unknown fields are treated as text. */
export function mappingKind(mapping: FieldMapping, catalogues: ObjectCatalogues): FieldKind {
  const hs = catalogues.hubspot[mapping.hubspotProperty]?.kind ?? 'string';
  const qbo = catalogues.qbo[mapping.qboField]?.kind ?? 'string';
  return comparisonKind(hs, qbo);
}

function defaultCatalogues(options: ExtractOptions): ObjectCatalogues {
  return options.catalogues ?? (cataloguesFor('contacts') as ObjectCatalogues);
}

export function hubspotValues(record: HubSpotRecord, mappings: readonly FieldMapping[], options: ExtractOptions = {}): MappedValues {
  const catalogues = defaultCatalogues(options);
  const values: MappedValues = {};
  for (const mapping of mappings) {
    if (!mapping.enabled) continue;
    const name = mapping.hubspotProperty;
    const raw = name.startsWith('@') ? options.computed?.[name] : record.properties[name];
    values[mapping.id] = normaliseValue(raw, mappingKind(mapping, catalogues));
  }
  return values;
}

export function qboValues(record: QboRecord, mappings: readonly FieldMapping[], options: ExtractOptions = {}): MappedValues {
  const catalogues = defaultCatalogues(options);
  const values: MappedValues = {};
  for (const mapping of mappings) {
    if (!mapping.enabled) continue;
    values[mapping.id] = normaliseValue(getPath(record, mapping.qboField), mappingKind(mapping, catalogues));
  }
  return values;
}
