/**
 * Recursive-descent parser for:
 *   SELECT * | count(*) | f1, f2 FROM Entity [WHERE cond (AND cond)*] [ORDERBY|ORDER BY f [ASC|DESC], …]
 *   [STARTPOSITION n] [MAXRESULTS n]
 * cond := field (= | < | > | <= | >=) literal | field IN (literal, …) | field LIKE 'pattern'
 * OR, !=, GROUP BY and joins are not part of QBO's language and fail with QueryParserError (4000).
 */
import { faults } from '../core/fault.ts';
import type { Condition, Literal, OrderBy, Query } from './ast.ts';
import { tokenize, type Token } from './tokenizer.ts';

const COMPARISON = new Set(['=', '<', '>', '<=', '>=']);

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.pos] ?? (this.tokens[this.tokens.length - 1] as Token);
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind !== 'eof') this.pos++;
    return token;
  }

  private isKeyword(word: string): boolean {
    const t = this.peek();
    return t.kind === 'ident' && t.text.toLowerCase() === word;
  }

  /**
   * Mirrors the JavaCC message QBO returns, e.g. `Encountered " <IDENTIFIER> "TxnDate "" at line 1, column 29.`
   * The expected tokens document each call site; QBO's Detail does not list them.
   */
  private fail(_expected: string[]): never {
    const t = this.peek();
    const kind = t.kind === 'ident' ? '<IDENTIFIER>' : t.kind === 'string' ? '<STRING_LITERAL>' : t.kind === 'number' ? '<INTEGER_LITERAL>' : `"${t.text}"`;
    const shown = t.kind === 'eof' ? '"<EOF>"' : `" ${kind} "${t.text} ""`;
    throw faults.queryParse(`Encountered ${shown} at line 1, column ${t.column}.`);
  }

  private keyword(word: string): void {
    if (!this.isKeyword(word)) this.fail([`"${word}"`]);
    this.next();
  }

  private identifier(): string {
    const t = this.peek();
    if (t.kind !== 'ident') this.fail(['<IDENTIFIER>']);
    return this.next().text;
  }

  private integer(): number {
    const t = this.peek();
    if (t.kind !== 'number' || !/^-?\d+$/.test(t.text)) this.fail(['<INTEGER>']);
    return Number(this.next().text);
  }

  private literal(): Literal {
    const t = this.peek();
    if (t.kind === 'string') return this.next().value;
    if (t.kind === 'number') return Number(this.next().text);
    if (t.kind === 'ident' && ['true', 'false'].includes(t.text.toLowerCase())) return this.next().text.toLowerCase() === 'true';
    return this.fail(['<STRING_LITERAL>', '<NUMBER>', '"true"', '"false"']);
  }

  private condition(): Condition {
    const field = this.identifier();
    if (this.isKeyword('in')) {
      this.next();
      if (this.peek().kind !== 'lparen') this.fail(['"("']);
      this.next();
      const values = [this.literal()];
      while (this.peek().kind === 'comma') {
        this.next();
        values.push(this.literal());
      }
      if (this.peek().kind !== 'rparen') this.fail(['")"', '","']);
      this.next();
      return { kind: 'in', field, values };
    }
    if (this.isKeyword('like')) {
      this.next();
      const t = this.peek();
      if (t.kind !== 'string') this.fail(['<STRING_LITERAL>']);
      return { kind: 'like', field, pattern: this.next().value };
    }
    const op = this.peek();
    if (op.kind !== 'op' || !COMPARISON.has(op.text)) this.fail(['"="', '"<"', '">"', '"<="', '">="', '"in"', '"like"']);
    this.next();
    return { kind: 'compare', field, op: op.text as '=', value: this.literal() };
  }

  parse(): Query {
    this.keyword('select');
    let count = false;
    if (this.peek().kind === 'star') {
      this.next();
    } else if (this.isKeyword('count')) {
      this.next();
      if (this.next().kind !== 'lparen' || this.next().kind !== 'star' || this.next().kind !== 'rparen') this.fail(['"count(*)"']);
      count = true;
    } else {
      // A projection list parses, but QBO always returns whole entities.
      this.identifier();
      while (this.peek().kind === 'comma') {
        this.next();
        this.identifier();
      }
    }
    this.keyword('from');
    const entity = this.identifier();
    const where: Condition[] = [];
    if (this.isKeyword('where')) {
      this.next();
      where.push(this.condition());
      while (this.isKeyword('and')) {
        this.next();
        where.push(this.condition());
      }
    }
    const orderBy: OrderBy[] = [];
    const orderByTwoWords = this.isKeyword('order') && this.tokens[this.pos + 1]?.text.toLowerCase() === 'by';
    if (this.isKeyword('orderby') || orderByTwoWords) {
      // Intuit documents ORDERBY; production connectors send ORDER BY and QBO accepts it.
      this.next();
      if (orderByTwoWords) this.next();
      do {
        if (orderBy.length > 0) this.next();
        const field = this.identifier();
        let descending = false;
        if (this.isKeyword('asc') || this.isKeyword('desc')) descending = this.next().text.toLowerCase() === 'desc';
        orderBy.push({ field, descending });
      } while (this.peek().kind === 'comma');
    }
    const query: Query = { count, entity, where, orderBy };
    for (;;) {
      if (this.isKeyword('startposition') && query.startPosition === undefined) {
        this.next();
        query.startPosition = this.integer();
      } else if (this.isKeyword('maxresults') && query.maxResults === undefined) {
        this.next();
        query.maxResults = this.integer();
      } else break;
    }
    if (this.peek().kind !== 'eof') {
      const expected = ['<EOF>', '"startposition"', '"maxresults"'];
      if (orderBy.length === 0) expected.push('"orderby"');
      if (where.length === 0) expected.push('"where"');
      else expected.push('"and"');
      this.fail(expected);
    }
    return query;
  }
}

export function parseQuery(source: string): Query {
  if (source.trim() === '') throw faults.queryParse('Encountered "<EOF>" at line 1, column 1.');
  return new Parser(tokenize(source)).parse();
}
