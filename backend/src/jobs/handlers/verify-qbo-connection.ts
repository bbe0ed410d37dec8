import { z } from 'zod';
import { defineJob } from '../job-definition.ts';
import { qboAccessToken } from '../../connections/qbo-tokens.ts';
import { NeedsReconnectError } from '../../vendors/token-refresh.ts';

/**
 * Checks a QuickBooks grant with Intuit by forcing a token refresh: a revoked grant answers
 * invalid_grant, which marks the connection "needs reconnect" (see qbo-tokens.ts).
 */
export const verifyConnectionJob = defineJob({
  name: 'quickbooks.verify-connection',
  payload: z.object({ portalId: z.number().int().positive() }),
  handle: async (ctx, { portalId }) => {
    try {
      await qboAccessToken(ctx, portalId, { force: true });
      ctx.logger.info({ portalId }, 'QuickBooks connection verified: still authorised');
    } catch (err) {
      if (err instanceof NeedsReconnectError) return;
      throw err;
    }
  },
});
