/** What a catalogue knows about one field of one side: how to name it, what it holds, whether we may write it. */
import type { FieldKind } from '../types.ts';

export interface FieldInfo {
  /** The label the admin sees in HubSpot or QuickBooks. */
  label: string;
  kind: FieldKind;
  /** Computed by the vendor (or by us): never written, whatever the mapping's direction. */
  readOnly?: boolean;
  /** A property of an associated record (`invoice:…`, R9): it can be filtered on, never mapped. */
  filterOnly?: boolean;
}

/** Fields of one object on one side, by HubSpot property name or QBO dotted path. */
export type FieldCatalogue = Readonly<Record<string, FieldInfo>>;

/** A custom HubSpot property, as the engine reads it from the properties API (kind via fieldKindOfHubSpotProperty). */
export interface HubSpotPropertyInfo {
  name: string;
  label?: string;
  kind: FieldKind;
  readOnly?: boolean;
}

/** The built-in catalogue plus the account's custom properties; built-in names win (HubSpot reserves them). */
export function withCustomProperties(builtIn: FieldCatalogue, custom: readonly HubSpotPropertyInfo[] = []): FieldCatalogue {
  const extra: Record<string, FieldInfo> = {};
  for (const p of custom) extra[p.name] = { label: p.label ?? p.name, kind: p.kind, ...(p.readOnly ? { readOnly: true } : {}) };
  return { ...extra, ...builtIn };
}
