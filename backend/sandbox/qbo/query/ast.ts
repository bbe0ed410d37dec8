/** Parsed form of a QBO query. */
export type Literal = string | number | boolean;

export type Condition =
  | { kind: 'compare'; field: string; op: '=' | '<' | '>' | '<=' | '>='; value: Literal }
  | { kind: 'in'; field: string; values: Literal[] }
  | { kind: 'like'; field: string; pattern: string };

export interface OrderBy {
  field: string;
  descending: boolean;
}

export interface Query {
  count: boolean;
  entity: string;
  where: Condition[];
  orderBy: OrderBy[];
  startPosition?: number;
  maxResults?: number;
}
