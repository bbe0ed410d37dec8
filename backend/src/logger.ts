/**
 * pino with redaction. Tokens, secrets and authorization headers never reach a log line, whatever
 * object they are nested in; the redaction list is the single place to extend. In a terminal (stdout is
 * a TTY) lines are printed for a person by pino-pretty (time, level, message, then the fields); anywhere
 * else (a file, a pipe, a log collector) they stay one JSON object per line.
 */
import { pino, type Logger, type DestinationStream } from 'pino';
import { PinoPretty } from 'pino-pretty';

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

/** The stream a process logs to: human-readable in a terminal, JSON lines otherwise. */
function defaultDestination(): DestinationStream | undefined {
  if (!process.stdout.isTTY) return undefined;
  return PinoPretty({ colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,service', singleLine: false, sync: true });
}

export function createLogger(level: string, destination: DestinationStream | undefined = defaultDestination()): Logger {
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
