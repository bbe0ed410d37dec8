/**
 * The guided setup's editable state per object, and how the backend's validation problems
 * (`invalid_request`, `details: [{ path, message }]`) are read back onto a section.
 */
import { ApiError, errorMessage } from '@quickbooks-sync/ui-shared/api-error.ts';
import type { ObjectTypeName, SyncDefinitionInput, SyncDefinitionView } from '@quickbooks-sync/ui-shared/syncs-api.ts';
import { recommendedSettings } from './recommended.ts';

export type Settings = Required<Pick<SyncDefinitionInput, 'direction' | 'conflictWinner' | 'fieldMappings' | 'filters' | 'options'>>;

export interface SectionDraft {
  objectType: ObjectTypeName;
  /** Whether "Save and start sync" sets this object up. */
  included: boolean;
  /** null: the backend cannot sync this object yet. */
  settings: Settings | null;
  problems: Problem[];
  saved: boolean;
}

export interface Problem {
  where: string;
  message: string;
}

export function initialDraft(objectType: ObjectTypeName, existing: SyncDefinitionView | undefined, setupDate: Date): SectionDraft {
  if (existing && existing.status !== 'deleted') {
    const { direction, conflictWinner, fieldMappings, filters, options } = existing;
    return { objectType, included: true, settings: { direction, conflictWinner, fieldMappings, filters, options: options as Settings['options'] }, problems: [], saved: false };
  }
  const recommended = recommendedSettings(objectType, setupDate);
  if (!recommended) return { objectType, included: false, settings: null, problems: [], saved: false };
  const { direction, conflictWinner, fieldMappings, filters = { toQbo: [], toHubSpot: [] }, options = {} } = recommended;
  return { objectType, included: true, settings: { direction, conflictWinner, fieldMappings, filters: { toQbo: filters.toQbo ?? [], toHubSpot: filters.toHubSpot ?? [] }, options }, problems: [], saved: false };
}

/** "fieldMappings.3.qboField" → "Field mapping 4"; "filters.toQbo.0.criteria.1.value" → "HubSpot → QuickBooks filter group 1, condition 2". */
export function describePath(path: readonly (string | number)[] | string, settings: Settings | null): string {
  const parts = typeof path === 'string' ? path.split('.').filter(Boolean) : path.map(String);
  const [head, a, b, c, d] = parts;
  if (head === 'fieldMappings' && a !== undefined) {
    const mapping = settings?.fieldMappings[Number(a)];
    return mapping ? `Field mapping ${mapping.hubspotProperty} ⇄ ${mapping.qboField}` : `Field mapping ${Number(a) + 1}`;
  }
  if (head === 'filters' && (a === 'toQbo' || a === 'toHubSpot')) {
    const side = a === 'toQbo' ? 'HubSpot → QuickBooks filter' : 'QuickBooks → HubSpot filter';
    if (b === undefined) return side;
    return c === 'criteria' && d !== undefined ? `${side} group ${Number(b) + 1}, condition ${Number(d) + 1}` : `${side} group ${Number(b) + 1}`;
  }
  if (head === 'direction') return 'Sync direction';
  if (head === 'conflictWinner') return 'Conflict resolution';
  return 'Settings';
}

/** The problems a failed save reports, each placed where the person can fix it. */
export function problemsFrom(error: unknown, settings: Settings | null): Problem[] {
  if (error instanceof ApiError && error.code === 'invalid_request' && Array.isArray(error.details) && error.details.length > 0) {
    return (error.details as { path?: unknown; message?: unknown }[]).map((p) => ({
      where: describePath(Array.isArray(p.path) || typeof p.path === 'string' ? (p.path as string[] | string) : [], settings),
      message: typeof p.message === 'string' ? p.message : error.message,
    }));
  }
  return [{ where: 'Settings', message: errorMessage(error) }];
}

/** Checks that need no server: empty fields a person left in a custom mapping or a filter. */
export function localProblems(settings: Settings): Problem[] {
  const problems: Problem[] = [];
  settings.fieldMappings.forEach((m, i) => {
    if (m.kind === 'custom' && (!m.hubspotProperty.trim() || !m.qboField.trim())) problems.push({ where: `Field mapping ${i + 1}`, message: 'Choose both a HubSpot property and a QuickBooks field.' });
  });
  for (const side of ['toQbo', 'toHubSpot'] as const) {
    (settings.filters[side] ?? []).forEach((group, g) =>
      group.criteria.forEach((criterion, c) => {
        if (!criterion.property.trim()) problems.push({ where: describePath(['filters', side, g, 'criteria', c], settings), message: 'Choose a property.' });
      }),
    );
  }
  return problems;
}
