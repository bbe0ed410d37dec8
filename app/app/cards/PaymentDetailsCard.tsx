/** Entry point of the "QuickBooks payment details" deal card (payment-details-hsmeta.json). */
import { hubspot } from '@hubspot/ui-extensions';
import { PaymentDetails } from './PaymentDetails.tsx';

hubspot.extend<'crm.record.tab'>(() => <PaymentDetails />);
