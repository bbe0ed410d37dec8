/**
 * A company's billing contact (companies mode, issue 16): the contact associated with the company under
 * the association label chosen in the sync settings (`billingContactLabel`), else a contact whose
 * primary company it is. Several candidates: the lowest record id (the oldest contact), so the choice
 * never flips between passes. None: the company syncs without an e-mail, and with its own phone.
 * One associations read and one contacts read per page of companies (batch loaders).
 */
import type { AdapterSession } from '../../engine/adapter.ts';
import { RecordFailure } from '../../engine/adapter.ts';
import type { BatchLoader } from '../../engine/page-batcher.ts';
import { BATCH_SIZE } from '../../../vendors/hubspot/records.ts';
import { COMPANY_TO_PRIMARY_CONTACT, type TypedAssociation } from '../../../vendors/hubspot/association-labels.ts';

export interface BillingContact {
  id: string;
  email: string | null;
  phone: string | null;
}

const text = (value: string | null | undefined): string | null => (value && value.trim() !== '' ? value.trim() : null);

/** The type id the label names (case-insensitive), or a failure a person can act on. */
async function labelTypeId(session: AdapterSession, label: string): Promise<number> {
  const labels = await session.vendors.hubspot.associationLabels('companies', 'contacts');
  const found = labels.find((l) => l.label !== null && l.label.trim().toLowerCase() === label.toLowerCase());
  if (!found) {
    throw new RecordFailure(
      'billing_label_missing',
      `HubSpot has no company → contact association label “${label}”, which the sync settings name as the billing contact's. Create the label in HubSpot (Settings → Objects → Companies → Associations), or change the setting.`,
    );
  }
  return found.typeId;
}

/** The chosen contact id among a company's associations (pure: the rule above). */
export function billingContactIdOf(links: readonly TypedAssociation[], labelledTypeId: number | null): string | null {
  const lowest = (ids: string[]) => ids.sort((a, b) => Number(a) - Number(b))[0] ?? null;
  const withType = (typeId: number, category: string) => links.filter((l) => l.types.some((t) => t.typeId === typeId && t.category === category)).map((l) => l.toId);
  const labelled = labelledTypeId === null ? [] : withType(labelledTypeId, 'USER_DEFINED');
  return lowest(labelled) ?? lowest(withType(COMPANY_TO_PRIMARY_CONTACT, 'HUBSPOT_DEFINED'));
}

/** `label`: the companies sync's `billingContactLabel` (billingContactLabelOf), null for the primary contact only. */
export function billingContactLoader(session: AdapterSession, label: string | null): BatchLoader<string, BillingContact | null> {
  return {
    name: `hubspot.companies.billingContact.${label ?? ''}`,
    maxBatch: BATCH_SIZE,
    async load(companyIds) {
      const typeId = label === null ? null : await labelTypeId(session, label);
      const links = await session.vendors.hubspot.typedAssociations('companies', 'contacts', companyIds);
      const chosen = companyIds.map((id) => billingContactIdOf(links.get(id) ?? [], typeId));
      const contactIds = [...new Set(chosen.filter((id): id is string => id !== null))];
      const contacts = new Map<string, BillingContact>();
      for (let start = 0; start < contactIds.length; start += BATCH_SIZE) {
        const { records } = await session.vendors.hubspot.batchRead('contacts', contactIds.slice(start, start + BATCH_SIZE), ['email', 'phone', 'mobilephone']);
        for (const r of records) {
          if (!r.archived) contacts.set(r.id, { id: r.id, email: text(r.properties.email)?.toLowerCase() ?? null, phone: text(r.properties.phone) ?? text(r.properties.mobilephone) });
        }
      }
      return chosen.map((id) => (id === null ? null : (contacts.get(id) ?? null)));
    },
  };
}
