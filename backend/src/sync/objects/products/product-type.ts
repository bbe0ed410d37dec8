/**
 * Product types: HubSpot's `hs_product_type` options (inventory / non_inventory / service) and QuickBooks'
 * Item.Type (Inventory / NonInventory / Service). Values are compared in HubSpot's words; other QBO types
 * (Category, Group, Bundle) have no HubSpot counterpart and read as "no type".
 */
const QBO_TO_HUBSPOT: Readonly<Record<string, string>> = { Inventory: 'inventory', NonInventory: 'non_inventory', Service: 'service' };
const HUBSPOT_TO_QBO: Readonly<Record<string, string>> = { inventory: 'Inventory', non_inventory: 'NonInventory', service: 'Service' };

export function hubspotProductType(qboType: unknown): string | null {
  return typeof qboType === 'string' ? (QBO_TO_HUBSPOT[qboType] ?? null) : null;
}

export function qboItemType(hubspotType: unknown): string | null {
  return typeof hubspotType === 'string' ? (HUBSPOT_TO_QBO[hubspotType.trim().toLowerCase()] ?? null) : null;
}
