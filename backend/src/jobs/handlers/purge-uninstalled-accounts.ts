import { z } from 'zod';
import { listInstallationsDueForPurge, purgeInstallation } from '../../db/installations.ts';
import { defineJob } from '../job-definition.ts';

/** After uninstall, an account's data is kept until its purge date, then deleted with everything it owns. */
export const purgeUninstalledAccountsJob = defineJob({
  name: 'maintenance.purge-uninstalled-accounts',
  payload: z.object({}),
  schedule: '43 3 * * *',
  handle: async (ctx) => {
    const due = await listInstallationsDueForPurge(ctx.db, new Date());
    for (const portalId of due) {
      await purgeInstallation(ctx.db, portalId);
      ctx.logger.info({ portalId }, 'purged data of uninstalled account after its retention period');
    }
  },
});
