/**
 * HubSpot's error body: `{ status: "error", message, correlationId, category, errors?, context?, links? }`.
 * Every failure the emulator returns goes through here so the official client can deserialize it.
 */
import { randomUUID } from 'node:crypto';

export interface HubSpotErrorDetail {
  message: string;
  code?: string;
  in?: string;
  subCategory?: string;
  context?: Record<string, string[]>;
}

export interface HubSpotErrorBody {
  status: 'error';
  message: string;
  correlationId: string;
  category: string;
  subCategory?: string;
  errors?: HubSpotErrorDetail[];
  context?: Record<string, string[]>;
  links?: Record<string, string>;
  [extra: string]: unknown;
}

export function correlationId(): string {
  return randomUUID();
}

export class HubSpotError extends Error {
  readonly body: HubSpotErrorBody;

  constructor(
    readonly status: number,
    category: string,
    message: string,
    extra: Partial<Omit<HubSpotErrorBody, 'status' | 'message' | 'category'>> = {},
  ) {
    super(message);
    this.body = { status: 'error', message, correlationId: correlationId(), category, ...extra };
  }
}

export const validationError = (message: string, extra: Partial<HubSpotErrorBody> = {}): HubSpotError =>
  new HubSpotError(400, 'VALIDATION_ERROR', message, extra);

export const notFound = (message = 'resource not found'): HubSpotError =>
  new HubSpotError(404, 'OBJECT_NOT_FOUND', message);

export const conflict = (message: string, extra: Partial<HubSpotErrorBody> = {}): HubSpotError =>
  new HubSpotError(409, 'CONFLICT', message, extra);
