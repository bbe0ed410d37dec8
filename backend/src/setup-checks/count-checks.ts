/** R26's data checks as messages: products the SKU rule (R12) keeps out, customers not yet in HubSpot. */
import type { SetupCheck } from '@quickbooks-sync/contract';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function productsWithoutSkuCheck(count: number): SetupCheck[] {
  if (count === 0) return [];
  return [
    {
      id: 'products_without_sku',
      level: 'info',
      title: `${plural(count, 'HubSpot product has', 'HubSpot products have')} no SKU`,
      message:
        `Products are matched on SKU, so by default only products with a SKU sync, and ${count === 1 ? 'this one stays' : 'these stay'} out of the products sync. ` +
        'We recommend syncing products from QuickBooks to HubSpot and building invoices and quotes from them: add SKUs to the QuickBooks products and services you want to sync.',
      count,
    },
  ];
}

export function customersNotSyncedCheck(count: number): SetupCheck[] {
  if (count === 0) return [];
  return [
    {
      id: 'customers_not_synced',
      level: 'info',
      title: `${plural(count, 'QuickBooks customer is', 'QuickBooks customers are')} not synced to HubSpot yet`,
      message:
        'We recommend syncing all customers from QuickBooks to HubSpot as contacts, then invoicing existing customers through their synced contact, ' +
        'so every invoice is linked to the right QuickBooks customer. For a new customer, make the invoice’s contact the billing contact whose e-mail is the customer’s in QuickBooks.',
      count,
    },
  ];
}
