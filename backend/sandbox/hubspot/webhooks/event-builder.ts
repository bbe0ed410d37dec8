/**
 * Turns CRM changes into webhook events for each installed app whose subscriptions match, in HubSpot's
 * payload format (legacy `contact.creation` style and generic `object.creation` with objectTypeId).
 * Changes made by the app itself are delivered too: HubSpot does not filter echoes; `changeSource`
 * and `sourceId` (the app id for API writes) are what an app uses to recognise its own writes.
 */
import { OBJECT_TYPE_INFO, lookupObjectType } from '../objects/object-types.ts';
import type { RegisteredApp, WebhookSubscription } from '../state/apps.ts';
import type { ChangeKind, CrmChange } from '../state/changes.ts';

export interface WebhookEvent {
  eventId: number;
  subscriptionId: number;
  portalId: number;
  appId: number;
  occurredAt: number;
  subscriptionType: string;
  attemptNumber: number;
  objectId?: number;
  objectTypeId?: string;
  propertyName?: string;
  propertyValue?: string;
  changeSource: string;
  sourceId: string;
  changeFlag?: string;
  associationType?: string;
  fromObjectId?: number;
  toObjectId?: number;
  associationRemoved?: boolean;
  isPrimaryAssociation?: boolean;
  action?: string;
  primaryObjectId?: number;
  mergedObjectIds?: number[];
  newObjectId?: number;
  numberOfPropertiesMoved?: number;
}

const CHANGE_FLAG: Partial<Record<ChangeKind, string>> = { creation: 'NEW', deletion: 'DELETED', privacyDeletion: 'DELETED', restore: 'RESTORED' };

function matches(sub: WebhookSubscription, change: CrmChange, kind: ChangeKind): boolean {
  if (!sub.active) return false;
  const singular = OBJECT_TYPE_INFO[change.objectType].singular;
  const [prefix, action] = sub.subscriptionType.split('.');
  if (action !== kind) return false;
  if (prefix === 'object') {
    if (!sub.objectType || lookupObjectType(sub.objectType) !== change.objectType) return false;
  } else if (prefix !== singular) return false;
  if (kind === 'propertyChange') return sub.propertyName === change.propertyName;
  return true;
}

export function buildEvents(app: RegisteredApp, portalId: number, change: CrmChange, nextEventId: () => number): WebhookEvent[] {
  // A GDPR delete is both a deletion and a privacy deletion.
  const kinds: ChangeKind[] = change.kind === 'privacyDeletion' ? ['deletion', 'privacyDeletion'] : [change.kind];
  const events: WebhookEvent[] = [];
  for (const kind of kinds) {
    for (const sub of app.webhooks.subscriptions) {
      if (!matches(sub, change, kind)) continue;
      const event: WebhookEvent = {
        eventId: nextEventId(), subscriptionId: sub.id, portalId, appId: app.appId, occurredAt: change.occurredAt,
        subscriptionType: sub.subscriptionType, attemptNumber: 0, changeSource: change.source.changeSource, sourceId: change.source.sourceId,
      };
      if (change.merge) {
        const m = change.merge;
        Object.assign(event, { primaryObjectId: Number(m.primaryObjectId), mergedObjectIds: m.mergedObjectIds.map(Number), newObjectId: Number(m.newObjectId), numberOfPropertiesMoved: m.numberOfPropertiesMoved });
      }
      if (change.association) {
        const a = change.association;
        Object.assign(event, { associationType: a.associationType, fromObjectId: Number(a.fromObjectId), toObjectId: Number(a.toObjectId), associationRemoved: a.associationRemoved, isPrimaryAssociation: a.isPrimaryAssociation });
      } else {
        event.objectId = Number(change.objectId);
      }
      if (sub.subscriptionType.startsWith('object.')) event.objectTypeId = OBJECT_TYPE_INFO[change.objectType].objectTypeId;
      if (kind === 'propertyChange') {
        event.propertyName = change.propertyName;
        event.propertyValue = change.propertyValue ?? '';
      }
      const flag = CHANGE_FLAG[kind];
      if (flag) event.changeFlag = flag;
      events.push(event);
    }
  }
  return events;
}
