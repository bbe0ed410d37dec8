/**
 * Request signatures HubSpot puts on webhook deliveries: v3 = base64 HMAC-SHA256(clientSecret,
 * method + uri + body + timestamp); v1 = hex SHA-256(clientSecret + body) (legacy header).
 */
import { createHash, createHmac } from 'node:crypto';

export function signV3(clientSecret: string, method: string, uri: string, body: string, timestamp: string): string {
  return createHmac('sha256', clientSecret).update(`${method}${uri}${body}${timestamp}`, 'utf8').digest('base64');
}

export function signV1(clientSecret: string, body: string): string {
  return createHash('sha256').update(`${clientSecret}${body}`, 'utf8').digest('hex');
}
