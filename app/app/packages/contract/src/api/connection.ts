/** Settings page, connection section (R2): status, QuickBooks connect link, disconnect. */
import { z } from 'zod';
import { isoDateTime } from './common.ts';

export const alertSchema = z.object({
  /** Present since the export alerts (older clients ignore it). */
  id: z.number().int(),
  kind: z.string(),
  severity: z.enum(['info', 'warning', 'error']),
  title: z.string(),
  message: z.string(),
  /** Where the alert points, e.g. an export's signed download link; null when there is nothing to open. */
  link: z.string().nullable(),
  createdAt: isoDateTime,
});
export type Alert = z.infer<typeof alertSchema>;

/** GET /api/v1/connection */
export const connectionStatusSchema = z.object({
  portalId: z.number().int(),
  installation: z.object({ status: z.string(), setupCompletedAt: isoDateTime.nullable() }),
  quickbooks: z
    .object({
      status: z.enum(['connected', 'needs_reconnect', 'disconnected']),
      statusReason: z.string().nullable(),
      realmId: z.string(),
      companyName: z.string().nullable(),
      country: z.string().nullable(),
      homeCurrency: z.string().nullable(),
      connectedAt: isoDateTime,
    })
    .nullable(),
  alerts: z.array(alertSchema),
});
export type ConnectionStatusResponse = z.infer<typeof connectionStatusSchema>;

/** POST /api/v1/quickbooks/connect-link; a second company needs `replace: true` (else 409 `conflict`). */
export const connectLinkRequestSchema = z.object({ replace: z.boolean().default(false) }).strict();
export type ConnectLinkRequest = z.input<typeof connectLinkRequestSchema>;
export const connectLinkResponseSchema = z.object({ url: z.string() });
export type ConnectLinkResponse = z.infer<typeof connectLinkResponseSchema>;

/** POST /api/v1/quickbooks/disconnect */
export const disconnectResponseSchema = z.object({ revoked: z.boolean() });
export type DisconnectResponse = z.infer<typeof disconnectResponseSchema>;
