/**
 * The few pages our backend shows a person (OAuth hand-offs and errors): small, accessible, branded,
 * no framework. Every interpolated value is HTML-escaped.
 */
export type PageTone = 'success' | 'error' | 'info';

export interface PageContent {
  title: string;
  heading: string;
  /** Paragraphs of plain text. */
  paragraphs: string[];
  tone: PageTone;
  /** Buttons/links, e.g. "Open the app settings in HubSpot". */
  actions?: Array<{ label: string; href: string }>;
  /** A stable code shown small, so support can tell which error a person saw. */
  code?: string;
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

const ICON: Record<PageTone, string> = { success: '✓', error: '!', info: 'i' };

export function renderPage(page: PageContent): string {
  const actions = (page.actions ?? [])
    .map((a, i) => `<a class="button${i === 0 ? ' primary' : ''}" href="${escapeHtml(a.href)}">${escapeHtml(a.label)}</a>`)
    .join('\n      ');
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(page.title)} · QuickBooks Sync for HubSpot</title>
  <style>
    :root { color-scheme: light; --ink: #213343; --muted: #516f90; --brand: #2ca01c; --accent: #ff7a59; --error: #d93f3f; }
    * { box-sizing: border-box; }
    body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #f5f8fa; }
    header { background: var(--ink); color: #fff; padding: 14px 24px; font-weight: 600; }
    header span { color: #9fe39a; }
    main { max-width: 560px; margin: 48px auto; background: #fff; border: 1px solid #dfe3eb; border-radius: 8px; padding: 32px; }
    .badge { width: 40px; height: 40px; border-radius: 50%; display: grid; place-items: center; color: #fff; font-weight: 700; }
    .success .badge { background: var(--brand); } .error .badge { background: var(--error); } .info .badge { background: var(--muted); }
    h1 { font-size: 1.5rem; margin: 16px 0 8px; }
    p { margin: 0 0 12px; }
    .actions { margin-top: 24px; display: flex; gap: 12px; flex-wrap: wrap; }
    .button { display: inline-block; padding: 10px 16px; border-radius: 4px; border: 1px solid var(--ink); color: var(--ink); text-decoration: none; font-weight: 600; }
    .button.primary { background: var(--accent); border-color: var(--accent); color: #fff; }
    .button:focus-visible { outline: 3px solid #0091ae; outline-offset: 2px; }
    .code { margin-top: 24px; color: var(--muted); font-size: .8rem; }
  </style>
</head>
<body>
  <header>QuickBooks Sync <span>for HubSpot</span></header>
  <main class="${page.tone}" role="${page.tone === 'error' ? 'alert' : 'main'}">
    <div class="badge" aria-hidden="true">${ICON[page.tone]}</div>
    <h1>${escapeHtml(page.heading)}</h1>
    ${page.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n    ')}
    ${actions ? `<div class="actions">\n      ${actions}\n    </div>` : ''}
    ${page.code ? `<p class="code">Reference: ${escapeHtml(page.code)}</p>` : ''}
  </main>
</body>
</html>`;
}
