import { Button, Flex, Heading, Text, Tile } from '@hubspot/ui-extensions';
import type { FieldCatalogueResponse, FilterGroup } from '@quickbooks-sync/ui-shared/syncs-api.ts';
import { FilterCriterionRow } from './FilterCriterionRow.tsx';

/**
 * R8: one side's filter groups. Conditions in a group must all match; a record passes when any group
 * matches; no groups means every record syncs.
 */
export function FiltersEditor({ scope, properties, title, side, groups, onChange }: { scope: string; properties: FieldCatalogueResponse['hubspot'] | null; title: string; side: string; groups: FilterGroup[]; onChange: (next: FilterGroup[]) => void }) {
  const setGroup = (g: number, next: FilterGroup | null) => onChange(next ? groups.map((x, i) => (i === g ? next : x)) : groups.filter((_, i) => i !== g));
  return (
    <Flex direction="column" gap="sm" testId={`filters-${scope}-${side}`}>
      <Heading>{title}</Heading>
      {groups.length === 0 ? <Text>Every record syncs.</Text> : null}
      {groups.map((group, g) => (
        <Tile key={g} compact={true}>
          <Flex direction="column" gap="xs">
            <Text format={{ fontWeight: 'demibold' }}>{g === 0 ? 'Sync records where all of these match' : 'Or where all of these match'}</Text>
            {group.criteria.map((criterion, c) => (
              <FilterCriterionRow
                key={c}
                testId={`criterion-${scope}-${side}-${g}-${c}`}
                criterion={criterion}
                properties={properties}
                onChange={(next) => setGroup(g, { criteria: group.criteria.map((x, i) => (i === c ? next : x)) })}
                onRemove={() => setGroup(g, group.criteria.length > 1 ? { criteria: group.criteria.filter((_, i) => i !== c) } : null)}
              />
            ))}
            <Button size="xs" onClick={() => setGroup(g, { criteria: [...group.criteria, { property: '', operator: 'EQ', value: '' }] })}>Add condition</Button>
          </Flex>
        </Tile>
      ))}
      <Button testId={`add-group-${scope}-${side}`} size="xs" onClick={() => onChange([...groups, { criteria: [{ property: '', operator: 'EQ', value: '' }] }])}>Add filter group</Button>
    </Flex>
  );
}
