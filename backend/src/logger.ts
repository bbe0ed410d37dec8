/**
 * pino with redaction. Tokens, secrets and authorization headers never reach a log line, whatever
 * object they are nested in; the redaction list is the single place to extend.
 */
import { pino, type Logger, type DestinationStream } from 'pino';

export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-hubspot-signature-v3"]',
  'req.headers["intuit-signature"]',
  'headers.authorization',
  '*.headers.authorization',
  'authorization',
  '*.authorization',
  'access_token',
  'refresh_token',
  'accessToken',
  'refreshToken',
  'id_token',
  'client_secret',
  'clientSecret',
  'password',
  'code',
  '*.access_token',
  '*.refresh_token',
  '*.accessToken',
  '*.refreshToken',
  '*.id_token',
  '*.client_secret',
  '*.clientSecret',
  '*.password',
  '*.token',
  '*.*.access_token',
  '*.*.refresh_token',
  '*.*.accessToken',
  '*.*.refreshToken',
  'token',
  'secret',
  '*.secret',
];

export type { Logger };

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      base: { service: 'hubspot-qbo-sync' },
      serializers: { err: pino.stdSerializers.err },
    },
    destination,
  );
}
