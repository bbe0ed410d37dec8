/**
 * QBO query language values. Strings are single-quoted with `'` escaped as `\'` (and `\` as `\\`),
 * so a name like O'Brien & Sons can never break out of its literal.
 */
export function qboString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** Entity and field names are identifiers, never user input: only letters, digits, dots. */
export function qboIdentifier(name: string): string {
  if (!/^[A-Za-z][A-Za-z0-9.]*$/.test(name)) throw new Error(`not a QBO identifier: ${name}`);
  return name;
}
