/**
 * One QBO company (realm): its entities, the indexes QBO's uniqueness rules need, deleted stubs for
 * CDC, and the requestid replay cache. Entity logic lives in ../entities; this is only storage.
 */
import { qboDateTime, type Clock } from '../core/clock.ts';
import type {
  ChangeOperation,
  CompanySettings,
  DeletedStub,
  EntityChange,
  EntityName,
  QboEntity,
  StoredResponse,
} from './types.ts';

/** How many requestid responses a realm remembers at most (besides the time window). */
const REQUEST_ID_CACHE_SIZE = 50_000;
/**
 * QBO documents no retention window for `requestid` and its de-duplication is reported to fail
 * (reference §6): the emulator replays for 5 minutes of its clock only, the strictest plausible reading.
 */
export const DEFAULT_REQUEST_ID_WINDOW_MS = 5 * 60_000;

/** Entities whose unique name is DisplayName (one namespace for the three, see entities/party-name.ts) or Name. */
const DISPLAY_NAMED: readonly EntityName[] = ['Customer', 'Vendor', 'Employee'];
const NAMED: readonly EntityName[] = ['Item', 'Account', 'Term', 'Class', 'Department'];

export class Company {
  private readonly collections = new Map<EntityName, Map<string, QboEntity>>();
  private readonly nextIds = new Map<EntityName, number>();
  /** Lower-cased unique names per entity (Customer/Vendor/Employee DisplayName; Item/Account/Term/Class/Department Name). */
  private readonly names = new Map<EntityName, Map<string, string>>();
  readonly deleted: DeletedStub[] = [];
  /** Invoice DocNumber (lower-cased) → Id, for the duplicate-number rule. */
  readonly invoiceDocNumbers = new Map<string, string>();
  /** Transactions voided (`Entity:Id`): a void is final, a second one is refused. */
  readonly voided = new Set<string>();
  /** Last auto-assigned invoice number (QBO starts sequences at 1001). */
  lastAutoDocNumber = 1000;
  private readonly requestIds = new Map<string, StoredResponse>();
  onChange: (change: EntityChange) => void = () => undefined;
  /** While a batch runs: the first Id allocated during it, per entity (see beginBatch). */
  private batchFloor: Map<EntityName, number> | undefined;

  constructor(
    readonly settings: CompanySettings,
    readonly clock: Clock,
  ) {}

  get realmId(): string {
    return this.settings.realmId;
  }

  collection(entity: EntityName): Map<string, QboEntity> {
    let map = this.collections.get(entity);
    if (!map) {
      map = new Map();
      this.collections.set(entity, map);
    }
    return map;
  }

  get(entity: EntityName, id: string): QboEntity | undefined {
    return this.collection(entity).get(id);
  }

  allocateId(entity: EntityName): string {
    const next = this.nextIds.get(entity) ?? 1;
    this.nextIds.set(entity, next + 1);
    return String(next);
  }

  /**
   * Batch items run serially but do not see entities created by earlier items of the same batch
   * (Intuit's batch guidance), so references to those are treated as unknown until the batch ends.
   */
  beginBatch(): void {
    this.batchFloor = new Map([...this.nextIds].filter(([e]) => e !== 'Preferences' && e !== 'CompanyInfo'));
    for (const e of ['Customer', 'Vendor', 'Employee', 'Item', 'Invoice', 'Payment', 'CreditMemo', 'Estimate', 'Account', 'Term', 'Class', 'Department'] as const) {
      if (!this.batchFloor.has(e)) this.batchFloor.set(e, 1);
    }
  }

  endBatch(): void {
    this.batchFloor = undefined;
  }

  /** The record as the current request may see it (hidden if created earlier in the same batch). */
  visible(entity: EntityName, id: string): QboEntity | undefined {
    const floor = this.batchFloor?.get(entity);
    if (floor !== undefined && Number(id) >= floor) return undefined;
    return this.get(entity, id);
  }

  nowMs(): number {
    return this.clock.now();
  }

  now(): string {
    return qboDateTime(this.clock.now());
  }

  /** Inserts or replaces an entity, keeping the unique-name index in step. */
  put(entity: EntityName, record: QboEntity, uniqueName?: string): void {
    const previous = this.collection(entity).get(record.Id);
    const index = this.nameIndex(entity);
    const previousName = previous ? this.uniqueNameOf(entity, previous) : undefined;
    if (previousName !== undefined) index.delete(previousName.toLowerCase());
    const name = uniqueName ?? this.uniqueNameOf(entity, record);
    if (name !== undefined) index.set(name.toLowerCase(), record.Id);
    this.collection(entity).set(record.Id, record);
  }

  remove(entity: EntityName, id: string): void {
    const previous = this.collection(entity).get(id);
    if (!previous) return;
    const name = this.uniqueNameOf(entity, previous);
    if (name !== undefined) this.nameIndex(entity).delete(name.toLowerCase());
    this.collection(entity).delete(id);
    this.deleted.push({ entity, Id: id, at: this.clock.now() });
  }

  /** Id of the entity holding this unique name (case-insensitive), if any. */
  idByName(entity: EntityName, name: string): string | undefined {
    return this.nameIndex(entity).get(name.toLowerCase());
  }

  emit(entity: EntityName, id: string, operation: ChangeOperation): void {
    this.onChange({ realmId: this.realmId, entity, id, operation, at: this.clock.now() });
  }

  /** The stored first response for this id while it is inside the replay window. */
  recallRequest(requestId: string): StoredResponse | undefined {
    const stored = this.requestIds.get(requestId);
    if (!stored) return undefined;
    if (this.clock.now() - (stored.at ?? 0) >= (this.settings.requestIdWindowMs ?? DEFAULT_REQUEST_ID_WINDOW_MS)) {
      this.requestIds.delete(requestId);
      return undefined;
    }
    return stored;
  }

  rememberRequest(requestId: string, response: StoredResponse): void {
    if (this.requestIds.size >= REQUEST_ID_CACHE_SIZE) {
      const oldest = this.requestIds.keys().next().value;
      if (oldest !== undefined) this.requestIds.delete(oldest);
    }
    this.requestIds.delete(requestId);
    this.requestIds.set(requestId, { ...response, at: this.clock.now() });
  }

  private nameIndex(entity: EntityName): Map<string, string> {
    let map = this.names.get(entity);
    if (!map) {
      map = new Map();
      this.names.set(entity, map);
    }
    return map;
  }

  private uniqueNameOf(entity: EntityName, record: QboEntity): string | undefined {
    const field = DISPLAY_NAMED.includes(entity) ? 'DisplayName' : NAMED.includes(entity) ? 'Name' : undefined;
    if (!field) return undefined;
    const value = record[field];
    return typeof value === 'string' ? value : undefined;
  }
}
