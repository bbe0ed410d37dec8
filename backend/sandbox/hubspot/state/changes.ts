/** A change to CRM data, produced by every write (API or control API) and turned into webhook events. */
import type { ObjectType } from '../objects/object-types.ts';

/** Who made the change, as HubSpot reports it in webhook payloads (`changeSource`, `sourceId`). */
export interface ChangeSource {
  changeSource: 'INTEGRATION' | 'CRM_UI' | 'IMPORT' | 'API';
  sourceId: string;
  /** The app whose token made the call, when it was an app. */
  appId?: number;
}

export type ChangeKind = 'creation' | 'propertyChange' | 'deletion' | 'privacyDeletion' | 'associationChange' | 'restore' | 'merge';

export interface CrmChange {
  kind: ChangeKind;
  objectType: ObjectType;
  objectId: string;
  occurredAt: number;
  source: ChangeSource;
  propertyName?: string;
  propertyValue?: string;
  merge?: { primaryObjectId: string; mergedObjectIds: string[]; newObjectId: string; numberOfPropertiesMoved: number };
  association?: {
    associationType: string;
    fromObjectId: string;
    toObjectId: string;
    associationRemoved: boolean;
    isPrimaryAssociation: boolean;
  };
}

export type ChangeListener = (portalId: number, change: CrmChange) => void;

export const CONTROL_SOURCE: ChangeSource = { changeSource: 'CRM_UI', sourceId: 'userId:1' };
