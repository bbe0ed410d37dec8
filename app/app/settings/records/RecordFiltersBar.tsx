import { useEffect, useRef, useState } from 'react';
import { Flex, MultiSelect, SearchInput, Select, useDebounce } from '@hubspot/ui-extensions';
import { RECORD_COLUMNS, STATE_LABELS, type ObjectSummary, type RecordColumnKey, type RecordFilters } from '@quickbooks-sync/contract';
import { OBJECT_LABELS } from '@quickbooks-sync/ui-shared/format.ts';

const ANY = 'any';
const objectOptions = [{ value: ANY, label: 'All objects' }, ...Object.entries(OBJECT_LABELS).map(([value, label]) => ({ value, label }))];
const stateOptions = [{ value: ANY, label: 'Any state' }, ...Object.entries(STATE_LABELS).map(([value, label]) => ({ value, label }))];

interface Props {
  filters: RecordFilters;
  /** Reasons the object view lists, so a person picks a label rather than a code. */
  reasons: ObjectSummary['reasons'];
  columns: RecordColumnKey[];
  /** Updates apply to the latest filters (two quick changes must not undo each other). */
  onFilters: (update: (current: RecordFilters) => RecordFilters) => void;
  onColumns: (next: RecordColumnKey[]) => void;
}

/** R28's server-side filters (object, state, reason, text) and the column chooser. */
export function RecordFiltersBar({ filters, reasons, columns, onFilters, onColumns }: Props) {
  const reasonOptions = [{ value: ANY, label: 'Any reason' }, ...[...new Map(reasons.map((r) => [r.reasonCode, r.label])).entries()].map(([value, label]) => ({ value, label }))];
  if (filters.reasonCode && !reasonOptions.some((o) => o.value === filters.reasonCode)) reasonOptions.push({ value: filters.reasonCode, label: filters.reasonCode });
  // The search box filters on the server once typing pauses, not on every keystroke.
  const [searchText, setSearchText] = useState(filters.search ?? '');
  const settled = useDebounce(searchText, 300).trim();
  // Only a newly settled search text sends it (onFilters is a new function on every render, and a
  // search set from elsewhere must not be overwritten), so the effect reads the rest from a ref.
  const latest = useRef({ onFilters, search: filters.search });
  useEffect(() => {
    latest.current = { onFilters, search: filters.search };
  });
  useEffect(() => {
    const { onFilters: send, search } = latest.current;
    if ((search ?? '') !== settled) send((current) => ({ ...current, search: settled === '' ? undefined : settled }));
  }, [settled]);
  const set = <K extends keyof RecordFilters>(key: K, value: string) => onFilters((current) => ({ ...current, [key]: value === ANY || value === '' ? undefined : value }));
  return (
    <Flex direction="row" gap="sm" wrap="wrap">
      <Select label="Object" name="objectType" testId="filter-object" value={filters.objectType ?? ANY} options={objectOptions} onChange={(v) => set('objectType', String(v))} />
      <Select label="State" name="state" testId="filter-state" value={filters.state ?? ANY} options={stateOptions} onChange={(v) => set('state', String(v))} />
      <Select label="Reason" name="reasonCode" testId="filter-reason" value={filters.reasonCode ?? ANY} options={reasonOptions} onChange={(v) => set('reasonCode', String(v))} />
      <SearchInput label="Search" name="search" testId="filter-search" placeholder="Name, e-mail or id" value={searchText} onChange={setSearchText} />
      <MultiSelect label="Columns" name="columns" testId="record-columns" value={columns} options={RECORD_COLUMNS.map((c) => ({ value: c.key, label: c.label }))} onChange={(v) => onColumns(v as RecordColumnKey[])} />
    </Flex>
  );
}
