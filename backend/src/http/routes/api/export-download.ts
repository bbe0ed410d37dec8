/**
 * GET /exports/:exportId/download?expires=&signature= — opened by the user's browser from the
 * in-app alert or the e-mail, so it is mounted outside /api/v1 (no HubSpot signature): the signed,
 * expiring link is the credential (see exports/download-link.ts). Streams the file.
 */
import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { Router } from 'express';
import type { AppContext } from '../../../jobs/context.ts';
import { getExportJobById } from '../../../db/export-jobs.ts';
import { exportIdParamSchema, recordFiltersSchema } from '@quickbooks-sync/contract';
import { checkDownloadLink, EXPORT_DOWNLOAD_PATH } from '../../../exports/download-link.ts';
import { CONTENT_TYPES, downloadFileName } from '../../../exports/export-files.ts';
import { httpErrors } from '../../errors.ts';

const REFUSED = 'This download link is not valid. Open the latest link from the app, or export again.';
const EXPIRED = 'This download link has expired. Export again from the record view.';

export function exportDownloadRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get(EXPORT_DOWNLOAD_PATH, async (req, res) => {
    const exportId = exportIdParamSchema.safeParse(req.params.exportId);
    if (!exportId.success) throw httpErrors.forbidden(REFUSED);
    const check = checkDownloadLink(ctx.env, exportId.data, req.query.expires, req.query.signature);
    if (!check.ok) {
      ctx.logger.warn({ exportId: exportId.data, reason: check.reason }, 'refused an export download link');
      throw httpErrors.forbidden(check.reason === 'expired' ? EXPIRED : REFUSED);
    }
    const job = await getExportJobById(ctx.db, exportId.data);
    if (!job || job.status === 'expired' || (job.expires_at !== null && job.expires_at <= new Date())) throw httpErrors.forbidden(EXPIRED);
    if (job.status !== 'succeeded' || !job.file_path) throw httpErrors.notFound('This export has no file.');
    const filePath = job.file_path;
    try {
      await access(filePath);
    } catch {
      throw httpErrors.notFound('This export has no file any more. Export again from the record view.');
    }
    const filters = recordFiltersSchema.safeParse(job.filters);
    res.status(200);
    res.set({
      'content-type': CONTENT_TYPES[job.format],
      'content-disposition': `attachment; filename="${downloadFileName(filters.success ? filters.data : {}, job.created_at, job.format)}"`,
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      ...(job.file_bytes !== null ? { 'content-length': String(job.file_bytes) } : {}),
    });
    await pipeline(createReadStream(filePath), res);
  });
  return router;
}
