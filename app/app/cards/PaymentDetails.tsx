import { useMemo } from 'react';
import {
  EmptyState,
  Flex,
  Heading,
  Link,
  Statistics,
  StatisticsItem,
  StatusTag,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
  Text,
  useExtensionContext,
} from '@hubspot/ui-extensions';
import { createApiClient } from '@quickbooks-sync/ui-shared/api-client.ts';
import { ApiError } from '@quickbooks-sync/ui-shared/api-error.ts';
import { ErrorView } from '@quickbooks-sync/ui-shared/ErrorView.tsx';
import { LoadingView } from '@quickbooks-sync/ui-shared/LoadingView.tsx';
import { ReconnectView } from '@quickbooks-sync/ui-shared/ReconnectView.tsx';
import { getDealPayments, type DealInvoice } from '@quickbooks-sync/ui-shared/deal-payments-api.ts';
import { useApi } from '@quickbooks-sync/ui-shared/use-api.ts';

const INVOICE_STATUS = {
  open: { label: 'Open', variant: 'warning' },
  paid: { label: 'Paid', variant: 'success' },
  voided: { label: 'Voided', variant: 'default' },
  unknown: { label: 'Unknown', variant: 'default' },
} as const;
const SYNC_STATE_LABELS: Record<string, string> = { synced: 'Synced', failed: 'Sync failed', excluded: 'Excluded', pending: 'Pending', not_synced: 'Not synced' };
const PAYMENT_STATUS_LABELS: Record<string, string> = { succeeded: 'Succeeded', processing: 'Processing', failed: 'Failed', canceled: 'Canceled', refunded: 'Refunded' };
const PAYMENT_METHOD_LABELS: Record<string, string> = { ach: 'Bank transfer (ACH)', card: 'Card', check: 'Check', cash: 'Cash', other: 'Other' };

/** Amounts as money with two decimals; the currency code when the invoice has one. */
function money(amount: number | null, currency: string | null): string {
  if (amount === null) return '—';
  return `${amount.toFixed(2)}${currency ? ` ${currency}` : ''}`;
}
const labelOf = (labels: Record<string, string>, value: string | null) => (value === null ? '—' : (labels[value] ?? value));

/** The 409 the endpoint answers while QuickBooks is not (or no longer) connected. */
const isNotConnected = (error: unknown) => error instanceof ApiError && error.status === 409 && error.reason === 'qbo_not_connected';

/**
 * R30: on a deal record, the deal's invoices with their QuickBooks status and link, each invoice's
 * payments (QuickBooks payments and HubSpot's own, which may still be processing), and the totals paid,
 * open and processing. Read live through our backend, which asks QuickBooks each time.
 */
export function PaymentDetails() {
  const { portal, crm } = useExtensionContext<'crm.record.tab'>();
  const api = useMemo(() => createApiClient(portal.id), [portal.id]);
  const dealId = String(crm.objectId);
  const payments = useApi(() => getDealPayments(api, dealId), [api, dealId]);

  if (payments.state.status === 'loading') return <LoadingView label="Loading payment details" />;
  if (payments.state.status === 'error') {
    const error = payments.state.error;
    if (isNotConnected(error)) return <ReconnectView api={api} reason={(error as ApiError).message} />;
    return <ErrorView title="The payment details could not be loaded" error={error} onRetry={payments.reload} />;
  }
  const { invoices, totals } = payments.state.data;
  if (invoices.length === 0) {
    return (
      <EmptyState title="No invoices on this deal" testId="no-invoices" layout="vertical">
        <Text>Payments appear here once an invoice is associated with this deal.</Text>
      </EmptyState>
    );
  }
  const currency = invoices.find((i) => i.currency)?.currency ?? null;
  return (
    <Flex direction="column" gap="md" testId="payment-details">
      <Statistics testId="totals">
        <StatisticsItem testId="total-paid" label="Paid" number={money(totals.paid, currency)} />
        <StatisticsItem testId="total-open" label="Open" number={money(totals.open, currency)} />
        <StatisticsItem testId="total-processing" label="Processing" number={money(totals.processing, currency)} />
      </Statistics>
      {invoices.map((invoice) => (
        <InvoicePayments key={invoice.hubspotInvoiceId} invoice={invoice} />
      ))}
    </Flex>
  );
}

function InvoicePayments({ invoice }: { invoice: DealInvoice }) {
  const scope = invoice.hubspotInvoiceId;
  const status = INVOICE_STATUS[invoice.status];
  return (
    <Flex direction="column" gap="xs" testId={`invoice-${scope}`}>
      <Flex direction="row" gap="sm" align="center">
        <Heading>{invoice.number ? `Invoice ${invoice.number}` : `HubSpot invoice ${invoice.hubspotInvoiceId}`}</Heading>
        <StatusTag variant={status.variant} testId={`status-${scope}`}>{status.label}</StatusTag>
        <StatusTag variant={invoice.syncState === 'synced' ? 'success' : invoice.syncState === 'failed' ? 'danger' : 'default'} testId={`sync-${scope}`}>
          {labelOf(SYNC_STATE_LABELS, invoice.syncState)}
        </StatusTag>
      </Flex>
      <Text testId={`amounts-${scope}`}>
        {`Total ${money(invoice.total, invoice.currency)} · Balance ${money(invoice.balance, invoice.currency)} · Due ${invoice.dueDate ?? '—'}`}
      </Text>
      {invoice.qboUrl ? (
        <Link testId={`qbo-link-${scope}`} href={{ url: invoice.qboUrl, external: true }}>{`Open in QuickBooks (${invoice.qboInvoiceId ?? ''})`}</Link>
      ) : (
        <Text testId={`not-in-qbo-${scope}`}>Not in QuickBooks yet: its payments from QuickBooks appear once the invoice syncs.</Text>
      )}
      {invoice.payments.length === 0 ? (
        <Text testId={`no-payments-${scope}`}>No payments yet.</Text>
      ) : (
        <Table bordered={true} testId={`payments-${scope}`}>
          <TableHead>
            <TableRow>
              <TableHeader>Amount</TableHeader>
              <TableHeader>Date</TableHeader>
              <TableHeader>Method</TableHeader>
              <TableHeader>Status</TableHeader>
              <TableHeader>QuickBooks reference</TableHeader>
            </TableRow>
          </TableHead>
          <TableBody>
            {invoice.payments.map((p) => (
              <TableRow key={`${p.source}-${p.id}`} testId={`payment-${p.source}-${p.id}`}>
                <TableCell>{money(p.amount, invoice.currency)}</TableCell>
                <TableCell>{p.date ?? '—'}</TableCell>
                <TableCell>{labelOf(PAYMENT_METHOD_LABELS, p.method)}</TableCell>
                <TableCell>
                  <StatusTag variant={p.status === 'processing' ? 'info' : p.status === 'succeeded' ? 'success' : 'warning'}>{labelOf(PAYMENT_STATUS_LABELS, p.status)}</StatusTag>
                </TableCell>
                <TableCell>{p.source === 'quickbooks' ? `Payment #${p.id}${p.reference ? ` · Ref ${p.reference}` : ''}` : `Collected in HubSpot${p.reference ? ` · Ref ${p.reference}` : ''}`}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Flex>
  );
}
