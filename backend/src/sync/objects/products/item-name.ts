/**
 * Item names as QuickBooks accepts them: required, at most 100 characters, no ':' (it separates parent and
 * sub-item in FullyQualifiedName). A name QuickBooks would refuse fails the record with what to change,
 * rather than being rewritten: an item's name is what the accountant picks on every invoice line.
 */
import { RecordFailure } from '../../engine/adapter.ts';

export const QBO_ITEM_NAME_MAX = 100;

/** The trimmed name, or a failure saying what to change in HubSpot. */
export function checkedItemName(value: unknown): string {
  const name = typeof value === 'string' ? value.trim() : '';
  if (name === '') throw new RecordFailure('item_name_missing', 'This product has no name, and QuickBooks items need one. Give the product a name in HubSpot to sync it.');
  if (name.includes(':')) {
    throw new RecordFailure(
      'item_name_invalid',
      `QuickBooks item names cannot contain ':' (it separates an item from its sub-items), and this product is named “${name}”. Rename the product in HubSpot without the colon to sync it.`,
    );
  }
  if (Array.from(name).length > QBO_ITEM_NAME_MAX) {
    throw new RecordFailure('item_name_invalid', `QuickBooks item names are at most ${QBO_ITEM_NAME_MAX} characters, and this product's name has ${Array.from(name).length}. Shorten it in HubSpot to sync it.`);
  }
  return name;
}
