/**
 * HubSpot failures normalised from the bodies HubSpot (and the emulator) send, both as raw JSON and as
 * the official client throws them (ApiException with the body deserialized into its Error model,
 * which drops `policyName`).
 */
import { describe, expect, it } from 'vitest';
import { ApiException } from '@hubspot/api-client/lib/codegen/crm/objects/apis/exception.js';
import { ObjectSerializer } from '@hubspot/api-client/lib/codegen/crm/objects/models/ObjectSerializer.js';
import { HubSpotApiError, hubspotBatchItemError, hubspotErrorFrom, hubspotErrorFromThrown } from '../../../backend/src/vendors/hubspot/errors.ts';

const tenSecondly = {
  status: 'error', message: 'You have reached your ten_secondly_rolling limit.', errorType: 'RATE_LIMIT',
  correlationId: 'c0ffee00-0000-4000-8000-000000000001', policyName: 'TEN_SECONDLY_ROLLING', requestId: 'r1',
};
const secondly = { status: 'error', message: 'You have reached your secondly limit.', errorType: 'RATE_LIMIT', correlationId: 'c2', policyName: 'SECONDLY', requestId: 'r2' };
const expired = { status: 'error', message: 'The OAuth token used to make this call expired 3 minute(s) ago.', correlationId: 'c3', category: 'EXPIRED_AUTHENTICATION' };
const missingScopes = {
  status: 'error', category: 'MISSING_SCOPES', correlationId: 'c4',
  message: "This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.",
  errors: [{ message: 'One or more of the following scopes are required.', context: { requiredGranularScopes: ['crm.objects.contacts.write'] } }],
};
const duplicateEmail = { status: 'error', message: 'Contact already exists. Existing ID: 51', correlationId: 'c5', category: 'CONFLICT' };
const badProperty = {
  status: 'error', category: 'VALIDATION_ERROR', correlationId: 'c6', message: 'Property values were not valid: [{"isValid":false,"message":"Property \\"nope\\" does not exist","error":"PROPERTY_DOESNT_EXIST","name":"nope"}]',
  errors: [{ message: 'Property "nope" does not exist', code: 'PROPERTY_DOESNT_EXIST', context: { propertyName: ['nope'] } }],
};
const badGateway = { status: 'error', message: 'Bad Gateway: the request could not be completed. Please retry.', correlationId: 'c7', category: 'INTERNAL_ERROR' };

/** What `@hubspot/api-client` throws for a non-2xx answer. */
const asClientThrows = (status: number, body: object) => new ApiException(status, 'An error occurred.', ObjectSerializer.deserialize(body, 'Error', ''), { 'content-type': 'application/json' });

describe('HubSpot error normalisation', () => {
  it.each([
    ['raw body', (s: number, b: object) => hubspotErrorFrom(s, b)],
    ['as the official client throws it', (s: number, b: object) => hubspotErrorFromThrown(asClientThrows(s, b))],
  ])('%s: classifies every documented failure', (_label, normalise) => {
    expect(normalise(429, tenSecondly)).toMatchObject({ kind: 'throttled', status: 429, throttle: 'ten_secondly', retryable: true });
    expect(normalise(429, secondly)).toMatchObject({ kind: 'throttled', throttle: 'secondly' });
    expect(normalise(401, expired)).toMatchObject({ kind: 'auth', status: 401, category: 'EXPIRED_AUTHENTICATION', retryable: false });
    expect(normalise(403, missingScopes)).toMatchObject({ kind: 'auth', status: 403, category: 'MISSING_SCOPES' });
    expect(normalise(409, duplicateEmail)).toMatchObject({ kind: 'conflict', message: 'Contact already exists. Existing ID: 51' });
    expect(normalise(400, badProperty)).toMatchObject({ kind: 'validation', category: 'VALIDATION_ERROR', retryable: false });
    expect(normalise(404, { status: 'error', message: 'resource not found', correlationId: 'c8', category: 'OBJECT_NOT_FOUND' })).toMatchObject({ kind: 'not_found' });
    expect(normalise(502, badGateway)).toMatchObject({ kind: 'unavailable', status: 502, retryable: true });
    expect(normalise(418, { status: 'error', message: 'odd', correlationId: 'c9', category: 'WHATEVER' })).toMatchObject({ kind: 'unknown' });
  });

  it('keeps the context HubSpot gives (e.g. the existing id of a unique-value conflict)', () => {
    const body = { status: 'error', category: 'CONFLICT', correlationId: 'c', message: 'A contact with qbo_customer_id "58" already exists. Existing ID: 7', context: { existingId: ['7'], property: ['qbo_customer_id'] } };
    const error = hubspotErrorFromThrown(asClientThrows(409, body));
    expect(error).toBeInstanceOf(HubSpotApiError);
    expect(error.context).toEqual({ existingId: ['7'], property: ['qbo_customer_id'] });
  });

  it('a network failure (no answer) is unavailable with status 0, and never leaks the raw exception type', () => {
    const error = hubspotErrorFromThrown(Object.assign(new TypeError('fetch failed'), { code: 'ECONNRESET' }));
    expect(error).toBeInstanceOf(HubSpotApiError);
    expect(error).toMatchObject({ kind: 'unavailable', status: 0, retryable: true });
  });

  it('a text or empty body still gives a usable error', () => {
    expect(hubspotErrorFrom(503, '<html>Service Unavailable</html>')).toMatchObject({ kind: 'unavailable', message: 'HubSpot answered 503' });
    expect(hubspotErrorFrom(400, undefined)).toMatchObject({ kind: 'validation' });
  });

  it('per-input errors of a 207 batch answer are classified by category', () => {
    expect(hubspotBatchItemError({ status: 'error', category: 'OBJECT_NOT_FOUND', message: 'Could not get some CONTACT objects', context: { ids: ['9'] } })).toMatchObject({ kind: 'not_found', context: { ids: ['9'] } });
    expect(hubspotBatchItemError({ status: 'error', category: 'CONFLICT', message: 'Contact already exists. Existing ID: 3', context: { objectWriteTraceId: ['1'] } })).toMatchObject({ kind: 'conflict' });
    expect(hubspotBatchItemError({ status: 'error', category: 'VALIDATION_ERROR', message: 'bad email', context: { objectWriteTraceId: ['0'] } })).toMatchObject({ kind: 'validation' });
  });
});
