/**
 * Control API data routes: seed records, read raw state, and write records "as a HubSpot user"
 * (changeSource CRM_UI) so tests can simulate edits made in HubSpot's UI, which trigger webhooks.
 */
import { Router } from 'express';
import { z } from 'zod';
import { associate, resolveTypeDefs } from '../associations/associate.ts';
import { notFound } from '../http/errors.ts';
import { param, parseInput, queryBool, queryString } from '../http/parse.ts';
import { applyArchive, applyCreate, applyRestore, applyUpdate, planWrite, type WriteContext } from '../objects/object-writes.ts';
import { mergeRecords } from '../objects/merge.ts';
import { propertiesSchema } from '../objects/schemas.ts';
import { CONTROL_SOURCE } from '../state/changes.ts';
import type { HubSpotSandboxState } from '../state/sandbox-state.ts';
import { accountOf } from './control-routes.ts';
import { objectTypeSchema, seedSchema } from './control-schemas.ts';
import { seedObjects } from './seed.ts';

export function controlDataRoutes(state: HubSpotSandboxState): Router {
  const router = Router();
  const ctxFor = (raw: string | string[] | undefined): WriteContext => ({ state, account: accountOf(state, raw), source: CONTROL_SOURCE });

  router.post('/accounts/:portalId/seed', (req, res) => {
    const ctx = ctxFor(req.params.portalId);
    const input = parseInput(seedSchema, req.body ?? {});
    const started = performance.now();
    const result = seedObjects(ctx, input.objectType, input.count, input.seed);
    res.status(201).json({ ...result, elapsedMs: Math.round(performance.now() - started) });
  });

  router.get('/accounts/:portalId/objects/:objectType', (req, res) => {
    const account = accountOf(state, req.params.portalId);
    const type = parseInput(objectTypeSchema, param(req.params.objectType));
    const offset = Number(queryString(req.query.offset) ?? '0');
    const limit = Number(queryString(req.query.limit) ?? '1000');
    const includeArchived = queryBool(req.query.includeArchived);
    const all = account.collection(type).order.filter((r) => includeArchived || !r.archived);
    const results = all.slice(offset, offset + limit).map((r) => ({
      id: r.id, properties: Object.fromEntries(r.properties), createdAt: new Date(r.createdAt).toISOString(), updatedAt: new Date(r.updatedAt).toISOString(), archived: r.archived,
    }));
    res.json({ total: all.length, results });
  });

  router.post('/accounts/:portalId/objects/:objectType', (req, res) => {
    const ctx = ctxFor(req.params.portalId);
    const type = parseInput(objectTypeSchema, param(req.params.objectType));
    const body = parseInput(z.object({ properties: propertiesSchema }), req.body ?? {});
    const record = applyCreate(ctx, type, planWrite(ctx, type, body.properties));
    res.status(201).json({ id: record.id, properties: Object.fromEntries(record.properties) });
  });
  router.patch('/accounts/:portalId/objects/:objectType/:id', (req, res) => {
    const ctx = ctxFor(req.params.portalId);
    const type = parseInput(objectTypeSchema, param(req.params.objectType));
    const record = ctx.account.collection(type).get(param(req.params.id));
    if (!record || record.archived) throw notFound(`No ${type} ${param(req.params.id)}`);
    const body = parseInput(z.object({ properties: propertiesSchema }), req.body ?? {});
    applyUpdate(ctx, record, planWrite(ctx, type, body.properties, { existing: record }));
    res.json({ id: record.id, properties: Object.fromEntries(record.properties) });
  });
  router.delete('/accounts/:portalId/objects/:objectType/:id', (req, res) => {
    const ctx = ctxFor(req.params.portalId);
    const type = parseInput(objectTypeSchema, param(req.params.objectType));
    const record = ctx.account.collection(type).get(param(req.params.id));
    if (record) applyArchive(ctx, record);
    res.status(204).end();
  });
  router.post('/accounts/:portalId/restore/:objectType/:id', (req, res) => {
    const ctx = ctxFor(req.params.portalId);
    const type = parseInput(objectTypeSchema, param(req.params.objectType));
    const record = ctx.account.collection(type).get(param(req.params.id));
    if (!record || !record.archived || record.mergedInto !== undefined) throw notFound(`No archived ${type} ${param(req.params.id)}`);
    applyRestore(ctx, record);
    res.json({ id: record.id, properties: Object.fromEntries(record.properties) });
  });
  router.post('/accounts/:portalId/merge/:objectType', (req, res) => {
    const ctx = ctxFor(req.params.portalId);
    const type = parseInput(objectTypeSchema, param(req.params.objectType));
    const body = parseInput(z.object({ primaryObjectId: z.string(), objectIdToMerge: z.string() }), req.body ?? {});
    const primary = mergeRecords(ctx, type, body.primaryObjectId, body.objectIdToMerge);
    res.json({ id: primary.id, properties: Object.fromEntries(primary.properties) });
  });
  router.get('/accounts/:portalId/associations/:fromType/:fromId/:toType', (req, res) => {
    const ctx = ctxFor(req.params.portalId);
    const from = parseInput(objectTypeSchema, param(req.params.fromType));
    const to = parseInput(objectTypeSchema, param(req.params.toType));
    res.json({ results: ctx.account.associations.list(from, param(req.params.fromId), to).map((l) => ({ toObjectId: l.toId, typeIds: l.typeIds })) });
  });
  router.put('/accounts/:portalId/associations/:fromType/:fromId/:toType/:toId', (req, res) => {
    const ctx = ctxFor(req.params.portalId);
    const from = parseInput(objectTypeSchema, param(req.params.fromType));
    const to = parseInput(objectTypeSchema, param(req.params.toType));
    const { typeIds } = parseInput(z.object({ typeIds: z.array(z.number().int()).min(1) }), req.body ?? {});
    const present = associate(ctx, from, param(req.params.fromId), to, param(req.params.toId), resolveTypeDefs(ctx, from, to, typeIds));
    res.json({ typeIds: present });
  });
  // A label made in HubSpot's settings (Objects → Associations), e.g. company → contact "Billing contact".
  router.post('/accounts/:portalId/association-labels/:fromType/:toType', (req, res) => {
    const ctx = ctxFor(req.params.portalId);
    const from = parseInput(objectTypeSchema, param(req.params.fromType));
    const to = parseInput(objectTypeSchema, param(req.params.toType));
    const input = parseInput(z.object({ label: z.string().min(1), inverseLabel: z.string().min(1).optional() }), req.body ?? {});
    const name = input.label.trim().toLowerCase().replace(/[^a-z0-9]+/g, '_');
    const defs = ctx.account.associations.createLabel(from, to, name, input.label, input.inverseLabel);
    res.json({ results: defs.map((d) => ({ category: d.category, typeId: d.typeId, label: d.label })) });
  });
  return router;
}
