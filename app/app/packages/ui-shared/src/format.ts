/** Display helpers shared by the settings page and the cards. */
import type { ObjectTypeName } from '@quickbooks-sync/contract';

export const OBJECT_LABELS: Record<ObjectTypeName, string> = {
  contacts: 'Contacts ⇄ Customers',
  companies: 'Companies ⇄ Customers',
  products: 'Products ⇄ Products and Services',
  invoices: 'Invoices ⇄ Invoices',
  payments: 'QuickBooks payments → Deals',
};

/** The objects the guided setup walks through, in the order of the article (R4); payments come with the invoices they pay. */
export const SETUP_OBJECTS = ['invoices', 'contacts', 'products', 'payments'] as const satisfies readonly ObjectTypeName[];

export const DIRECTION_LABELS = {
  two_way: 'Two-way',
  hubspot_to_qbo: 'HubSpot → QuickBooks',
  qbo_to_hubspot: 'QuickBooks → HubSpot',
} as const;

export const WINNER_LABELS = { hubspot: 'Use HubSpot data', quickbooks: 'Use QuickBooks Online data' } as const;

/** A timestamp in UTC, to the minute; "—" when absent. Fixed format so every user reads the same thing. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
