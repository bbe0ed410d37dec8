/**
 * R14 clashes: QuickBooks keeps one DisplayName namespace for customers, vendors and employees
 * (quickbooks-api.md §1.1, 6240), so the name a new customer needs may be held by any of the three.
 * The failure names who holds it and what to do.
 */
import type { AdapterSession } from '../../engine/adapter.ts';
import { loadOne } from '../../engine/page-batcher.ts';
import { createdPartyName, partyNameKey, qboFindByLoader } from '../../loaders/qbo-loaders.ts';
import type { QboRecord } from '../../types.ts';

export type DisplayNameHolderKind = 'customer' | 'vendor' | 'employee';

export interface DisplayNameHolder {
  kind: DisplayNameHolderKind;
  id: string;
  active: boolean;
}

const HOLDER_ENTITIES: ReadonlyArray<readonly [string, DisplayNameHolderKind]> = [
  ['Customer', 'customer'],
  ['Vendor', 'vendor'],
  ['Employee', 'employee'],
];

const displayNameKey = (record: QboRecord): string | null => partyNameKey(record.DisplayName);

/** The customer, vendor or employee holding `name` (inactive ones included), looked up in that order. */
export async function findDisplayNameHolder(session: AdapterSession, name: string): Promise<DisplayNameHolder | undefined> {
  const key = partyNameKey(name);
  if (key === null) return undefined;
  // A name this pass gave a customer it created: known without asking.
  const created = createdPartyName(session, key);
  const createdKind = HOLDER_ENTITIES.find(([entity]) => entity === created?.entity)?.[1];
  if (created && createdKind) return { kind: createdKind, id: created.id, active: true };
  for (const [entity, kind] of HOLDER_ENTITIES) {
    const holders = await loadOne(session.batcher, qboFindByLoader(session, entity, 'DisplayName', displayNameKey, { nameList: true }), key);
    const holder = holders[0];
    if (holder) return { kind, id: holder.Id, active: holder.Active !== false };
  }
  return undefined;
}

/** The R14 failure message for a customer that cannot take `name`. */
export function displayNameTakenMessage(name: string, holder: DisplayNameHolder | undefined): string {
  const mappingHint = 'switch off the “Display name” mapping so customers are named after the contact, or let the display-name policy choose another name';
  if (!holder) {
    return `QuickBooks already has a customer, vendor or employee named “${name}” (display names are shared by all three). Rename it in QuickBooks, or ${mappingHint}.`;
  }
  const inactive = holder.active ? '' : ' (inactive)';
  if (holder.kind === 'customer') {
    return (
      `QuickBooks customer #${holder.id}${inactive} already uses the display name “${name}”, and display names are unique in QuickBooks. ` +
      `Use one billing contact per company, ${mappingHint}.`
    );
  }
  return (
    `A QuickBooks ${holder.kind} named “${name}” already exists (${holder.kind} #${holder.id}${inactive}), and QuickBooks display names are shared by customers, vendors and employees. ` +
    `Rename the ${holder.kind} in QuickBooks, or ${mappingHint}.`
  );
}
