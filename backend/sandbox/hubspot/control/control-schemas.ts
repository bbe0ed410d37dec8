/** zod schemas of the control API (`/_sandbox/...`). */
import { z } from 'zod';
import { OBJECT_TYPES, lookupObjectType } from '../objects/object-types.ts';

/**
 * Subscription types HubSpot accepts: legacy `{contact,company,deal,line_item,product}.{action}` (there is
 * no legacy `invoice.*` or payment type — those need `object.*` with an objectType), `contact.privacyDeletion`,
 * and generic `object.{action}`. (App lifecycle events are not webhooks: they come from the webhooks journal.)
 */
const ACTIONS = ['creation', 'deletion', 'propertyChange', 'merge', 'restore', 'associationChange'];
const LEGACY_OBJECTS = ['contact', 'company', 'deal', 'line_item', 'product'];
export const SUBSCRIPTION_TYPES: readonly string[] = [
  ...LEGACY_OBJECTS.flatMap((o) => ACTIONS.map((a) => `${o}.${a}`)),
  ...ACTIONS.map((a) => `object.${a}`),
  'contact.privacyDeletion',
];

export const subscriptionSchema = z
  .object({
    subscriptionType: z.string().refine((t) => SUBSCRIPTION_TYPES.includes(t), { message: 'unknown subscriptionType (invoices and payments need object.* with an objectType)' }),
    objectType: z.string().optional(),
    propertyName: z.string().optional(),
    active: z.boolean().optional(),
  })
  .refine((s) => !s.subscriptionType.endsWith('.propertyChange') || s.propertyName !== undefined, { message: 'propertyChange subscriptions need a propertyName' })
  .refine((s) => !s.subscriptionType.startsWith('object.') || (s.objectType !== undefined && lookupObjectType(s.objectType) !== undefined), {
    message: 'object.* subscriptions need a known objectType (contact, company, deal, product, line_item, invoice, commerce_payment)',
  });

export const registerAppSchema = z.object({
  name: z.string().optional(),
  clientId: z.string().min(1).optional(),
  clientSecret: z.string().min(1).optional(),
  redirectUris: z.array(z.url()).default([]),
  scopes: z.array(z.string()).default([]),
  optionalScopes: z.array(z.string()).optional(),
  webhookTargetUrl: z.url().nullable().optional(),
  maxConcurrentRequests: z.number().int().min(1).max(100).optional(),
  subscriptions: z.array(subscriptionSchema).max(1000).optional(),
});

export const webhookConfigSchema = z.object({
  targetUrl: z.url().nullable().optional(),
  maxConcurrentRequests: z.number().int().min(1).max(100).optional(),
  subscriptions: z.array(subscriptionSchema).max(1000).optional(),
});

export const webhookSettingsSchema = z.object({
  flushDelayMs: z.number().int().min(0).optional(),
  retryBaseMs: z.number().int().min(0).optional(),
  maxRetries: z.number().int().min(0).max(10).optional(),
  timeoutMs: z.number().int().min(1).optional(),
});

export const objectTypeSchema = z.enum(OBJECT_TYPES);

export const seedSchema = z.object({
  objectType: objectTypeSchema,
  count: z.number().int().min(1).max(1_000_000),
  seed: z.number().int().default(1),
});

export const mintTokenSchema = z.object({
  appId: z.number().int().optional(),
  scopes: z.array(z.string()).optional(),
  ttlSeconds: z.number().int().min(1).optional(),
});

export const limitsSchema = z.object({
  tenSecondly: z.number().int().min(1).nullable().optional(),
  searchPerSecond: z.number().int().min(1).nullable().optional(),
  searchLagMs: z.number().int().min(0).optional(),
});

export const createAccountSchema = z.object({ portalId: z.number().int().min(1).optional() });

/** PUT /_sandbox/apps/:appId/journal: the next `throttleBurst` journal / subscription calls answer 429; `expireEntries` ages every entry past the 3-day retention. */
export const journalControlSchema = z.strictObject({
  throttleBurst: z.number().int().min(0).max(1000).optional(),
  expireEntries: z.boolean().optional(),
});
