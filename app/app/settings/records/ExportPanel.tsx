import { useState } from 'react';
import { Button, Flex, Link, LoadingSpinner, Select, Text } from '@hubspot/ui-extensions';
import type { ExportFormatName, RecordColumnKey, RecordFilters } from '@quickbooks-sync/contract';
import type { ApiClient } from '@quickbooks-sync/ui-shared/api-client.ts';
import { errorMessage } from '@quickbooks-sync/ui-shared/api-error.ts';
import { formatTime } from '@quickbooks-sync/ui-shared/format.ts';
import { createExport, getExport, type ExportJobView } from '@quickbooks-sync/ui-shared/exports-api.ts';
import { usePolling } from '@quickbooks-sync/ui-shared/use-polling.ts';

const formats = [
  { value: 'csv', label: 'CSV' },
  { value: 'xlsx', label: 'Excel (.xlsx)' },
];

/**
 * R29: export the records matching the record view's current filters and columns. The file is built in
 * the background; we poll the job and show its signed download link when ready (an in-app alert and,
 * with SMTP, an e-mail carry the same link).
 */
export function ExportPanel({ api, filters, columns }: { api: ApiClient; filters: RecordFilters; columns: RecordColumnKey[] }) {
  const [format, setFormat] = useState<ExportFormatName>('csv');
  const [job, setJob] = useState<ExportJobView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const running = job !== null && (job.status === 'queued' || job.status === 'running');
  usePolling(
    () => (job ? getExport(api, job.id).then(setJob, (e: unknown) => setError(errorMessage(e))) : Promise.resolve()),
    1500,
    running,
  );
  const start = () => {
    setError(null);
    createExport(api, { format, filters, columns }).then(setJob, (e: unknown) => setError(errorMessage(e)));
  };
  return (
    <Flex direction="row" gap="sm" align="end" testId="export-panel">
      <Select label="Export format" name="format" testId="export-format" value={format} options={formats} onChange={(v) => setFormat(v as ExportFormatName)} />
      <Button testId="export" disabled={running} onClick={start}>Export these records</Button>
      {running ? <LoadingSpinner label={job.status === 'queued' ? 'Export queued' : 'Export running'} showLabel={true} size="xs" /> : null}
      {job?.status === 'succeeded' && job.downloadUrl ? (
        <Flex direction="column" gap="flush">
          <Link testId="export-download" href={{ url: job.downloadUrl, external: true }}>{`Download ${job.rowCount ?? 0} records (${job.format.toUpperCase()})`}</Link>
          <Text variant="microcopy">{`The link expires ${formatTime(job.expiresAt)}.`}</Text>
        </Flex>
      ) : null}
      {job?.status === 'failed' ? <Text testId="export-failed">{job.error ?? 'The export failed. Try again.'}</Text> : null}
      {job?.status === 'expired' ? <Text>This export has expired. Start a new one.</Text> : null}
      {error ? <Text testId="export-error">{error}</Text> : null}
    </Flex>
  );
}
