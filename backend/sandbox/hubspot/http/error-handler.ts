/** Final error handling: HubSpot-shaped bodies for every failure, never a stack trace or HTML 500. */
import type { NextFunction, Request, Response } from 'express';
import { HubSpotError, correlationId } from './errors.ts';

interface BodyParserError {
  type?: string;
  status?: number;
  message?: string;
}

export function errorHandler(err: unknown, _req: Request, res: Response, _next: NextFunction): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  if (err instanceof HubSpotError) {
    res.status(err.status).json(err.body);
    return;
  }
  const parserError = err as BodyParserError;
  if (parserError.type === 'entity.parse.failed') {
    res.status(400).json({ status: 'error', message: `Invalid input JSON on line 1, column 1: ${parserError.message ?? 'malformed JSON'}`, correlationId: correlationId(), category: 'VALIDATION_ERROR' });
    return;
  }
  if (parserError.type === 'entity.too.large') {
    res.status(413).json({ status: 'error', message: 'Request entity too large', correlationId: correlationId(), category: 'VALIDATION_ERROR' });
    return;
  }
  // A bug in the emulator: report it in HubSpot's shape so clients still parse it, and log it.
  console.error('[hubspot-sandbox] unexpected error', err);
  res.status(500).json({ status: 'error', message: 'internal error', correlationId: correlationId(), category: 'INTERNAL_ERROR' });
}

export function notFoundHandler(req: Request, res: Response): void {
  res.status(404).json({ status: 'error', message: `No route for ${req.method} ${req.path}`, correlationId: correlationId(), category: 'OBJECT_NOT_FOUND' });
}
