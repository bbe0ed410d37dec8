/** Signed API for the settings page's connection section (R2): status, connect link, disconnect. */
import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../../jobs/context.ts';
import { getInstallation } from '../../../db/installations.ts';
import { getQboConnection } from '../../../db/qbo-connections.ts';
import { dismissAlert, listOpenAlerts } from '../../../db/account-alerts.ts';
import { createQboConnectLink, disconnectQbo } from '../../../connections/qbo-connect.ts';
import { accountOf } from '../../middleware/hubspot-signature.ts';
import { httpErrors } from '../../errors.ts';

export interface ConnectionStatus {
  portalId: number;
  installation: { status: string; setupCompletedAt: string | null };
  quickbooks: null | {
    status: 'connected' | 'needs_reconnect' | 'disconnected';
    statusReason: string | null;
    realmId: string;
    companyName: string | null;
    country: string | null;
    homeCurrency: string | null;
    connectedAt: string;
  };
  alerts: Array<{ id: number; kind: string; severity: string; title: string; message: string; link: string | null; createdAt: string }>;
}

const connectBody = z.object({ replace: z.boolean().default(false) }).strict();

function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) throw httpErrors.invalidRequest('The request body is not valid.', parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
  return parsed.data;
}

export function connectionRoutes(ctx: AppContext): Router {
  const router = Router();

  router.get('/connection', async (_req, res) => {
    const { portalId } = accountOf(res);
    const [installation, qbo, alerts] = await Promise.all([getInstallation(ctx.db, portalId), getQboConnection(ctx.db, portalId), listOpenAlerts(ctx.db, portalId)]);
    const body: ConnectionStatus = {
      portalId,
      installation: { status: installation!.status, setupCompletedAt: installation!.setupCompletedAt?.toISOString() ?? null },
      quickbooks: qbo
        ? {
            status: qbo.status,
            statusReason: qbo.statusReason,
            realmId: qbo.realmId,
            companyName: qbo.companyName,
            country: qbo.country,
            homeCurrency: qbo.homeCurrency,
            connectedAt: qbo.connectedAt.toISOString(),
          }
        : null,
      alerts: alerts.map((a) => ({ id: Number(a.id), kind: a.kind, severity: a.severity, title: a.title, message: a.message, link: a.link, createdAt: a.created_at.toISOString() })),
    };
    res.json(body);
  });

  router.post('/quickbooks/connect-link', async (req, res) => {
    const { replace } = parseBody(connectBody, req.body);
    res.json(await createQboConnectLink(ctx, accountOf(res).portalId, { replace }));
  });

  router.post('/quickbooks/disconnect', async (_req, res) => {
    res.json(await disconnectQbo(ctx, accountOf(res).portalId));
  });

  router.post('/alerts/:alertId/dismiss', async (req, res) => {
    const id = Number(req.params.alertId);
    if (!Number.isSafeInteger(id) || id <= 0 || !(await dismissAlert(ctx.db, accountOf(res).portalId, id))) throw httpErrors.notFound('No such alert in this account.');
    res.json({ id, dismissed: true as const });
  });
  return router;
}
