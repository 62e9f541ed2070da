/** A parsed Logs Insights query: its commands in pipe order, and the expressions they use. */

export type Expression =
  | { kind: 'field'; name: string }
  | { kind: 'literal'; value: string | number }
  /** `5m` in bin(5m), in milliseconds. */
  | { kind: 'duration'; ms: number }
  | { kind: 'regex'; regex: RegExp }
  | { kind: 'not'; operand: Expression }
  | { kind: 'negate'; operand: Expression }
  | { kind: 'binary'; operator: BinaryOperator; left: Expression; right: Expression }
  /** `like /re/`, `like "text"`, `=~ /re/`, and their `not like` forms. */
  | { kind: 'like'; subject: Expression; pattern: RegExp | string; negated: boolean }
  | { kind: 'in'; subject: Expression; values: Expression[]; negated: boolean }
  | { kind: 'call'; name: string; args: Expression[]; star: boolean };

export type BinaryOperator = 'and' | 'or' | '=' | '!=' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | '/' | '%' | '^';

/** An expression and the name its value takes: the alias, else the expression's own text. */
export interface Named {
  expression: Expression;
  name: string;
}

export interface SortKey {
  expression: Expression;
  descending: boolean;
}

export type Command =
  | { kind: 'fields'; items: Named[] }
  | { kind: 'display'; names: string[] }
  | { kind: 'filter'; condition: Expression }
  | { kind: 'stats'; aggregates: Named[]; groups: Named[] }
  | { kind: 'sort'; keys: SortKey[] }
  | { kind: 'limit'; count: number }
  /** A glob pattern is compiled to a regex at parse time; `names` are its capture groups' fields, in order. */
  | { kind: 'parse'; source: Expression; pattern: RegExp; names: string[] }
  | { kind: 'dedup'; names: string[] };

export interface Query {
  commands: Command[];
}
