/**
 * A unique HubSpot property holding the linked QBO id (contacts: `qbo_customer_id`, invoices:
 * `qbo_invoice_id`, …). Writes from QBO are upserts keyed by it, so a retry after a crash finds the
 * record it created instead of adding one. Checked once per account, object and process, shared by
 * the records of a page that all write at once.
 */
import type { AdapterSession } from '../engine/adapter.ts';
import type { HubSpotPropertySpec } from '../../vendors/hubspot/client.ts';

const ensured = new Map<string, Promise<void>>();

export interface QboLinkProperty {
  objectType: string;
  name: string;
  label: string;
  description: string;
}

export function ensureQboLinkProperty(session: AdapterSession, property: QboLinkProperty, extra: HubSpotPropertySpec[] = []): Promise<void> {
  const key = `${session.portalId}:${property.objectType}:${property.name}`;
  let done = ensured.get(key);
  if (!done) {
    done = (async () => {
      const groups = new Set<string>();
      for (const spec of [
        { name: property.name, label: property.label, type: 'string', fieldType: 'text', groupName: 'quickbooks_sync', groupLabel: 'QuickBooks sync', hasUniqueValue: true, description: property.description },
        ...extra,
      ] as HubSpotPropertySpec[]) {
        await session.vendors.hubspot.ensureProperty(property.objectType, spec, { groupEnsured: groups.has(spec.groupName) });
        groups.add(spec.groupName);
      }
    })();
    ensured.set(key, done);
    done.catch(() => ensured.delete(key));
  }
  return done;
}
