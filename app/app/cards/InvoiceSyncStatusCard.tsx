/** Entry point of the "QuickBooks sync status" card (invoice-sync-status-hsmeta.json). */
import { hubspot } from '@hubspot/ui-extensions';
import { InvoiceSyncStatus } from './InvoiceSyncStatus.tsx';

hubspot.extend<'crm.record.tab'>(() => <InvoiceSyncStatus />);
