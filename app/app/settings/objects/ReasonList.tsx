import { Button, Flex, Heading, Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@hubspot/ui-extensions';
import { STATE_LABELS, type ObjectSummary, type RecordFilters } from '@quickbooks-sync/contract';
import { OBJECT_LABELS } from '@quickbooks-sync/ui-shared/format.ts';

/** Why records failed or were excluded, per object and reason; a count opens exactly those records. */
export function ReasonList({ objects, onOpenRecords }: { objects: ObjectSummary[]; onOpenRecords: (filters: RecordFilters) => void }) {
  const rows = objects.flatMap((o) => o.reasons.map((r) => ({ objectType: o.objectType, ...r })));
  if (rows.length === 0) return null;
  return (
    <Flex direction="column" gap="sm" testId="reasons">
      <Heading>Why records did not sync</Heading>
      <Table bordered={true}>
        <TableHead>
          <TableRow>
            <TableHeader>Object</TableHeader>
            <TableHeader>State</TableHeader>
            <TableHeader>Reason</TableHeader>
            <TableHeader>Records</TableHeader>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((r) => (
            <TableRow key={`${r.objectType}-${r.state}-${r.reasonCode}`}>
              <TableCell>{OBJECT_LABELS[r.objectType]}</TableCell>
              <TableCell>{STATE_LABELS[r.state]}</TableCell>
              <TableCell>{r.label}</TableCell>
              <TableCell>
                <Button testId={`reason-${r.objectType}-${r.reasonCode}`} variant="transparent" size="xs" onClick={() => onOpenRecords({ objectType: r.objectType, state: r.state, reasonCode: r.reasonCode })}>
                  {String(r.count)}
                </Button>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Flex>
  );
}
