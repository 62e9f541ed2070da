/**
 * Splits a PartiQL statement into tokens: names (bare, or "double quoted" to allow any
 * text), 'single quoted' strings ('' escapes a quote), numbers, `?` parameters and
 * punctuation. Keywords are bare names; the parser tells them apart, case-insensitively.
 */
import { malformed } from './errors.js';

export type TokenType = 'name' | 'quotedName' | 'string' | 'number' | 'parameter' | 'punctuation' | 'eof';

export interface Token {
  type: TokenType;
  /** The name, string or number without quotes; the punctuation itself. */
  text: string;
}

const PATTERNS: [TokenType, RegExp][] = [
  ['name', /[A-Za-z_][A-Za-z0-9_]*/y],
  ['quotedName', /"((?:[^"]|"")*)"/y],
  ['string', /'((?:[^']|'')*)'/y],
  ['number', /(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/y],
  ['parameter', /\?/y],
  ['punctuation', /<<|>>|<>|!=|<=|>=|[=<>(),.[\]{}:+*-]/y],
];

export function tokenize(statement: string): Token[] {
  const tokens: Token[] = [];
  const whitespace = /\s+/y;
  let at = 0;
  while (at < statement.length) {
    whitespace.lastIndex = at;
    if (whitespace.test(statement)) {
      at = whitespace.lastIndex;
      continue;
    }
    const token = PATTERNS.map(([type, pattern]) => {
      pattern.lastIndex = at;
      const match = pattern.exec(statement);
      return match ? { type, match } : undefined;
    }).find((found) => found !== undefined);
    if (!token) throw malformed(statement);
    const { type, match } = token;
    const quote = type === 'quotedName' ? '"' : "'";
    const text = type === 'quotedName' || type === 'string' ? match[1]!.replaceAll(quote + quote, quote) : match[0];
    tokens.push({ type, text });
    at += match[0].length;
  }
  tokens.push({ type: 'eof', text: '' });
  return tokens;
}
