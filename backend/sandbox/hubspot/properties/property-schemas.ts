/** zod schemas for the properties API, and the output shape of a property. */
import { z } from 'zod';
import type { PropertyDefinition } from './property-types.ts';

const optionInput = z.object({
  label: z.string(), value: z.string(), displayOrder: z.number().int().optional(), hidden: z.boolean().default(false), description: z.string().optional(),
});

export const propertyCreateSchema = z.object({
  name: z.string().min(1),
  label: z.string().min(1),
  type: z.enum(['string', 'number', 'date', 'datetime', 'enumeration', 'bool', 'phone_number']),
  fieldType: z.enum(['text', 'textarea', 'number', 'date', 'select', 'radio', 'checkbox', 'booleancheckbox', 'phonenumber', 'file', 'html', 'calculation_equation']),
  groupName: z.string().min(1),
  description: z.string().optional(),
  options: z.array(optionInput).optional(),
  displayOrder: z.number().int().optional(),
  hasUniqueValue: z.boolean().optional(),
  hidden: z.boolean().optional(),
  formField: z.boolean().optional(),
  externalOptions: z.boolean().optional(),
  calculationFormula: z.string().optional(),
  referencedObjectType: z.string().optional(),
});
export type PropertyCreateInput = z.output<typeof propertyCreateSchema>;

export const propertyUpdateSchema = propertyCreateSchema.omit({ name: true, hasUniqueValue: true }).partial();

export const groupCreateSchema = z.object({ name: z.string().min(1), label: z.string().min(1), displayOrder: z.number().int().optional() });
export const groupUpdateSchema = groupCreateSchema.omit({ name: true }).partial();

export function toPublicProperty(def: PropertyDefinition): Record<string, unknown> {
  const { readOnlyValue, ...rest } = def;
  return {
    ...rest,
    modificationMetadata: { archivable: !def.hubspotDefined, readOnlyDefinition: def.hubspotDefined, readOnlyValue },
  };
}
