/**
 * R14: the DisplayName of a customer created from a HubSpot contact.
 *
 * QBO refuses ':' in names (it separates parent and child in FullyQualifiedName, error "can not contain a
 * colon") and, per Intuit's reference as commonly quoted, tabs and new lines; DisplayName is limited to 500
 * characters (the emulator enforces both). So we replace colons by " - ", turn control characters into
 * spaces, collapse runs of spaces and cut at 500 characters rather than fail the record.
 */
export const QBO_DISPLAY_NAME_MAX = 500;

export function sanitiseQboName(name: string): string {
  const cleaned = name
    .replace(/\s*:\s*/g, ' - ')
    // eslint-disable-next-line no-control-regex -- control characters are exactly what QBO refuses
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  // Cut on code points so an emoji or accented letter is never split in half.
  return Array.from(cleaned).slice(0, QBO_DISPLAY_NAME_MAX).join('').trim();
}

export interface DisplayNameSource {
  primaryCompanyName?: string | null;
  firstname?: string | null;
  lastname?: string | null;
  email?: string | null;
}

/** Company name, else "first last" (either alone if only one is known), else the email; null when none. */
export function displayNameForContact(source: DisplayNameSource): string | null {
  const company = sanitiseQboName(source.primaryCompanyName ?? '');
  if (company !== '') return company;
  const person = sanitiseQboName([source.firstname ?? '', source.lastname ?? ''].join(' '));
  if (person !== '') return person;
  const email = sanitiseQboName(source.email ?? '');
  return email === '' ? null : email;
}

export interface DisplayNameCandidatesSource extends DisplayNameSource {
  hubspotId: string;
}

/**
 * The names the opt-in display-name policy tries, in order, after R14's name clashed: "Company — First
 * Last" (when the contact has both), then that (or R14's) name with the contact's HubSpot record id.
 * Never random, so a retry or a second worker tries exactly the same names.
 */
export function alternativeDisplayNames(source: DisplayNameCandidatesSource): string[] {
  const r14 = displayNameForContact(source);
  const company = sanitiseQboName(source.primaryCompanyName ?? '');
  const person = sanitiseQboName([source.firstname ?? '', source.lastname ?? ''].join(' '));
  const withPerson = company !== '' && person !== '' ? sanitiseQboName(`${company} — ${person}`) : null;
  const base = withPerson ?? r14 ?? source.hubspotId;
  const suffix = ` (${source.hubspotId})`;
  const withId = `${Array.from(base).slice(0, QBO_DISPLAY_NAME_MAX - suffix.length).join('').trim()}${suffix}`;
  return [...new Set([withPerson, withId].filter((n): n is string => n !== null && n !== r14))];
}
