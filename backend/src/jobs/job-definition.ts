import type { z } from 'zod';
import type { AppContext } from './context.ts';

/** A job: its payload schema (payloads are unknown until parsed), its handler, optionally a cron schedule. */
export interface JobDefinition<T = unknown> {
  name: string;
  payload: z.ZodType<T>;
  /** Cron (UTC) for recurring jobs. */
  schedule?: string;
  handle(ctx: AppContext, data: T): Promise<void>;
}

/** Types the handler by its payload schema; the registry holds them type-erased and the worker re-parses. */
export function defineJob<T>(definition: JobDefinition<T>): JobDefinition {
  return definition;
}
