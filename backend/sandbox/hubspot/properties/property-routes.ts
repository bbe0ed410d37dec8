/** v3 properties API: properties and property groups per object type, plus batch create/read/archive. */
import { Router, type Response } from 'express';
import { z } from 'zod';
import { requireScope } from '../http/auth.ts';
import { apiLocals } from '../http/context.ts';
import { HubSpotError, notFound, validationError } from '../http/errors.ts';
import { param, parseInput, queryBool } from '../http/parse.ts';
import { sendBatch, toBatchError, checkBatchSize, type BatchError } from '../objects/batch-response.ts';
import { OBJECT_TYPE_INFO, resolveObjectType, type ObjectType } from '../objects/object-types.ts';
import { groupCreateSchema, groupUpdateSchema, propertyCreateSchema, propertyUpdateSchema, toPublicProperty } from './property-schemas.ts';
import { createProperty } from './property-service.ts';

const SCHEMA_SCOPE_NAME: Record<ObjectType, string> = {
  contacts: 'contacts', companies: 'companies', deals: 'deals', products: 'products', line_items: 'line_items',
  invoices: 'invoices', commerce_payments: 'commercepayments',
};

function setup(req: { params: Record<string, string | string[] | undefined> }, res: Response, write: boolean) {
  const type = resolveObjectType(param(req.params.objectType));
  const scope = `crm.schemas.${SCHEMA_SCOPE_NAME[type]}.${write ? 'write' : 'read'}`;
  requireScope(res, write ? [scope] : [scope, ...OBJECT_TYPE_INFO[type].readScopes]);
  return { type, account: apiLocals(res).account };
}

export function propertyRoutes(): Router {
  const router = Router();

  router.get('/:objectType/groups', (req, res) => {
    const { type, account } = setup(req, res, false);
    res.json({ results: [...account.propertyGroups(type).values()].filter((g) => !g.archived) });
  });
  router.post('/:objectType/groups', (req, res) => {
    const { type, account } = setup(req, res, true);
    const input = parseInput(groupCreateSchema, req.body);
    const groups = account.propertyGroups(type);
    if (groups.get(input.name) && !groups.get(input.name)?.archived) throw new HubSpotError(409, 'OBJECT_ALREADY_EXISTS', `Property group with name "${input.name}" already exists`);
    const group = { name: input.name, label: input.label, displayOrder: input.displayOrder ?? -1, archived: false };
    groups.set(group.name, group);
    res.status(201).json(group);
  });
  router.get('/:objectType/groups/:groupName', (req, res) => {
    const { type, account } = setup(req, res, false);
    const group = account.propertyGroups(type).get(param(req.params.groupName));
    if (!group || group.archived) throw notFound(`Property group ${param(req.params.groupName)} does not exist`);
    res.json(group);
  });
  router.patch('/:objectType/groups/:groupName', (req, res) => {
    const { type, account } = setup(req, res, true);
    const group = account.propertyGroups(type).get(param(req.params.groupName));
    if (!group || group.archived) throw notFound(`Property group ${param(req.params.groupName)} does not exist`);
    Object.assign(group, parseInput(groupUpdateSchema, req.body));
    res.json(group);
  });
  router.delete('/:objectType/groups/:groupName', (req, res) => {
    const { type, account } = setup(req, res, true);
    const group = account.propertyGroups(type).get(param(req.params.groupName));
    if (group) group.archived = true;
    res.status(204).end();
  });

  router.post('/:objectType/batch/create', (req, res) => {
    const { type, account } = setup(req, res, true);
    const { inputs } = parseInput(z.object({ inputs: z.array(propertyCreateSchema) }), req.body);
    checkBatchSize(inputs);
    const started = new Date();
    const results = [];
    const errors: BatchError[] = [];
    for (const input of inputs) {
      try {
        results.push(toPublicProperty(createProperty(account, type, input)));
      } catch (err) {
        if (!(err instanceof HubSpotError)) throw err;
        errors.push(toBatchError(err, { name: [input.name] }));
      }
    }
    sendBatch(res, 201, started, results, errors);
  });
  router.post('/:objectType/batch/read', (req, res) => {
    const { type, account } = setup(req, res, false);
    const body = parseInput(z.object({ inputs: z.array(z.object({ name: z.string() })), archived: z.boolean().default(false) }), req.body);
    const started = new Date();
    const defs = account.propertyDefs(type);
    const found = body.inputs.map((i) => defs.get(i.name)).filter((d) => d !== undefined && d.archived === body.archived);
    const missing = body.inputs.map((i) => i.name).filter((n) => !found.some((d) => d?.name === n));
    const errors: BatchError[] = missing.length > 0 ? [{ status: 'error', category: 'OBJECT_NOT_FOUND', message: 'Some properties were not found', context: { names: missing } }] : [];
    sendBatch(res, 200, started, found.map((d) => toPublicProperty(d as NonNullable<typeof d>)), errors);
  });
  router.post('/:objectType/batch/archive', (req, res) => {
    const { type, account } = setup(req, res, true);
    const { inputs } = parseInput(z.object({ inputs: z.array(z.object({ name: z.string() })) }), req.body);
    for (const { name } of inputs) {
      const def = account.propertyDefs(type).get(name);
      if (def && !def.hubspotDefined) def.archived = true;
    }
    res.status(204).end();
  });

  router.get('/:objectType', (req, res) => {
    const { type, account } = setup(req, res, false);
    const archived = queryBool(req.query.archived);
    res.json({ results: [...account.propertyDefs(type).values()].filter((d) => d.archived === archived).map(toPublicProperty) });
  });
  router.post('/:objectType', (req, res) => {
    const { type, account } = setup(req, res, true);
    res.status(201).json(toPublicProperty(createProperty(account, type, parseInput(propertyCreateSchema, req.body))));
  });
  router.get('/:objectType/:propertyName', (req, res) => {
    const { type, account } = setup(req, res, false);
    const def = account.propertyDefs(type).get(param(req.params.propertyName));
    if (!def || def.archived !== queryBool(req.query.archived)) throw notFound(`Unable to find property ${param(req.params.propertyName)} for object type ${type}`);
    res.json(toPublicProperty(def));
  });
  router.patch('/:objectType/:propertyName', (req, res) => {
    const { type, account } = setup(req, res, true);
    const def = account.propertyDefs(type).get(param(req.params.propertyName));
    if (!def || def.archived) throw notFound(`Unable to find property ${param(req.params.propertyName)} for object type ${type}`);
    if (def.hubspotDefined) throw validationError(`${def.name} is a HubSpot-defined property and its definition cannot be changed`);
    const update = parseInput(propertyUpdateSchema, req.body);
    const { options, ...rest } = update;
    Object.assign(def, rest, { updatedAt: new Date().toISOString() });
    if (options) def.options = options.map((o, i) => ({ ...o, displayOrder: o.displayOrder ?? i }));
    res.json(toPublicProperty(def));
  });
  router.delete('/:objectType/:propertyName', (req, res) => {
    const { type, account } = setup(req, res, true);
    const def = account.propertyDefs(type).get(param(req.params.propertyName));
    if (def?.hubspotDefined) throw validationError(`${def.name} is a HubSpot-defined property and cannot be archived`);
    if (def) def.archived = true;
    res.status(204).end();
  });

  return router;
}
