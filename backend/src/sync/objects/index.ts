/** The object adapters the engine knows. An object type without one is not synced yet. */
import type { ObjectAdapter } from '../engine/adapter.ts';
import type { ObjectType } from '../types.ts';
import { contactsAdapter } from './contacts/contacts-adapter.ts';

const adapters: Partial<Record<ObjectType, ObjectAdapter>> = { contacts: contactsAdapter };

export function adapterFor(objectType: ObjectType): ObjectAdapter | undefined {
  return adapters[objectType];
}
