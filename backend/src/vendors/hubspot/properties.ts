/**
 * Custom properties the app owns (e.g. the unique `qbo_customer_id` that makes batch upsert
 * idempotent), created at install. Safe to run again: "already exists" counts as done.
 */
import { z } from 'zod';
import type { PropertyCreate } from '@hubspot/api-client/lib/codegen/crm/properties/index.js';
import type { HubSpotCall } from './call.ts';
import { HubSpotApiError } from './errors.ts';
import { parseResponse } from './schemas.ts';

export interface HubSpotPropertySpec {
  name: string;
  label: string;
  type: 'string' | 'number' | 'date' | 'datetime' | 'enumeration' | 'bool';
  fieldType: 'text' | 'textarea' | 'number' | 'date' | 'select' | 'radio' | 'checkbox' | 'booleancheckbox';
  groupName: string;
  /** Shown for the group if we have to create it (defaults to the group name). */
  groupLabel?: string;
  hasUniqueValue?: boolean;
  description?: string;
}

const propertySchema = z.looseObject({ name: z.string(), hasUniqueValue: z.boolean().optional() });

const isAlreadyThere = (err: unknown): err is HubSpotApiError => err instanceof HubSpotApiError && err.kind === 'conflict';

export function propertyAdmin(call: HubSpotCall) {
  async function ensureGroup(objectType: string, name: string, label: string): Promise<void> {
    try {
      await call('create property group', 'general', (c) => c.crm.properties.groupsApi.create(objectType, { name, label }));
    } catch (err) {
      if (!isAlreadyThere(err)) throw err;
    }
  }

  /**
   * Creates the property (and its group) unless it exists; answers whether it was created now.
   * `groupEnsured`: the caller just ensured this group for another property (one call fewer).
   */
  async function ensureProperty(objectType: string, spec: HubSpotPropertySpec, options: { groupEnsured?: boolean } = {}): Promise<{ created: boolean }> {
    if (!options.groupEnsured) await ensureGroup(objectType, spec.groupName, spec.groupLabel ?? spec.groupName);
    const body = {
      name: spec.name,
      label: spec.label,
      type: spec.type,
      fieldType: spec.fieldType,
      groupName: spec.groupName,
      hasUniqueValue: spec.hasUniqueValue ?? false,
      ...(spec.description ? { description: spec.description } : {}),
    } as unknown as PropertyCreate; // the client types `type`/`fieldType` as its own string enums
    try {
      const raw = await call('create property', 'general', (c) => c.crm.properties.coreApi.create(objectType, body));
      parseResponse(propertySchema, raw, 'create property');
      return { created: true };
    } catch (err) {
      if (!isAlreadyThere(err)) throw err;
    }
    // It exists: make sure it is the property we need (a non-unique one of the same name would break upserts).
    const raw = await call('read property', 'general', (c) => c.crm.properties.coreApi.getByName(objectType, spec.name));
    const existing = parseResponse(propertySchema, raw, 'read property');
    if (spec.hasUniqueValue && !existing.hasUniqueValue) {
      throw new HubSpotApiError(`Property ${spec.name} on ${objectType} exists but does not hold unique values`, 'conflict', 409, 'PROPERTY_NOT_UNIQUE', { name: [spec.name] });
    }
    return { created: false };
  }

  return { ensureProperty };
}
