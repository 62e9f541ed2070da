/**
 * Splits an expression into tokens. Keywords are not told apart here: `AND`, `SET` and
 * `size` are all names until the parser sees where they stand, as DynamoDB does.
 */
export type TokenType = 'name' | 'attributeName' | 'attributeValue' | 'integer' | 'operator' | 'eof';

export interface Token {
  type: TokenType;
  text: string;
  /** Offsets into the expression, for the `near:` part of a syntax error. */
  start: number;
  end: number;
}

const PATTERNS: [TokenType, RegExp][] = [
  ['attributeName', /#[A-Za-z0-9_]+/y],
  ['attributeValue', /:[A-Za-z0-9_]+/y],
  ['name', /[A-Za-z_][A-Za-z0-9_]*/y],
  ['integer', /[0-9]+/y],
  ['operator', /<>|<=|>=|[=<>(),.[\]+-]/y],
];

export function tokenize(expression: string): Token[] {
  const tokens: Token[] = [];
  const whitespace = /\s+/y;
  let at = 0;
  while (at < expression.length) {
    whitespace.lastIndex = at;
    if (whitespace.test(expression)) {
      at = whitespace.lastIndex;
      continue;
    }
    const token = match(expression, at);
    tokens.push(token);
    at = token.end;
  }
  tokens.push({ type: 'eof', text: '<EOF>', start: expression.length, end: expression.length });
  return tokens;
}

function match(expression: string, at: number): Token {
  for (const [type, pattern] of PATTERNS) {
    pattern.lastIndex = at;
    const m = pattern.exec(expression);
    if (m) return { type, text: m[0], start: at, end: at + m[0].length };
  }
  // An unknown character is still a token: the parser rejects it with DynamoDB's syntax error.
  const text = String.fromCodePoint(expression.codePointAt(at)!);
  return { type: 'operator', text, start: at, end: at + text.length };
}
