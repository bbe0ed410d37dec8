/**
 * One error envelope for every HTTP error: `{ "error": { "code", "message", "details"? } }`.
 * Codes are a closed set (clients and tests branch on them); build errors with `httpErrors.*`.
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { ApiErrorCode, ApiErrorEnvelope } from '@quickbooks-sync/contract';
import type { Logger } from '../logger.ts';

/** The codes are the contract's (the UI branches on them). */
export type ErrorCode = ApiErrorCode;

export class HttpError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: ErrorCode,
    message: string,
    public readonly details?: unknown,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const httpErrors = {
  invalidRequest: (message: string, details?: unknown) => new HttpError(400, 'invalid_request', message, details),
  invalidSignature: (message = 'The request signature is missing, expired or does not match.') => new HttpError(401, 'invalid_signature', message),
  unauthorized: (message = 'Authentication required.') => new HttpError(401, 'unauthorized', message),
  forbidden: (message = 'You cannot access this resource.') => new HttpError(403, 'forbidden', message),
  notFound: (message = 'Not found.') => new HttpError(404, 'not_found', message),
  conflict: (message: string, details?: unknown) => new HttpError(409, 'conflict', message, details),
  notReady: (message: string, details?: unknown) => new HttpError(503, 'not_ready', message, details),
};

export type ErrorEnvelope = ApiErrorEnvelope;

export function errorEnvelope(code: ErrorCode, message: string, details?: unknown): ErrorEnvelope {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(httpErrors.notFound(`No route for ${req.method} ${req.path}.`));
};

/** The only place an error becomes a response. Unknown errors are logged and never leak their text. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    if (err instanceof HttpError) {
      res.status(err.status).json(errorEnvelope(err.code, err.message, err.details));
      return;
    }
    // Errors raised by express's body parsers carry a status and a type.
    const parserError = err as { status?: number; type?: string };
    if (parserError.type === 'entity.too.large') {
      res.status(413).json(errorEnvelope('payload_too_large', 'The request body is too large.'));
      return;
    }
    if (parserError.type === 'entity.parse.failed') {
      res.status(400).json(errorEnvelope('invalid_request', 'The request body is not valid JSON.'));
      return;
    }
    logger.error({ err, method: req.method, path: req.path }, 'unhandled error in request');
    res.status(500).json(errorEnvelope('internal_error', 'Something went wrong on our side. It has been logged.'));
  };
}
