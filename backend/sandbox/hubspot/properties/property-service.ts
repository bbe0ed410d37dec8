/** Creating custom properties with HubSpot's checks (name format, group exists, unique-value limits). */
import { HubSpotError, validationError } from '../http/errors.ts';
import type { ObjectType } from '../objects/object-types.ts';
import type { HubSpotAccount } from '../state/account.ts';
import type { PropertyCreateInput } from './property-schemas.ts';
import type { PropertyDefinition } from './property-types.ts';

/** HubSpot allows at most 10 unique-value properties per object type. */
export const MAX_UNIQUE_PROPERTIES = 10;

const TYPE_FIELD_TYPES: Record<string, string[]> = {
  string: ['text', 'textarea', 'file', 'html', 'phonenumber'],
  number: ['number', 'calculation_equation'],
  date: ['date'],
  datetime: ['date'],
  enumeration: ['select', 'radio', 'checkbox', 'booleancheckbox'],
  bool: ['booleancheckbox'],
  phone_number: ['phonenumber', 'text'],
};

export function createProperty(account: HubSpotAccount, type: ObjectType, input: PropertyCreateInput): PropertyDefinition {
  const defs = account.propertyDefs(type);
  if (!/^[a-z][a-z0-9_]*$/.test(input.name)) {
    throw validationError(`Property name "${input.name}" is invalid: names must start with a lowercase letter and contain only lowercase letters, digits and underscores.`);
  }
  const existing = defs.get(input.name);
  if (existing && !existing.archived) {
    throw new HubSpotError(409, 'OBJECT_ALREADY_EXISTS', `Property with name "${input.name}" already exists`, { context: { name: [input.name] } });
  }
  if (!account.propertyGroups(type).get(input.groupName) || account.propertyGroups(type).get(input.groupName)?.archived) {
    throw validationError(`Property group "${input.groupName}" does not exist`);
  }
  if (!TYPE_FIELD_TYPES[input.type]?.includes(input.fieldType)) {
    throw validationError(`fieldType "${input.fieldType}" is not valid for property type "${input.type}"`);
  }
  if (input.type === 'enumeration' && !input.externalOptions && (input.options?.length ?? 0) === 0 && input.fieldType !== 'booleancheckbox') {
    throw validationError('Enumeration properties require at least one option');
  }
  if (input.hasUniqueValue) {
    if (input.type !== 'string' && input.type !== 'number') throw validationError('Only string and number properties can require unique values');
    const uniqueCount = [...defs.values()].filter((d) => d.hasUniqueValue && !d.hubspotDefined && !d.archived).length;
    if (uniqueCount >= MAX_UNIQUE_PROPERTIES) throw validationError(`An object type can have at most ${MAX_UNIQUE_PROPERTIES} unique value properties`);
  }
  const now = new Date().toISOString();
  const options = input.type === 'bool' || (input.type === 'enumeration' && input.fieldType === 'booleancheckbox' && !input.options)
    ? [{ label: 'Yes', value: 'true', displayOrder: 0, hidden: false }, { label: 'No', value: 'false', displayOrder: 1, hidden: false }]
    : (input.options ?? []).map((o, i) => ({ ...o, displayOrder: o.displayOrder ?? i }));
  const def: PropertyDefinition = {
    name: input.name, label: input.label, type: input.type, fieldType: input.fieldType, groupName: input.groupName,
    description: input.description ?? '', options, displayOrder: input.displayOrder ?? -1, hasUniqueValue: input.hasUniqueValue ?? false,
    hidden: input.hidden ?? false, formField: input.formField ?? false, hubspotDefined: false, readOnlyValue: false, calculated: false,
    externalOptions: input.externalOptions ?? false, createdAt: now, updatedAt: now, archived: false,
  };
  defs.set(def.name, def);
  if (def.hasUniqueValue) account.collection(type).indexProperty(def.name);
  return def;
}
