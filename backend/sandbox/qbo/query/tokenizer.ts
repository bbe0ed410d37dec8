/**
 * Tokenizer for QBO's SQL-like query language. Strings are single-quoted; a backslash escapes the
 * next character (`'O\'Brien'`), which is how Intuit's docs and SDKs escape apostrophes.
 */
import { faults } from '../core/fault.ts';

export type TokenKind = 'ident' | 'string' | 'number' | 'star' | 'lparen' | 'rparen' | 'comma' | 'op' | 'eof';

export interface Token {
  kind: TokenKind;
  text: string;
  /** Unescaped value for strings; the raw text otherwise. */
  value: string;
  column: number;
}

const IDENT_START = /[A-Za-z_]/;
const IDENT_PART = /[A-Za-z0-9_.]/;

/**
 * QBO's parser needs a separator between a literal and the next word: `maxresults 10startposition 11`
 * or `Name = 'x'and Active = true` fail with a lexical QueryParserError instead of being split.
 */
function rejectRunTogether(source: string, end: number, literal: string): void {
  const ch = source[end];
  if (ch === undefined || !IDENT_START.test(ch)) return;
  throw faults.queryParse(`Lexical error at line 1, column ${end + 1}.  Encountered: "${ch}" (${ch.charCodeAt(0)}), after : "${literal}"`);
}

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: TokenKind, text: string, start: number, value = text) => tokens.push({ kind, text, value, column: start + 1 });
  while (i < source.length) {
    const ch = source[i] as string;
    const start = i;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === "'") {
      let value = '';
      i++;
      for (;;) {
        if (i >= source.length) throw faults.queryParse(`Lexical error at line 1, column ${source.length + 1}.  Encountered: <EOF> after : "${source.slice(start)}"`);
        const c = source[i] as string;
        if (c === '\\' && i + 1 < source.length) {
          value += source[i + 1];
          i += 2;
        } else if (c === "'") {
          i++;
          break;
        } else {
          value += c;
          i++;
        }
      }
      push('string', source.slice(start, i), start, value);
      rejectRunTogether(source, i, source.slice(start, i));
    } else if (/[0-9]/.test(ch) || (ch === '-' && /[0-9]/.test(source[i + 1] ?? ''))) {
      i++;
      while (i < source.length && /[0-9.]/.test(source[i] as string)) i++;
      const text = source.slice(start, i);
      if (!/^-?\d+(\.\d+)?$/.test(text)) throw faults.queryParse(`Lexical error at line 1, column ${i}.  Encountered: "${text.slice(-1)}" (${text.charCodeAt(text.length - 1)}), after : "${text.slice(0, -1)}"`);
      push('number', text, start);
      rejectRunTogether(source, i, text);
    } else if (IDENT_START.test(ch)) {
      while (i < source.length && IDENT_PART.test(source[i] as string)) i++;
      push('ident', source.slice(start, i), start);
    } else if (ch === '*') {
      i++;
      push('star', '*', start);
    } else if (ch === '(' || ch === ')') {
      i++;
      push(ch === '(' ? 'lparen' : 'rparen', ch, start);
    } else if (ch === ',') {
      i++;
      push('comma', ',', start);
    } else if (ch === '<' || ch === '>' || ch === '=' || ch === '!') {
      const two = source.slice(i, i + 2);
      const op = ['<=', '>=', '!=', '<>'].includes(two) ? two : ch;
      if (op === '!') throw faults.queryParse(`Lexical error at line 1, column ${start + 1}.  Encountered: "!"`);
      i += op.length;
      push('op', op, start);
    } else {
      throw faults.queryParse(`Lexical error at line 1, column ${start + 1}.  Encountered: "${ch}" (${ch.charCodeAt(0)}), after : ""`);
    }
  }
  tokens.push({ kind: 'eof', text: '<EOF>', value: '', column: source.length + 1 });
  return tokens;
}
