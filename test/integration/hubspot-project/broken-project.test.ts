/**
 * The HubSpot check (npm run hubspot:check) is the judge of what HubSpot would accept, so it must
 * fail on what HubSpot refuses: a copy of our project with a second settings component and a card
 * importing from backend/ fails with each problem on its own line. (The real project passing is
 * `npm test`'s own `npm run hubspot:check` step.)
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { checkHubSpotProject } from '../../../backend/src/hubspot-project/check.ts';

const repo = path.resolve(import.meta.dirname, '../../..');
const copy = mkdtempSync(path.join(tmpdir(), 'broken-hubspot-project-'));
afterAll(() => rmSync(copy, { recursive: true, force: true }));

it('a second settings component and an import from backend/ fail the check, one line per error', async () => {
  cpSync(path.join(repo, 'hsproject.json'), path.join(copy, 'hsproject.json'));
  cpSync(path.join(repo, 'app'), path.join(copy, 'app'), { recursive: true, filter: (source) => !source.includes(`${path.sep}node_modules`) });
  // backend/ sits next to app/ as in the repository, so the import works locally, as it did before issue 11.
  cpSync(path.join(repo, 'backend/src/http/errors.ts'), path.join(copy, 'backend/src/http/errors.ts'));
  writeFileSync(
    path.join(copy, 'app/app/settings/second-settings-hsmeta.json'),
    JSON.stringify({ uid: 'second_settings', type: 'settings', config: { entrypoint: '/app/settings/SettingsPage.tsx' } }),
  );
  const card = path.join(copy, 'app/app/cards/PaymentDetailsCard.tsx');
  writeFileSync(card, `import { httpErrors } from '../../../backend/src/http/errors.ts';\n${readFileSync(card, 'utf8')}\nexport const notFound = httpErrors.notFound;\n`);

  const report = await checkHubSpotProject(copy);

  const errors = report.errors.join('\n');
  expect(errors).toContain('Only one settings component is allowed');
  expect(errors).toMatch(/app\/app\/cards\/PaymentDetailsCard\.tsx:1:1: Imports from outside "cards" will fail at build time\. Use npm workspaces to share code\. \(@hubspot\/ui-extensions\/no-parent-imports\)/);
  expect(errors).toMatch(/app\/app\/cards\/PaymentDetailsCard\.tsx: build of quickbooks_payment_details failed: .*backend\/src\/http\/errors\.ts/);
  // The other entry points still build: every problem is reported in one run.
  expect(report.builds.map((b) => b.uid).sort()).toEqual(['quickbooks_invoice_sync_status', 'quickbooks_sync_settings', 'second_settings']);
  for (const error of report.errors) expect(error).not.toMatch(/\n/);
}, 240_000);
