/**
 * Parses a sync definition body and runs every check (shape, mappings, filters), returning all problems
 * at once with their paths, so the settings page can show each next to its field.
 */
import type { ObjectType } from '../types.ts';
import { cataloguesFor } from '../mappings/catalogues.ts';
import type { HubSpotPropertyInfo } from '../mappings/field-catalogue.ts';
import { validateMappings } from '../mappings/validate-mapping.ts';
import { validateFilters } from '../filters/validate-filters.ts';
import { defaultMappingsOf } from './default-mappings-of.ts';
import { DELETION_OBJECTS, DELETION_POLICIES, DELETIONS_OPTION, INACTIVE_CUSTOMER_OBJECTS, INACTIVE_CUSTOMER_POLICIES, INACTIVE_CUSTOMERS_OPTION, definitionInputSchema, DISPLAY_NAME_POLICIES, DISPLAY_NAME_POLICY_OPTION, type DefinitionInput } from '@quickbooks-sync/contract/definitions';

export interface DefinitionProblem {
  path: Array<string | number>;
  message: string;
}

export type ParsedDefinition = { ok: true; value: DefinitionInput } | { ok: false; problems: DefinitionProblem[] };

export function parseDefinitionInput(objectType: ObjectType, body: unknown, customHubSpotProperties: readonly HubSpotPropertyInfo[] = []): ParsedDefinition {
  const parsed = definitionInputSchema.safeParse(body);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === 'number' ? p : String(p))), message: i.message })) };
  }
  const value = parsed.data;
  const catalogues = cataloguesFor(objectType, customHubSpotProperties);
  if (!catalogues) return { ok: false, problems: [{ path: [], message: `Syncing ${objectType} cannot be configured yet.` }] };

  const problems: DefinitionProblem[] = [];
  const defaults = new Map(defaultMappingsOf(objectType).map((m) => [m.id, m]));
  value.fieldMappings.forEach((m, index) => {
    if (m.kind !== 'default') return;
    const d = defaults.get(m.id);
    if (!d) problems.push({ path: ['fieldMappings', index, 'id'], message: `There is no default mapping "${m.id}"; add it as a custom mapping instead.` });
    else if (d.hubspotProperty !== m.hubspotProperty || d.qboField !== m.qboField || d.direction !== m.direction) {
      problems.push({ path: ['fieldMappings', index], message: `Default mapping "${m.id}" can only be switched on or off; add a custom mapping to map other fields.` });
    }
  });
  for (const p of validateMappings(objectType, value.fieldMappings, customHubSpotProperties, value.direction)) {
    problems.push({ path: ['fieldMappings', p.index], message: p.reason });
  }
  // Filters apply to the source side: HubSpot properties decide what goes to QBO, QBO fields the reverse.
  for (const p of validateFilters(value.filters.toQbo, catalogues.hubspot)) problems.push({ path: ['filters', 'toQbo', ...p.path], message: p.message });
  for (const p of validateFilters(value.filters.toHubSpot, catalogues.qbo)) problems.push({ path: ['filters', 'toHubSpot', ...p.path], message: p.message });

  const policy = value.options[DISPLAY_NAME_POLICY_OPTION];
  if (policy !== undefined && (objectType !== 'contacts' || !(DISPLAY_NAME_POLICIES as readonly unknown[]).includes(policy))) {
    problems.push({
      path: ['options', DISPLAY_NAME_POLICY_OPTION],
      message: objectType === 'contacts' ? `Choose what happens when a display name is taken: ${DISPLAY_NAME_POLICIES.map((p) => `"${p}"`).join(' or ')}.` : 'The display-name policy applies to the contacts sync only.',
    });
  }
  const deletions = value.options[DELETIONS_OPTION];
  if (deletions !== undefined && (!(DELETION_POLICIES as readonly unknown[]).includes(deletions) || (deletions === 'propagate' && !(DELETION_OBJECTS as readonly string[]).includes(objectType)))) {
    problems.push({
      path: ['options', DELETIONS_OPTION],
      message: (DELETION_POLICIES as readonly unknown[]).includes(deletions) ? `Deletions can be reflected for ${DELETION_OBJECTS.join(' and ')} only.` : `Choose what a deletion does: ${DELETION_POLICIES.map((p) => `"${p}"`).join(' or ')}.`,
    });
  }
  const inactive = value.options[INACTIVE_CUSTOMERS_OPTION];
  if (inactive !== undefined && (!(INACTIVE_CUSTOMER_POLICIES as readonly unknown[]).includes(inactive) || (inactive === 'archive' && !(INACTIVE_CUSTOMER_OBJECTS as readonly string[]).includes(objectType)))) {
    problems.push({
      path: ['options', INACTIVE_CUSTOMERS_OPTION],
      message: (INACTIVE_CUSTOMER_POLICIES as readonly unknown[]).includes(inactive)
        ? `Archiving when a QuickBooks customer is made inactive applies to ${INACTIVE_CUSTOMER_OBJECTS.join(' and ')} only.`
        : `Choose what a customer made inactive in QuickBooks does: ${INACTIVE_CUSTOMER_POLICIES.map((p) => `"${p}"`).join(' or ')}.`,
    });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value };
}
