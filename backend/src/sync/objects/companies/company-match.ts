/**
 * How a HubSpot company and a QuickBooks customer are recognised as the same party (companies mode,
 * issue 16), after the stored link:
 * - by name: the company's name equals the customer's CompanyName or DisplayName (trimmed, runs of
 *   spaces collapsed, case-insensitive);
 * - by domain: the company's domain (else its website's host) equals the customer's website host or the
 *   domain of its e-mail address, ignoring "www." and free-mail domains (gmail.com … say nothing about a
 *   company). QuickBooks cannot search customers by website, so customers are found by e-mail domain
 *   and by name, and a found customer's website counts too.
 * One candidate matching by name and domain wins over others matching only one; otherwise the
 * candidates of either kind are the matches, and more than one fails the record with all of them named.
 */

/** The comparable form of a company or customer name; null when there is none. */
export function companyNameKey(name: unknown): string | null {
  if (typeof name !== 'string') return null;
  const key = name.trim().replace(/\s+/g, ' ').toLowerCase();
  return key === '' ? null : key;
}

/** Domains of mailbox providers: sharing one says nothing about being the same company. */
const FREE_MAIL_DOMAINS = new Set([
  'gmail.com', 'googlemail.com', 'yahoo.com', 'hotmail.com', 'outlook.com', 'live.com', 'msn.com', 'icloud.com', 'me.com',
  'aol.com', 'proton.me', 'protonmail.com', 'gmx.com', 'gmx.de', 'web.de', 'yandex.com', 'mail.com', 'zoho.com',
]);

function cleanDomain(host: string): string | null {
  const domain = host.trim().toLowerCase().replace(/^www\./, '').replace(/\.$/, '');
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(domain) || FREE_MAIL_DOMAINS.has(domain)) return null;
  return domain;
}

/** The domain of a website or bare domain ("https://www.acme.com/about", "acme.com"); null when none. */
export function domainOfWebsite(value: unknown): string | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  const text = value.trim();
  try {
    return cleanDomain(new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`).hostname);
  } catch {
    return null;
  }
}

/** The domain of an e-mail address; null when none or a free-mail domain. */
export function domainOfEmail(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const at = value.trim().lastIndexOf('@');
  return at < 0 ? null : cleanDomain(value.trim().slice(at + 1));
}

export interface MatchCandidate<T> {
  record: T;
  byName: boolean;
  byDomain: boolean;
}

/** The matches among the candidates, by the rule above; `idOf` removes the same record found twice. */
export function companyMatches<T>(candidates: ReadonlyArray<MatchCandidate<T>>, idOf: (record: T) => string): T[] {
  const merged = new Map<string, MatchCandidate<T>>();
  for (const c of candidates) {
    const id = idOf(c.record);
    const seen = merged.get(id);
    merged.set(id, seen ? { record: seen.record, byName: seen.byName || c.byName, byDomain: seen.byDomain || c.byDomain } : { ...c });
  }
  const all = [...merged.values()].filter((c) => c.byName || c.byDomain);
  const both = all.filter((c) => c.byName && c.byDomain);
  const chosen = both.length > 0 ? both : all;
  return chosen.map((c) => c.record).sort((a, b) => Number(idOf(a)) - Number(idOf(b)));
}

/** The matching key the engine groups and reports by: the name, else the domain. */
export function companyMatchKey(name: unknown, domain: string | null): string | null {
  return companyNameKey(name) ?? (domain ? `domain ${domain}` : null);
}
