/** A failed backend call, carrying the backend's error envelope (`{ error: { code, message, details } }`). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The reason the backend gives in `details.reason` (e.g. `qbo_not_connected`), if any. */
  get reason(): string | undefined {
    const details = this.details as { reason?: unknown } | undefined;
    return typeof details?.reason === 'string' ? details.reason : undefined;
  }
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}
