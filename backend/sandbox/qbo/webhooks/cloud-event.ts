/** QBO webhook payloads in the CloudEvents format (reference §9) and the `intuit-signature` header. */
import { createHmac, randomUUID } from 'node:crypto';
import type { ChangeOperation, EntityChange } from '../state/types.ts';

export interface CloudEvent {
  specversion: '1.0';
  id: string;
  source: string;
  type: string;
  datacontenttype: 'application/json';
  time: string;
  intuitentityid: string;
  intuitaccountid: string;
  data: Record<string, unknown>;
}

const OPERATION: Record<ChangeOperation, string> = { created: 'created', updated: 'updated', deleted: 'deleted', voided: 'voided' };

export function toCloudEvent(change: EntityChange): CloudEvent {
  return {
    specversion: '1.0',
    id: randomUUID(),
    source: 'intuit.sandbox-emulator',
    type: `qbo.${change.entity.toLowerCase()}.${OPERATION[change.operation]}.v1`,
    datacontenttype: 'application/json',
    time: new Date(change.at).toISOString(),
    intuitentityid: change.id,
    intuitaccountid: change.realmId,
    data: {},
  };
}

/** base64(HMAC-SHA256(verifier token, raw body)). */
export function intuitSignature(verifierToken: string, rawBody: string): string {
  return createHmac('sha256', verifierToken).update(rawBody, 'utf8').digest('base64');
}
