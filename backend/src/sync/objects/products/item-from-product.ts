/**
 * The QBO Item body for a product's mapped values: a create body (with the income account from the sync
 * settings), or with `existing` a sparse update (Id, SyncToken, sparse: true) touching only mapped fields
 * that flow to QuickBooks.
 *
 * Inventory items are not created from HubSpot: QuickBooks needs a quantity on hand, its start date and
 * inventory asset and cost-of-goods accounts, which a HubSpot product does not have; inventing them would
 * put wrong numbers in the books. Such a product fails with what to do instead (create the item in
 * QuickBooks with the product's SKU, and the sync links the two). For the same reason an existing item's
 * type is never changed to or from Inventory.
 */
import { clearableInQbo, qboScalar } from '../../mappings/qbo-scalar.ts';
import { RecordFailure } from '../../engine/adapter.ts';
import type { FieldKind, FieldMapping, MappedValue, MappedValues, QboRecord } from '../../types.ts';
import { QBO_ITEM_FIELDS } from '../../mappings/qbo-item-fields.ts';
import { setPath } from '../../mappings/object-path.ts';
import { checkedItemName } from './item-name.ts';
import { qboItemType } from './product-type.ts';


export interface ItemSettings {
  /** QBO Account id new items post their sales to (the products sync's `incomeAccountId` option). */
  incomeAccountId?: string | null;
}

export function itemFromProduct(values: MappedValues, mappings: readonly FieldMapping[], settings: ItemSettings, existing?: QboRecord): Record<string, unknown> {
  const body: Record<string, unknown> = existing ? { Id: existing.Id, SyncToken: existing.SyncToken, sparse: true } : {};
  for (const mapping of mappings) {
    if (!mapping.enabled || mapping.direction === 'to_hubspot') continue;
    const field = QBO_ITEM_FIELDS[mapping.qboField];
    if (!field || field.readOnly) continue;
    const value = values[mapping.id];
    if (value === undefined) continue;
    const written = itemValue(mapping.qboField, value, field.kind, existing);
    if (written !== undefined) setPath(body, mapping.qboField, written, existing);
  }
  if (existing) return body;

  body.Name = checkedItemName(body.Name);
  const type = (body.Type as string | undefined) ?? 'Service';
  if (type === 'Inventory') {
    throw new RecordFailure(
      'inventory_item_not_created',
      'This product is an inventory product, and QuickBooks needs a quantity on hand, its start date and inventory accounts to create an inventory item, which HubSpot products do not have. ' +
        'Create the item in QuickBooks with the same SKU (the sync then links the two), or change the product type in HubSpot to Non-inventory or Service.',
    );
  }
  body.Type = type;
  const income = settings.incomeAccountId?.trim();
  if (!income) {
    throw new RecordFailure(
      'income_account_missing',
      'New QuickBooks items need an income account, and none is chosen for the products sync. Choose the income account for new items in the products sync settings; the product syncs on its next change or "Sync now".',
    );
  }
  body.IncomeAccountRef = { value: income };
  return body;
}

/** undefined = leave the field out of the body. */
function itemValue(path: string, value: MappedValue, kind: FieldKind, existing: QboRecord | undefined): unknown {
  if (path === 'Name') return existing ? (value === null ? undefined : checkedItemName(value)) : value;
  if (path === 'Type') return typeOnWrite(value, existing);
  if (value === null) {
    // A create has nothing to clear; on update text is cleared with '', numbers and flags have no "empty".
    return existing && clearableInQbo(kind) ? '' : undefined;
  }
  return qboScalar(value, kind);
}

function typeOnWrite(value: MappedValue, existing: QboRecord | undefined): string | undefined {
  const type = qboItemType(value);
  if (type === null) return undefined; // no type, or one QuickBooks has no item type for: keep QBO's
  if (!existing || existing.Type === type) return type;
  if (type === 'Inventory' || existing.Type === 'Inventory') {
    throw new RecordFailure(
      'item_type_change_refused',
      `QuickBooks item #${existing.Id} is of type ${String(existing.Type)} and the product is now ${String(value)}; changing an item to or from Inventory changes how QuickBooks accounts for it, so the sync does not do it. ` +
        'Change the type in QuickBooks yourself, or set the product type in HubSpot back.',
    );
  }
  // Category, Group and Bundle items have no HubSpot type: leave them as they are.
  return existing.Type === 'Service' || existing.Type === 'NonInventory' ? type : undefined;
}
