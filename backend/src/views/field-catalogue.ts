/**
 * The mapping editor's field lists (R7): our catalogue of each side for the object type; for invoices,
 * QuickBooks' custom fields appear under the names the company gave them, and only those that can be
 * used (the first three, enabled) — the others are not offered.
 */
import type { AppContext } from '../jobs/context.ts';
import type { ObjectType } from '../sync/types.ts';
import { cataloguesFor } from '../sync/mappings/catalogues.ts';
import type { FieldCatalogue } from '../sync/mappings/field-catalogue.ts';
import { qboInvoiceCustomFields } from '../sync/mappings/qbo-custom-fields.ts';
import { getQboConnection } from '../db/qbo-connections.ts';
import type { FieldCatalogueResponse } from '@quickbooks-sync/contract';

const list = (catalogue: FieldCatalogue) => Object.entries(catalogue).map(([name, f]) => ({ name, label: f.label, kind: f.kind, readOnly: f.readOnly === true, filterOnly: f.filterOnly === true }));

export async function fieldCatalogue(ctx: AppContext, portalId: number, objectType: ObjectType): Promise<FieldCatalogueResponse> {
  const catalogues = cataloguesFor(objectType)!;
  let qbo = list(catalogues.qbo);
  if (objectType === 'invoices') {
    const connection = await getQboConnection(ctx.db, portalId);
    const custom = new Map(qboInvoiceCustomFields(connection?.preferences ?? {}).map((f) => [f.path, f.name]));
    qbo = qbo.filter((f) => !f.name.startsWith('CustomField.') || custom.has(f.name)).map((f) => (custom.has(f.name) ? { ...f, label: `${custom.get(f.name)!} (custom field)` } : f));
  }
  return { objectType, hubspot: list(catalogues.hubspot), qbo };
}
