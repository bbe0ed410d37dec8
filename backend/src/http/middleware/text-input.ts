/**
 * Every text that reaches us over HTTP — the path, each query parameter (name and value) and each
 * string (key or value) of a JSON body — must be well-formed text, or the request is refused with the
 * 400 envelope before any route sees it. Postgres cannot store NUL (22021 / 22P05: a search for
 * `%00` was a 500), a lone UTF-16 surrogate or an invalid UTF-8 byte would be stored as U+FFFD
 * (silently changed data), and the other C0 control characters are never part of a name, an e-mail
 * or an id. One check for all routes, so no field of any schema can be forgotten.
 */
import type { RequestHandler } from 'express';
import type { RequestWithRawBody } from '../app.ts';
import { httpErrors } from '../errors.ts';

/** NUL and the C0 controls except tab, line feed and carriage return; unpaired surrogates (\p{Cs} only matches those under /u). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVALID_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]|\p{Cs}/u;

export const INVALID_TEXT_MESSAGE = 'Contains a NUL byte, a control character or text that is not valid UTF-8/Unicode.';

/** True when `value` is text we accept (see the header). */
export function isWellFormedText(value: string): boolean {
  return !INVALID_TEXT.test(value);
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function isUtf8(bytes: Uint8Array): boolean {
  try {
    strictUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** The bytes a percent-encoded URL component stands for (a `%` not followed by two hex digits is itself). */
function percentDecodedBytes(component: string): Buffer {
  const chunks: Buffer[] = [];
  let literal = '';
  for (let i = 0; i < component.length; i++) {
    const hex = component[i] === '%' ? component.slice(i + 1, i + 3) : '';
    if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
      chunks.push(Buffer.from(literal, 'utf8'), Buffer.from([parseInt(hex, 16)]));
      literal = '';
      i += 2;
    } else literal += component[i];
  }
  chunks.push(Buffer.from(literal, 'utf8'));
  return Buffer.concat(chunks);
}

interface Problem {
  path: string;
  message: string;
}

/** Every string key and value under `value`, with its path (`filters.toQbo.0.criteria.1.value`). */
function findInvalidText(value: unknown, path: string[], problems: Problem[]): void {
  if (problems.length >= 20) return;
  if (typeof value === 'string') {
    if (!isWellFormedText(value)) problems.push({ path: path.join('.'), message: INVALID_TEXT_MESSAGE });
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => findInvalidText(item, [...path, String(index)], problems));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (!isWellFormedText(key)) problems.push({ path: [...path, key].join('.'), message: `A field name: ${INVALID_TEXT_MESSAGE}` });
      else findInvalidText(item, [...path, key], problems);
    }
  }
}

export const refuseInvalidText: RequestHandler = (req, _res, next) => {
  const [rawPath = '', rawQuery = ''] = req.originalUrl.split('?', 2);
  // Percent-escapes are decoded leniently by the query parser (an invalid UTF-8 sequence becomes U+FFFD), so the raw bytes are checked.
  const path = percentDecodedBytes(rawPath);
  if (!isUtf8(path) || !isWellFormedText(path.toString('utf8'))) {
    throw httpErrors.invalidRequest('The request path is not valid.', [{ path: '(path)', message: INVALID_TEXT_MESSAGE }]);
  }
  const problems: Problem[] = [];
  for (const pair of rawQuery.split('&')) {
    if (!isUtf8(percentDecodedBytes(pair))) problems.push({ path: percentDecodedBytes((pair.split('=')[0] ?? '').replace(/\+/g, ' ')).toString('utf8'), message: INVALID_TEXT_MESSAGE });
  }
  if (problems.length === 0) findInvalidText(req.query, [], problems);
  if (problems.length > 0) throw httpErrors.invalidRequest('The request query is not valid.', problems);
  const raw = (req as RequestWithRawBody).rawBody;
  if (raw && !isUtf8(raw)) throw httpErrors.invalidRequest('The request body is not valid.', [{ path: '', message: 'The body is not valid UTF-8.' }]);
  findInvalidText(req.body, [], problems);
  if (problems.length > 0) throw httpErrors.invalidRequest('The request body is not valid.', problems);
  next();
};
