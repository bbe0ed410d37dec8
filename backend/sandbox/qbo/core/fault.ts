/**
 * QBO error shapes. Validation and business errors are HTTP 400 with a capitalised `Fault`; the
 * gateway (auth) errors use a different, lower-case envelope — clients parse both, so we emit both.
 */
export interface FaultError {
  Message: string;
  Detail: string;
  code: string;
  element: string;
}

export type FaultType = 'ValidationFault' | 'SystemFault' | 'SERVICE' | 'AuthenticationFault' | 'AuthorizationFault';

export interface FaultBody {
  Error: FaultError[];
  type: FaultType;
}

/** Thrown by entity logic; turned into a Fault response (or a per-item batch Fault). */
export class QboFault extends Error {
  constructor(
    readonly code: string,
    readonly faultMessage: string,
    readonly detail: string,
    readonly status = 400,
    readonly type: FaultType = 'ValidationFault',
    readonly element = '',
  ) {
    super(`${code} ${faultMessage}: ${detail}`);
  }

  body(): FaultBody {
    return {
      Error: [{ Message: this.faultMessage, Detail: this.detail, code: this.code, element: this.element }],
      type: this.type,
    };
  }
}

/** The errors the sync can trip on, with the codes and texts QBO uses (reference §5). */
export const faults = {
  staleObject: () =>
    new QboFault(
      '5010',
      'Stale Object Error',
      'Stale Object Error : You and sandbox-user were working on this at the same time. sandbox-user finished before you did, so your work was not saved.',
    ),
  duplicateName: (noun: string) =>
    new QboFault(
      '6240',
      'Duplicate Name Exists Error',
      `The name supplied already exists. : Another ${noun} is already using this name. Please use a different name.`,
    ),
  duplicateDocNumber: (docNumber: string, txnType: string, txnId: string) =>
    new QboFault(
      '6140',
      'Duplicate Document Number Error',
      `Duplicate Document Number Error : You must specify a different number. This number has already been used. DocNumber=${docNumber} is assigned to TxnType=${txnType} with TxnId=${txnId}`,
    ),
  objectNotFound: (what = '') =>
    new QboFault(
      '610',
      'Object Not Found',
      `Object Not Found : Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees.${what ? ` (${what})` : ''}`,
    ),
  invalidReference: (detail: string) => new QboFault('2500', 'Invalid Reference Id', `Invalid Reference Id : ${detail}`),
  requiredParam: (name: string) =>
    new QboFault(
      '2020',
      'Required param missing, need to supply the required value for the API',
      `Required parameter ${name} is missing in the request`,
    ),
  invalidProperty: (detail: string) =>
    new QboFault('2010', 'Request has invalid or unsupported property', `Property Name:${detail}`),
  businessValidation: (detail: string) =>
    new QboFault('6000', 'A business validation error has occurred while processing your request', `Business Validation Error: ${detail}`),
  periodClosed: () =>
    new QboFault(
      '6200',
      'Account Period Closed',
      'Account Period Closed : The account period has closed and the transaction date is on or before the closing date.',
    ),
  unsupportedOperation: (detail: string) => new QboFault('500', 'Unsupported Operation', `Operation ${detail} is not supported.`),
  amountMismatch: () => new QboFault('6070', 'Amount is not equal to UnitPrice * Qty', 'Amount is not equal to UnitPrice * Qty. Supplied value:'),
  queryParse: (detail: string) => new QboFault('4000', 'Error parsing query', `QueryParserError: ${detail}`),
  queryValidation: (detail: string) => new QboFault('4001', 'Invalid query', `QueryValidationError: ${detail}`),
  systemFailure: () => new QboFault('10000', 'An application error has occurred while processing your request', 'System Failure Error: An unexpected error occurred while accessing or saving your data. Please wait a few minutes and try again.', 500, 'SystemFault'),
};

/** 401/403 from the API gateway: lower-case `fault` envelope (reference §5). */
export function gatewayFaultBody(status: 401 | 403, detail: string, time: string): Record<string, unknown> {
  const message =
    status === 401
      ? 'message=AuthenticationFailed; errorCode=003200; statusCode=401'
      : 'message=ApplicationAuthorizationFailed; errorCode=003100; statusCode=403';
  return {
    warnings: null,
    intuitObject: null,
    fault: {
      error: [{ message, detail, code: status === 401 ? '3200' : '3100', element: null }],
      type: status === 401 ? 'AUTHENTICATION' : 'AUTHORIZATION',
    },
    report: null,
    queryResponse: null,
    batchItemResponse: [],
    attachableResponse: [],
    syncErrorResponse: null,
    requestId: null,
    time,
    status: null,
    cdcresponse: [],
  };
}

export const THROTTLE_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Fault type="SERVICE"><Error code="3001"><Message>message=ThrottleExceeded; errorCode=003001; statusCode=429</Message><Detail>The request limit was reached.  Try again later</Detail></Error></Fault>';

export function throttleJsonBody(time: string): Record<string, unknown> {
  return {
    Fault: {
      Error: [
        {
          Message: 'message=ThrottleExceeded; errorCode=003001; statusCode=429',
          Detail: 'The request limit was reached.  Try again later',
          code: '3001',
        },
      ],
      type: 'SERVICE',
    },
    time,
  };
}
