import { z } from 'zod';
import { defineJob } from '../job-definition.ts';
import { purgeExpiredExports, sweepOrphanExportFiles } from '../../exports/purge-exports.ts';

/** Export files are deleted once their download link has expired (EXPORT_LINK_TTL_HOURS), and files no export owns. */
export const purgeExpiredExportsJob = defineJob({
  name: 'maintenance.purge-expired-exports',
  payload: z.object({}),
  schedule: '41 * * * *',
  handle: async (ctx) => {
    const purged = await purgeExpiredExports(ctx);
    const orphans = await sweepOrphanExportFiles(ctx);
    if (purged + orphans > 0) ctx.logger.info({ purged, orphans }, 'purged expired exports');
  },
});
