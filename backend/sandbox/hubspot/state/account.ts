/**
 * One HubSpot account (portal): its records, property definitions, associations, and the per-account
 * knobs tests turn (search lag, rate limits).
 */
import { AssociationStore } from '../associations/association-store.ts';
import { ObjectCollection } from '../objects/collection.ts';
import { OBJECT_TYPES, type ObjectType } from '../objects/object-types.ts';
import { defaultGroupName, defaultPropertyDefinitions } from '../properties/default-properties.ts';
import type { PropertyDefinition, PropertyGroup } from '../properties/property-types.ts';

export interface AccountLimits {
  /** Requests per rolling 10 s for OAuth apps (HubSpot: 110). null = unlimited. */
  tenSecondly: number | null;
  /** Search requests per second (HubSpot: 5). null = unlimited. */
  searchPerSecond: number | null;
}

export const DEFAULT_LIMITS: AccountLimits = { tenSecondly: 110, searchPerSecond: 5 };

/**
 * The default limits times `multiplier` (the documented benchmark knob VENDOR_LIMITS_MULTIPLIER: a
 * 100k-record run at real limits lasts hours, so it runs at e.g. ×10 and reports its ratio to the
 * bound under those limits). 1 — the real limits — unless a benchmark or test asks otherwise.
 */
export function scaledLimits(multiplier: number): AccountLimits {
  return { tenSecondly: Math.round((DEFAULT_LIMITS.tenSecondly ?? 110) * multiplier), searchPerSecond: Math.round((DEFAULT_LIMITS.searchPerSecond ?? 5) * multiplier) };
}

/**
 * Search indexes writes asynchronously: "new/updated records appear with a delay" (hubspot-platform.md
 * §5.5, hubspot-api-php#59 "Search API delay after insert"). HubSpot gives no figure; a few seconds is
 * what integrators report, so 5 s by default. Tests may lower it on purpose (control API).
 */
export const DEFAULT_SEARCH_LAG_MS = 5_000;

export class HubSpotAccount {
  readonly collections = new Map<ObjectType, ObjectCollection>();
  readonly properties = new Map<ObjectType, Map<string, PropertyDefinition>>();
  readonly groups = new Map<ObjectType, Map<string, PropertyGroup>>();
  readonly associations = new AssociationStore();
  readonly installedApps = new Set<number>();
  limits: AccountLimits = { ...DEFAULT_LIMITS };
  /** Delay before a write becomes visible to search (HubSpot indexes asynchronously); reads by id are immediate. */
  searchLagMs = DEFAULT_SEARCH_LAG_MS;
  private lastId = 0;

  constructor(
    readonly portalId: number,
    readonly hubDomain: string,
  ) {
    for (const type of OBJECT_TYPES) {
      this.collections.set(type, new ObjectCollection(type));
      this.properties.set(type, new Map(defaultPropertyDefinitions(type).map((d) => [d.name, d])));
      const group = defaultGroupName(type);
      this.groups.set(type, new Map([[group, { name: group, label: `${type} information`, displayOrder: -1, archived: false }]]));
    }
    // Distinct id ranges per account make cross-account id mix-ups visible.
    this.lastId = (portalId % 1000) * 1_000_000;
  }

  collection(type: ObjectType): ObjectCollection {
    return this.collections.get(type) as ObjectCollection;
  }

  propertyDefs(type: ObjectType): Map<string, PropertyDefinition> {
    return this.properties.get(type) as Map<string, PropertyDefinition>;
  }

  propertyGroups(type: ObjectType): Map<string, PropertyGroup> {
    return this.groups.get(type) as Map<string, PropertyGroup>;
  }

  /** Ids are unique across all types of the account, so a contact id never resolves as a company. */
  nextId(): string {
    this.lastId += 1;
    return String(this.lastId);
  }
}
