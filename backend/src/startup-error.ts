/**
 * A start that cannot go on for a reason the operator can fix (a busy port, an unreachable database):
 * reported as one line that names the setting and the likely cause, never as a stack trace. Anything
 * else that fails at start is a bug and keeps its stack.
 */
export class StartupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StartupError';
  }
}

/** The start was stopped on purpose (Ctrl-C / SIGTERM while starting): not an error. */
export class StartupAborted extends Error {
  constructor(readonly signal: string) {
    super(`stopped by ${signal} while starting`);
    this.name = 'StartupAborted';
  }
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason instanceof StartupAborted ? signal.reason : new StartupAborted('a signal');
}

export interface ListenTarget {
  port: number;
  host: string;
  /** The variable that sets the port, e.g. PORT or SANDBOX_HUBSPOT_PORT. */
  variable: string;
  /** What wanted the port, e.g. "the web server" or "the HubSpot emulator". */
  what: string;
}

/** A listen() failure as one line: the port, its variable and what probably holds it. */
export function listenError(err: unknown, target: ListenTarget): Error {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const where = `${target.host}:${target.port}`;
  if (code === 'EADDRINUSE') {
    return new StartupError(
      `${target.what} cannot listen on ${where}: port ${target.port} (${target.variable}) is already in use — probably another \`npm start\` or \`npm run sandbox\` of this app is still running. Stop it, or set ${target.variable} to a free port.`,
      { cause: err },
    );
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return new StartupError(`${target.what} cannot listen on ${where}: port ${target.port} (${target.variable}) needs privileges this process lacks (ports below 1024). Set ${target.variable} to a port above 1023.`, { cause: err });
  }
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
    return new StartupError(`${target.what} cannot listen on ${where}: this machine has no address ${target.host} (HOST). Set HOST to 127.0.0.1, 0.0.0.0 or one of this machine's addresses.`, { cause: err });
  }
  return err instanceof Error ? err : new Error(String(err));
}

/** A connection string with its password hidden, for messages. */
export function redactedUrl(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '(unparsable URL)';
  }
}

/** Why Postgres at `connectionString` (from `variable`) refused us, as one line. */
export function databaseError(err: unknown, connectionString: string, variable: string): StartupError {
  const e = err as { code?: string; message?: string } | undefined;
  const where = redactedUrl(connectionString);
  const because: Record<string, string> = {
    ECONNREFUSED: 'nothing is listening there — is Postgres running, and are host and port right?',
    ENOTFOUND: 'that host name does not resolve',
    EAI_AGAIN: 'that host name does not resolve (DNS lookup failed)',
    ETIMEDOUT: 'the connection timed out — a firewall, or the wrong host',
    EHOSTUNREACH: 'that host cannot be reached',
    ECONNRESET: 'the server closed the connection — is that port a Postgres server?',
    '28P01': 'the password was refused',
    '28000': 'the server refused this user (pg_hba.conf or role)',
    '3D000': 'that database does not exist — create it, or name one that does',
    '53300': 'the server has no connection slots left',
    '57P03': 'the server is starting up or shutting down',
  };
  const reason = (e?.code && because[e.code]) ?? (e?.message ? e.message.split('\n')[0] : String(err));
  return new StartupError(`${variable}: cannot use the database at ${where}: ${reason}${e?.code ? ` (${e.code})` : ''}.`, { cause: err });
}
