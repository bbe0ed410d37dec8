/** Reading and writing dotted paths ("BillAddr.City") in QBO entities. */

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function getPath(source: Record<string, unknown>, path: string): unknown {
  let current: unknown = source;
  for (const key of path.split('.')) {
    if (!isPlainObject(current)) return undefined;
    current = current[key];
  }
  return current;
}

/**
 * Sets `path` in `target`, creating the objects on the way. An object created on the way starts as a copy
 * of the same object in `base` (the current entity): QBO's sparse update replaces a nested object such as
 * BillAddr whole, so writing only BillAddr.City would erase the street.
 */
export function setPath(target: Record<string, unknown>, path: string, value: unknown, base?: Record<string, unknown>): void {
  const keys = path.split('.');
  const last = keys.pop();
  if (last === undefined) return;
  let node = target;
  let baseNode: unknown = base;
  for (const key of keys) {
    baseNode = isPlainObject(baseNode) ? baseNode[key] : undefined;
    const existing = node[key];
    if (!isPlainObject(existing)) node[key] = isPlainObject(baseNode) ? structuredClone(baseNode) : {};
    node = node[key] as Record<string, unknown>;
  }
  node[last] = value;
}
