import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../backend/src/logger.ts';

/** A real pino logger whose output is kept in memory, to assert on what would be logged. */
export function capturingLogger(level = 'trace'): { logger: Logger; output: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  return { logger: createLogger(level, stream), output: () => chunks.join('') };
}
