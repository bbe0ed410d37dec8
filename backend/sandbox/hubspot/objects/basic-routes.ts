/** v3 objects basic API: list, create, read, update, archive, and contacts' GDPR delete. */
import { Router } from 'express';
import { z } from 'zod';
import { planCreateAssociations } from '../associations/associate.ts';
import { requireScope } from '../http/auth.ts';
import { apiLocals } from '../http/context.ts';
import { validationError } from '../http/errors.ts';
import { param, parseInput, queryBool, queryList, queryString } from '../http/parse.ts';
import type { HubSpotSandboxState } from '../state/sandbox-state.ts';
import { applyArchive, applyCreate, applyUpdate, planWrite, type WriteContext } from './object-writes.ts';
import { OBJECT_TYPE_INFO, resolveObjectType } from './object-types.ts';
import { attachAssociations, checkIdProperty, lookupRecord, requireRecord } from './record-lookup.ts';
import { createInputSchema, idString, updateInputSchema } from './schemas.ts';
import { mergeRecords } from './merge.ts';
import { attachHistory, toPublicObject } from './serialize.ts';

const MAX_LIST_LIMIT = 100;

export function objectBasicRoutes(state: HubSpotSandboxState): Router {
  const router = Router();
  const ctxOf = (res: Parameters<typeof apiLocals>[0]): WriteContext => {
    const { account, source } = apiLocals(res);
    return { state, account, source };
  };

  router.post('/contacts/gdpr-delete', (req, res) => {
    requireScope(res, OBJECT_TYPE_INFO.contacts.writeScopes);
    const body = parseInput(z.object({ objectId: idString, idProperty: z.string().optional() }), req.body);
    const ctx = ctxOf(res);
    checkIdProperty(ctx.account, 'contacts', body.idProperty);
    const record = requireRecord(ctx.account, 'contacts', body.objectId, body.idProperty);
    applyArchive(ctx, record, Date.now(), 'privacyDeletion');
    // A GDPR delete is permanent: the record cannot be restored or read as archived.
    ctx.account.collection('contacts').records.delete(record.id);
    res.status(204).end();
  });

  router.post('/:objectType/merge', (req, res) => {
    const type = resolveObjectType(param(req.params.objectType));
    requireScope(res, OBJECT_TYPE_INFO[type].writeScopes);
    const body = parseInput(z.object({ primaryObjectId: idString, objectIdToMerge: idString }), req.body);
    const ctx = ctxOf(res);
    res.json(toPublicObject(ctx.account, mergeRecords(ctx, type, body.primaryObjectId, body.objectIdToMerge), 'all'));
  });

  router.get('/:objectType', (req, res) => {
    const type = resolveObjectType(param(req.params.objectType));
    requireScope(res, OBJECT_TYPE_INFO[type].readScopes);
    const { account } = apiLocals(res);
    const limit = Number(queryString(req.query.limit) ?? '10');
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIST_LIMIT) throw validationError(`limit must be between 1 and ${MAX_LIST_LIMIT}`);
    const after = queryString(req.query.after);
    if (after !== undefined && !/^\d+$/.test(after)) throw validationError(`Invalid after: ${after}`);
    const archived = queryBool(req.query.archived);
    const properties = queryList(req.query.properties);
    const associations = queryList(req.query.associations) ?? [];
    const collection = account.collection(type);
    const results = [];
    let i = after === undefined ? 0 : collection.indexAfter(Number(after));
    let last: string | undefined;
    for (; i < collection.order.length && results.length < limit; i++) {
      const record = collection.order[i];
      if (!record || record.archived !== archived || !collection.records.has(record.id)) continue;
      const out = toPublicObject(account, record, properties);
      attachAssociations(account, record, associations, out);
      attachHistory(account, record, queryList(req.query.propertiesWithHistory), out);
      results.push(out);
      last = record.id;
    }
    let more = false;
    for (let j = i; j < collection.order.length && !more; j++) {
      const r = collection.order[j];
      more = r !== undefined && r.archived === archived && collection.records.has(r.id);
    }
    // The cursor is opaque to callers; ours is the last id returned.
    const nextAfter = last ?? '0';
    res.json({
      results,
      ...(more && last !== undefined ? { paging: { next: { after: nextAfter, link: `${req.baseUrl}/${type}?after=${nextAfter}` } } } : {}),
    });
  });

  router.post('/:objectType', (req, res) => {
    const type = resolveObjectType(param(req.params.objectType));
    requireScope(res, OBJECT_TYPE_INFO[type].writeScopes);
    const input = parseInput(createInputSchema, req.body);
    const ctx = ctxOf(res);
    const values = planWrite(ctx, type, input.properties);
    const applyAssociations = planCreateAssociations(ctx, type, input.associations);
    const record = applyCreate(ctx, type, values);
    applyAssociations(record.id);
    res.status(201).json(toPublicObject(ctx.account, record, 'all'));
  });

  router.get('/:objectType/:objectId', (req, res) => {
    const type = resolveObjectType(param(req.params.objectType));
    requireScope(res, OBJECT_TYPE_INFO[type].readScopes);
    const { account } = apiLocals(res);
    const idProperty = queryString(req.query.idProperty);
    checkIdProperty(account, type, idProperty);
    const record = requireRecord(account, type, param(req.params.objectId), idProperty, queryBool(req.query.archived));
    const out = toPublicObject(account, record, queryList(req.query.properties));
    attachAssociations(account, record, queryList(req.query.associations) ?? [], out);
    attachHistory(account, record, queryList(req.query.propertiesWithHistory), out);
    res.json(out);
  });

  router.patch('/:objectType/:objectId', (req, res) => {
    const type = resolveObjectType(param(req.params.objectType));
    requireScope(res, OBJECT_TYPE_INFO[type].writeScopes);
    const input = parseInput(updateInputSchema, req.body);
    const ctx = ctxOf(res);
    const idProperty = queryString(req.query.idProperty);
    checkIdProperty(ctx.account, type, idProperty);
    const record = requireRecord(ctx.account, type, param(req.params.objectId), idProperty);
    const values = planWrite(ctx, type, input.properties, { existing: record });
    applyUpdate(ctx, record, values);
    res.json(toPublicObject(ctx.account, record, 'all'));
  });

  router.delete('/:objectType/:objectId', (req, res) => {
    const type = resolveObjectType(param(req.params.objectType));
    requireScope(res, OBJECT_TYPE_INFO[type].writeScopes);
    const ctx = ctxOf(res);
    // HubSpot answers 204 whether or not the record existed.
    const record = lookupRecord(ctx.account, type, param(req.params.objectId));
    if (record) applyArchive(ctx, record);
    res.status(204).end();
  });

  return router;
}
