/**
 * Emulator state to JSON and back, generically: the state stores are walked as they are (Maps, Sets,
 * Dates, bigints, arrays, plain records, the store classes), so whatever an entity type or a store
 * adds — a new QuickBooks entity in a company's collections, a new index — is saved without being
 * listed here. Shared references stay shared (a record in both a Map and an ordered list, the clock
 * every company points to). Functions are wiring, not state: they are not saved, and a restore keeps
 * the ones the fresh instance was built with.
 *
 * Store classes are revived with their prototype from the registry below (a class is found by name);
 * saving an instance of a class that is not registered throws, naming it, so a new store class fails
 * the round-trip test (test/sandbox/persistence.test.ts) instead of coming back as a plain object.
 */
type Encoded = null | boolean | number | string | Encoded[] | { [key: string]: Encoded };

export type ClassRegistry = ReadonlyMap<string, { prototype: object }>;

export function classRegistry(classes: Array<{ name: string; prototype: object }>): ClassRegistry {
  return new Map(classes.map((c) => [c.name, c]));
}

export interface SnapshotOptions {
  classes: ClassRegistry;
  /** Own properties of the root that are not state (call logs, fault settings): the fresh instance's are kept. */
  transient?: readonly string[];
}

const isPlain = (value: object) => {
  const proto = Object.getPrototypeOf(value) as object | null;
  return proto === Object.prototype || proto === null;
};

export function toSnapshot(root: object, options: SnapshotOptions): Encoded {
  const ids = new Map<object, number>();
  const encode = (value: unknown, at: string): Encoded | undefined => {
    if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
    if (typeof value === 'number') return Number.isFinite(value) ? value : { $num: String(value) };
    if (typeof value === 'undefined') return { $undefined: true };
    if (typeof value === 'bigint') return { $bigint: value.toString() };
    if (typeof value === 'function') return undefined;
    if (typeof value !== 'object') throw new Error(`sandbox state at ${at} holds a ${typeof value}, which cannot be saved`);
    const seen = ids.get(value);
    if (seen !== undefined) return { $ref: seen };
    const id = ids.size;
    ids.set(value, id);
    if (value instanceof Date) return { $id: id, $type: 'Date', value: value.getTime() };
    if (value instanceof Map) return { $id: id, $type: 'Map', entries: [...value].map(([k, v], i) => [encode(k, `${at}<key ${i}>`) ?? null, encodeItem(v, `${at}.get(${String(k)})`)]) };
    if (value instanceof Set) return { $id: id, $type: 'Set', values: [...value].map((v, i) => encodeItem(v, `${at}<${i}>`)) };
    if (Array.isArray(value)) return { $id: id, $type: 'Array', items: value.map((v, i) => encodeItem(v, `${at}[${i}]`)) };
    let type = 'Object';
    if (!isPlain(value)) {
      type = (value.constructor as { name?: string } | undefined)?.name ?? '?';
      if (options.classes.get(type)?.prototype !== Object.getPrototypeOf(value)) {
        throw new Error(`sandbox state at ${at} is a ${type}, a class not registered for persistence: add it to the registry in backend/sandbox/persistence/`);
      }
    }
    return { $id: id, $type: type, props: encodeProps(value, at) };
  };
  const encodeItem = (value: unknown, at: string): Encoded => {
    const encoded = encode(value, at);
    if (encoded === undefined) throw new Error(`sandbox state at ${at} is a function inside a collection, which cannot be saved`);
    return encoded;
  };
  const encodeProps = (value: object, at: string, skip: readonly string[] = []): { [key: string]: Encoded } => {
    const props: { [key: string]: Encoded } = {};
    for (const [key, v] of Object.entries(value)) {
      if (skip.includes(key)) continue;
      const encoded = encode(v, `${at}.${key}`);
      if (encoded !== undefined) props[key] = encoded;
    }
    return props;
  };
  ids.set(root, -1);
  return { $root: true, props: encodeProps(root, 'state', options.transient ?? []) };
}

/** Puts the saved state back into `root`, a freshly built instance of the same store (its wiring stays). */
export function restoreSnapshot<T extends object>(root: T, snapshot: unknown, options: SnapshotOptions): T {
  const objects = new Map<number, unknown>([[-1, root]]);
  const decode = (value: Encoded): unknown => {
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) throw new Error('malformed sandbox snapshot: a bare array');
    if ('$ref' in value) {
      if (!objects.has(value.$ref as number)) throw new Error(`malformed sandbox snapshot: reference ${JSON.stringify(value.$ref)} before its object`);
      return objects.get(value.$ref as number);
    }
    if ('$num' in value) return Number(value.$num);
    if ('$undefined' in value) return undefined;
    if ('$bigint' in value) return BigInt(value.$bigint as string);
    const id = value.$id as number;
    switch (value.$type) {
      case 'Date': {
        const date = new Date(value.value as number);
        objects.set(id, date);
        return date;
      }
      case 'Map': {
        const map = new Map<unknown, unknown>();
        objects.set(id, map);
        for (const [k, v] of value.entries as Array<[Encoded, Encoded]>) map.set(decode(k), decode(v));
        return map;
      }
      case 'Set': {
        const set = new Set<unknown>();
        objects.set(id, set);
        for (const v of value.values as Encoded[]) set.add(decode(v));
        return set;
      }
      case 'Array': {
        const array: unknown[] = [];
        objects.set(id, array);
        for (const v of value.items as Encoded[]) array.push(decode(v));
        return array;
      }
      default: {
        const type = value.$type as string;
        const cls = type === 'Object' ? undefined : options.classes.get(type);
        if (type !== 'Object' && !cls) throw new Error(`the saved sandbox state holds a ${type}, which this build does not know`);
        const object = Object.create(cls?.prototype ?? Object.prototype) as Record<string, unknown>;
        objects.set(id, object);
        for (const [key, v] of Object.entries(value.props as Record<string, Encoded>)) object[key] = decode(v);
        return object;
      }
    }
  };
  const saved = snapshot as { $root?: boolean; props?: Record<string, Encoded> };
  if (!saved.$root || !saved.props) throw new Error('malformed sandbox snapshot: no root');
  const target = root as Record<string, unknown>;
  for (const [key, v] of Object.entries(saved.props)) {
    if (options.transient?.includes(key) || typeof target[key] === 'function') continue;
    target[key] = decode(v);
  }
  return root;
}
