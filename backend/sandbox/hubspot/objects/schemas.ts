/** zod schemas for the v3 objects API request bodies. */
import { z } from 'zod';

export const idString = z.union([z.string().min(1), z.number()]).transform(String);
export const propertyValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export const propertiesSchema = z.record(z.string(), propertyValue);

export const associationSpecSchema = z.object({
  associationCategory: z.enum(['HUBSPOT_DEFINED', 'USER_DEFINED', 'INTEGRATOR_DEFINED']),
  associationTypeId: z.number().int(),
});

export const createAssociationsSchema = z.array(z.object({ to: z.object({ id: idString }), types: z.array(associationSpecSchema).min(1) }));

export const createInputSchema = z.object({
  properties: propertiesSchema,
  associations: createAssociationsSchema.optional(),
  objectWriteTraceId: z.string().optional(),
});

export const updateInputSchema = z.object({ properties: propertiesSchema, objectWriteTraceId: z.string().optional() });

export const batchCreateSchema = z.object({ inputs: z.array(createInputSchema) });
export const batchUpdateSchema = z.object({
  inputs: z.array(z.object({ id: idString, idProperty: z.string().optional(), properties: propertiesSchema, objectWriteTraceId: z.string().optional() })),
});
export const batchUpsertSchema = z.object({
  inputs: z.array(z.object({ id: idString, idProperty: z.string().optional(), properties: propertiesSchema, objectWriteTraceId: z.string().optional() })),
});
export const batchReadSchema = z.object({
  inputs: z.array(z.object({ id: idString })),
  properties: z.array(z.string()).optional(),
  propertiesWithHistory: z.array(z.string()).optional(),
  idProperty: z.string().optional(),
});
export const batchArchiveSchema = z.object({ inputs: z.array(z.object({ id: idString })) });

export type CreateAssociationsInput = z.output<typeof createAssociationsSchema>;
