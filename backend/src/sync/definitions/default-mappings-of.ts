/** The default mappings of each object type (contacts so far), to tell a toggled default from an edited one. */
import type { FieldMapping, ObjectType } from '../types.ts';
import { defaultContactMappings } from '../objects/contacts/default-mappings.ts';

export function defaultMappingsOf(objectType: ObjectType): FieldMapping[] {
  return objectType === 'contacts' ? defaultContactMappings() : [];
}
