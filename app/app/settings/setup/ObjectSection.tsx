import { Accordion, Divider, Flex, Text, Toggle } from '@hubspot/ui-extensions';
import type { ApiClient } from '@quickbooks-sync/ui-shared/api-client.ts';
import { getSyncFields } from '@quickbooks-sync/ui-shared/syncs-api.ts';
import { useApi } from '@quickbooks-sync/ui-shared/use-api.ts';
import { OBJECT_LABELS } from '@quickbooks-sync/ui-shared/format.ts';
import { DirectionFields } from './DirectionFields.tsx';
import { DisplayNamePolicyField } from './DisplayNamePolicyField.tsx';
import { DeletionPolicyField } from './DeletionPolicyField.tsx';
import { InactiveCustomersField } from './InactiveCustomersField.tsx';
import { FiltersEditor } from './FiltersEditor.tsx';
import { IncomeAccountField, incomeAccountAsked } from './IncomeAccountField.tsx';
import { TaxCodeField, taxCodeAsked } from './TaxCodeField.tsx';
import { MappingsEditor } from './MappingsEditor.tsx';
import { SectionProblems } from './SectionProblems.tsx';
import type { SectionDraft, Settings } from './setup-draft.ts';

/** One object's expandable section of the guided setup (R4): direction, conflicts, mappings, filters, its errors. */
export function ObjectSection({ api, draft, defaultOpen, onChange }: { api: ApiClient; draft: SectionDraft; defaultOpen: boolean; onChange: (next: SectionDraft) => void }) {
  const { objectType, settings } = draft;
  const setSettings = (next: Settings) => onChange({ ...draft, settings: next, problems: [] });
  // The fields either side offers (R7), for the mapping editor and the filters' property lists.
  const fields = useApi(() => getSyncFields(api, objectType), [api, objectType]);
  return (
    <Accordion title={OBJECT_LABELS[objectType]} defaultOpen={defaultOpen} testId={`section-${objectType}`}>
      {settings === null ? (
        <Text testId={`unavailable-${objectType}`}>This sync is not available yet in this version of the app.</Text>
      ) : (
        <Flex direction="column" gap="md">
          <Toggle testId={`include-${objectType}`} label="Set up this sync" checked={draft.included} onChange={(included) => onChange({ ...draft, included, problems: [] })} />
          {draft.included ? (
            <>
              <DirectionFields scope={objectType} settings={settings} onChange={setSettings} />
              {objectType === 'contacts' && settings.direction !== 'qbo_to_hubspot' ? <DisplayNamePolicyField settings={settings} onChange={setSettings} /> : null}
              {(objectType === 'contacts' && settings.direction !== 'qbo_to_hubspot') || objectType === 'invoices' ? <DeletionPolicyField scope={objectType} settings={settings} onChange={setSettings} /> : null}
              {objectType === 'contacts' && settings.direction !== 'hubspot_to_qbo' ? <InactiveCustomersField scope={objectType} settings={settings} onChange={setSettings} /> : null}
              {incomeAccountAsked(objectType, settings) ? <IncomeAccountField api={api} objectType={objectType} settings={settings} onChange={setSettings} /> : null}
              {taxCodeAsked(objectType, settings) ? <TaxCodeField api={api} settings={settings} onChange={setSettings} /> : null}
              <Divider />
              <MappingsEditor fields={fields} scope={objectType} mappings={settings.fieldMappings} onChange={(fieldMappings) => setSettings({ ...settings, fieldMappings })} />
              <Divider />
              {settings.direction !== 'qbo_to_hubspot' && objectType === 'invoices' ? (
                // R8: the outbound invoice filter is fixed; the backend sets it from the setup date.
                <Text testId="fixed-invoice-filter">HubSpot invoices go to QuickBooks when they are not drafts and were created after the setup date. This filter cannot be changed.</Text>
              ) : null}
              {settings.direction !== 'qbo_to_hubspot' && objectType !== 'invoices' ? (
                <FiltersEditor scope={objectType} properties={fields.state.status === 'ready' ? fields.state.data.hubspot : null} title="Which HubSpot records go to QuickBooks" side="toQbo" groups={settings.filters.toQbo ?? []} onChange={(toQbo) => setSettings({ ...settings, filters: { ...settings.filters, toQbo } })} />
              ) : null}
              {settings.direction !== 'hubspot_to_qbo' ? (
                <FiltersEditor scope={objectType} properties={fields.state.status === 'ready' ? fields.state.data.qbo : null} title="Which QuickBooks records come to HubSpot" side="toHubSpot" groups={settings.filters.toHubSpot ?? []} onChange={(toHubSpot) => setSettings({ ...settings, filters: { ...settings.filters, toHubSpot } })} />
              ) : null}
            </>
          ) : null}
          {draft.saved ? <Text testId={`saved-${objectType}`}>Saved: its first sync has started.</Text> : null}
          <SectionProblems problems={draft.problems} testId={`problems-${objectType}`} />
        </Flex>
      )}
    </Accordion>
  );
}
