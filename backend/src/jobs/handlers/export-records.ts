/** The background job of an export (R29): writes the file and delivers the signed link. */
import { z } from 'zod';
import { defineJob } from '../job-definition.ts';
import type { AppContext } from '../context.ts';
import type { Knex } from '../../db/knex.ts';
import { generateExport } from '../../exports/generate-export.ts';

const payload = z.object({ portalId: z.number().int().positive(), exportId: z.uuid() });

export const exportRecordsJob = defineJob({
  name: 'exports.generate',
  payload,
  handle: async (ctx, { portalId, exportId }) => generateExport(ctx, portalId, exportId),
});

/** Enqueued in the caller's transaction (the export row's). Failures are recorded on the export, not retried. */
export async function enqueueExport(ctx: AppContext, target: z.infer<typeof payload>, trx: Knex.Transaction): Promise<void> {
  await ctx.queue.send(exportRecordsJob.name, target, { trx, singletonKey: `export:${target.exportId}`, retryLimit: 0 });
}
