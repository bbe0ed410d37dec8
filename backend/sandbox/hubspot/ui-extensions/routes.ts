/**
 * The emulator's HubSpot UI: CRM and app pages that host our UI extensions, the scripts they run (host and
 * per-extension workers, built from the uploaded project), and the platform services an extension reaches
 * through its host (`hubspot.fetch`'s signing proxy, CRM associations for `useAssociations`).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import express, { Router, type Response } from 'express';
import { z } from 'zod';
import { lookupObjectType } from '../objects/object-types.ts';
import type { HubSpotSandboxState } from '../state/sandbox-state.ts';
import { ExtensionHost } from './extension-host.ts';
import { FetchProxyError } from './fetch-proxy.ts';
import { appSettingsPage, connectedAppsPage } from './pages/app-pages.ts';
import { page } from './pages/layout.ts';
import { listPage, recordPage } from './pages/record-pages.ts';

const STYLES = fileURLToPath(new URL('./host/styles.css', import.meta.url));
const FONT = createRequire(import.meta.url).resolve('@fontsource-variable/lexend-deca/files/lexend-deca-latin-wght-normal.woff2');

const fetchRequest = z.object({
  session: z.string(),
  url: z.string(),
  options: z.object({ method: z.string().optional(), timeout: z.number().optional(), body: z.unknown().optional(), headers: z.record(z.string(), z.string()).optional() }).strict().default({}),
});
const associationsRequest = z.object({
  session: z.string(),
  toObjectType: z.string(),
  properties: z.array(z.string()).optional(),
  pageLength: z.number().int().min(1).max(100).optional(),
  offset: z.number().int().min(0).optional(),
});

const refuse = (res: Response, status: number, category: string, message: string) => res.status(status).json({ error: { category, message } });

export function uiExtensionRoutes(state: HubSpotSandboxState): Router {
  const host = new ExtensionHost(state);
  const router = Router();
  const json = express.json({ limit: '2mb' });
  const sendHtml = (res: Response, result: { status: number; html: string }) => res.status(result.status).type('html').send(result.html);
  const accountOf = (raw: string) => state.account(Number(raw));

  router.get('/favicon.ico', (_req, res) => void res.status(204).end());
  router.get('/_hubspot/ui-extensions/host.css', (_req, res) => {
    res.type('css').send(readFileSync(STYLES, 'utf8'));
  });
  router.get('/_hubspot/ui-extensions/fonts/lexend-deca.woff2', (_req, res) => {
    res.type('font/woff2').set('cache-control', 'max-age=86400').send(readFileSync(FONT));
  });
  router.get('/_hubspot/ui-extensions/host.js', async (_req, res) => {
    res.type('js').send(await host.bundler.host());
  });
  router.get('/_hubspot/ui-extensions/workers/:appId/:file', async (req, res) => {
    const app = state.apps.get(Number(req.params.appId));
    const uid = req.params.file.replace(/\.js$/, '');
    const extension = app ? host.project(app)?.extensions.find((e) => e.uid === uid) : undefined;
    if (!extension) return void res.status(404).type('js').send(`throw new Error(${JSON.stringify(`No UI extension ${uid} in app ${req.params.appId}`)});`);
    res.type('js').send(await host.bundler.worker(extension.entrypoint));
  });

  router.post('/_hubspot/ui-extensions/fetch', json, async (req, res) => {
    const parsed = fetchRequest.safeParse(req.body);
    if (!parsed.success) return void refuse(res, 400, 'VALIDATION_ERROR', `hubspot.fetch: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
    const session = host.session(parsed.data.session);
    const app = session ? state.apps.get(session.appId) : undefined;
    if (!session || !app) return void refuse(res, 401, 'INVALID_AUTHENTICATION', 'This page has expired: reload it.');
    if (!state.account(session.portalId)?.installedApps.has(app.appId)) return void refuse(res, 403, 'FORBIDDEN', 'The app is not installed in this account any more.');
    const project = host.project(app);
    try {
      const response = await host.fetchProxy.send(
        { appId: app.appId, clientSecret: app.clientSecret, permittedOrigins: project?.permittedFetchOrigins ?? [], localProxy: app.project?.localProxy ?? {} },
        session.portalId,
        parsed.data.url,
        parsed.data.options,
      );
      res.json({ response });
    } catch (error) {
      if (error instanceof FetchProxyError) return void refuse(res, error.category === 'GATEWAY_TIMEOUT' ? 504 : error.category === 'BAD_GATEWAY' ? 502 : 400, error.category, error.message);
      throw error;
    }
  });

  router.post('/_hubspot/ui-extensions/associations', json, (req, res) => {
    const parsed = associationsRequest.safeParse(req.body);
    if (!parsed.success) return void refuse(res, 400, 'VALIDATION_ERROR', parsed.error.message);
    const session = host.session(parsed.data.session);
    const account = session ? state.account(session.portalId) : undefined;
    if (!session || !account) return void refuse(res, 401, 'INVALID_AUTHENTICATION', 'This page has expired: reload it.');
    const toType = lookupObjectType(parsed.data.toObjectType);
    const body = (data: unknown) => ({ status: 200, statusText: 'OK', headers: { 'content-type': 'application/json' }, body: JSON.stringify(data) });
    if (!session.record) return void res.json({ response: body({ error: 'useAssociations is only available on CRM record pages' }) });
    if (!toType) return void res.json({ response: body({ error: `Unknown object type ${parsed.data.toObjectType}` }) });
    const links = account.associations.list(session.record.objectType, session.record.objectId, toType);
    const offset = parsed.data.offset ?? 0;
    const pageLength = parsed.data.pageLength ?? 10;
    const results = links.slice(offset, offset + pageLength).map((link) => {
      const target = account.collection(toType).get(link.toId);
      return {
        toObjectId: Number(link.toId),
        associationTypes: link.typeIds.map((typeId) => {
          const def = account.associations.typeDef(session.record!.objectType, toType, typeId);
          return { category: def?.category ?? 'HUBSPOT_DEFINED', typeId, label: def?.label ?? null };
        }),
        properties: Object.fromEntries((parsed.data.properties ?? []).map((p) => [p, target?.properties.get(p) ?? null])),
      };
    });
    res.json({ response: body({ data: { results, hasMore: offset + pageLength < links.length, nextOffset: offset + results.length } }) });
  });

  router.get('/integrations-settings/:portalId/installed', (req, res) => {
    const account = accountOf(req.params.portalId);
    if (!account) return void res.status(404).type('html').send(page({ title: 'Account not found', account, body: '<div class="hs-panel"><h1>No such account</h1></div>' }));
    res.type('html').send(connectedAppsPage(host, account));
  });
  router.get('/integrations-settings/:portalId/installed/framework/:appId/general-settings', (req, res) => {
    const app = state.apps.get(Number(req.params.appId));
    sendHtml(res, appSettingsPage(host, accountOf(req.params.portalId), app, req.params.portalId));
  });
  router.get('/contacts/:portalId/record/:objectTypeId/:objectId', (req, res) => {
    const account = accountOf(req.params.portalId);
    if (!account) return void res.status(404).type('html').send(page({ title: 'Account not found', account, body: '<div class="hs-panel"><h1>No such account</h1></div>' }));
    sendHtml(res, recordPage(host, account, req.params.objectTypeId, req.params.objectId));
  });
  router.get('/contacts/:portalId/objects/:objectTypeId/views/all/list', (req, res) => {
    const account = accountOf(req.params.portalId);
    if (!account) return void res.status(404).type('html').send(page({ title: 'Account not found', account, body: '<div class="hs-panel"><h1>No such account</h1></div>' }));
    sendHtml(res, listPage(account, req.params.objectTypeId, Number(req.query.page ?? 1) || 1));
  });
  return router;
}
