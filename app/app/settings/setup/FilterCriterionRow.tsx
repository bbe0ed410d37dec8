import { Button, Flex, Input, Select } from '@hubspot/ui-extensions';
import type { FieldCatalogueResponse, FilterCriterion } from '@quickbooks-sync/ui-shared/syncs-api.ts';

const OPERATORS: { value: FilterCriterion['operator']; label: string }[] = [
  { value: 'EQ', label: 'is' },
  { value: 'NEQ', label: 'is not' },
  { value: 'CONTAINS', label: 'contains' },
  { value: 'GT', label: 'is after / greater than' },
  { value: 'GTE', label: 'is on or after / at least' },
  { value: 'LT', label: 'is before / less than' },
  { value: 'LTE', label: 'is on or before / at most' },
  { value: 'IN', label: 'is any of' },
  { value: 'NOT_IN', label: 'is none of' },
  { value: 'HAS_PROPERTY', label: 'is known' },
  { value: 'NOT_HAS_PROPERTY', label: 'is unknown' },
];

const takesNoValue = (op: FilterCriterion['operator']) => op === 'HAS_PROPERTY' || op === 'NOT_HAS_PROPERTY';
const takesList = (op: FilterCriterion['operator']) => op === 'IN' || op === 'NOT_IN';

/** Keeps only the value field the operator reads, so the backend never sees a stale one. */
function withOperator(criterion: FilterCriterion, operator: FilterCriterion['operator']): FilterCriterion {
  const { property } = criterion;
  if (takesNoValue(operator)) return { property, operator };
  if (takesList(operator)) return { property, operator, values: criterion.values ?? (criterion.value === undefined ? [] : [String(criterion.value)]) };
  return { property, operator, value: criterion.value ?? criterion.values?.[0] ?? '' };
}

interface Props {
  criterion: FilterCriterion;
  /** The source side's fields; null while they load (the property is then typed by name). */
  properties: FieldCatalogueResponse['hubspot'] | null;
  testId: string;
  onChange: (c: FilterCriterion) => void;
  onRemove: () => void;
}

export function FilterCriterionRow({ criterion, properties, testId, onChange, onRemove }: Props) {
  const shown = takesList(criterion.operator) ? (criterion.values ?? []).join(', ') : String(criterion.value ?? '');
  return (
    <Flex direction="row" gap="sm" align="end" testId={testId}>
      {properties ? (
        <Select
          label="Property"
          name="property"
          value={criterion.property}
          options={[
            ...properties.filter((p) => !p.name.startsWith('@')).map((p) => ({ value: p.name, label: p.filterOnly ? `${p.label} (associated ${p.name.split(":")[0] ?? "record"})` : p.label })),
            // A saved criterion on a property the list no longer offers stays visible (the backend says what is wrong).
            ...(criterion.property && !properties.some((p) => p.name === criterion.property) ? [{ value: criterion.property, label: criterion.property }] : []),
          ]}
          onChange={(property) => onChange({ ...criterion, property: String(property) })}
        />
      ) : (
        <Input label="Property" name="property" value={criterion.property} onChange={(property) => onChange({ ...criterion, property })} />
      )}
      <Select label="Condition" name="operator" value={criterion.operator} options={OPERATORS} onChange={(op) => onChange(withOperator(criterion, op as FilterCriterion['operator']))} />
      {takesNoValue(criterion.operator) ? null : (
        <Input
          label={takesList(criterion.operator) ? 'Values (comma-separated)' : 'Value'}
          name="value"
          value={shown}
          onChange={(v) =>
            onChange(takesList(criterion.operator) ? { ...criterion, values: v.split(',').map((s) => s.trim()).filter(Boolean) } : { ...criterion, value: v })
          }
        />
      )}
      <Button size="xs" variant="transparent" onClick={onRemove}>Remove</Button>
    </Flex>
  );
}
