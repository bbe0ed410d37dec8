/** `npm run hubspot:webhooks`: writes the subscriptions the sync needs into app/app/webhooks/webhooks-hsmeta.json (keeps its settings and hub events). */
import { readFileSync, writeFileSync } from 'node:fs';
import { requiredWebhookSubscriptions } from '../hubspot-project/webhook-subscriptions.ts';

const file = new URL('../../../app/app/webhooks/webhooks-hsmeta.json', import.meta.url);
const meta = JSON.parse(readFileSync(file, 'utf8')) as { config: { subscriptions: { crmObjects: unknown[] } } };
meta.config.subscriptions.crmObjects = requiredWebhookSubscriptions();
// One subscription a line, as the file has always been laid out.
const lines = requiredWebhookSubscriptions().map((s) => `        ${JSON.stringify(s).replace(/":/g, '": ').replace(/,"/g, ', "').replace(/^\{/, '{ ').replace(/\}$/, ' }')}`);
const text = JSON.stringify(meta, null, 2).replace(/"crmObjects": \[[\s\S]*?\n {6}\]/, `"crmObjects": [\n${lines.join(',\n')}\n      ]`);
writeFileSync(file, `${text}\n`);
console.log(`webhooks-hsmeta.json: ${meta.config.subscriptions.crmObjects.length} CRM object subscriptions`);
