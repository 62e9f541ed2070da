/**
 * jmespath.py 1.0.1's lexer, ported step for step so that every token starts, and every
 * error points, where the AWS CLI's would. It walks code points, as Python walks a str.
 */
import { emptyExpressionError, lexerError } from './jmespath-errors.js';
import { fromDoc, type PyValue } from './jmespath-value.js';
import { JsonSyntaxError, parseJsonDocument } from './parse-json.js';

export type TokenType =
  | 'eof' | 'unquoted_identifier' | 'quoted_identifier' | 'literal' | 'rbracket' | 'rparen' | 'comma'
  | 'rbrace' | 'number' | 'current' | 'expref' | 'colon' | 'pipe' | 'or' | 'and' | 'eq' | 'gt' | 'lt'
  | 'gte' | 'lte' | 'ne' | 'flatten' | 'star' | 'filter' | 'dot' | 'not' | 'lbrace' | 'lbracket' | 'lparen';

export interface Token {
  type: TokenType;
  /** A number token's value is an int; a literal's is the JSON it spells. */
  value: PyValue;
  start: number;
}

const SIMPLE_TOKENS: Record<string, TokenType> = {
  '.': 'dot',
  '*': 'star',
  ']': 'rbracket',
  ',': 'comma',
  ':': 'colon',
  '@': 'current',
  '(': 'lparen',
  ')': 'rparen',
  '{': 'lbrace',
  '}': 'rbrace',
};

const START_IDENTIFIER = /^[A-Za-z_]$/;
const VALID_IDENTIFIER = /^[A-Za-z0-9_]$/;
const DIGIT = /^[0-9]$/;
const WHITESPACE = new Set([' ', '\t', '\n', '\r']);

export function tokenize(expression: string): Token[] {
  if (expression === '') throw emptyExpressionError();
  const chars = Array.from(expression);
  const tokens: Token[] = [];
  let position = 0;
  let current: string | undefined = chars[0];

  // Like jmespath.py's _next: at the last character the position stays put.
  const next = (): string | undefined => {
    if (position === chars.length - 1) current = undefined;
    else current = chars[++position];
    return current;
  };
  const is = (pattern: RegExp, char: string | undefined) => char !== undefined && pattern.test(char);

  const consumeUntil = (delimiter: string): string => {
    const start = position;
    let buffer = '';
    next();
    while (current !== delimiter) {
      if (current === '\\') {
        buffer += '\\';
        next();
      }
      if (current === undefined) throw lexerError(expression, start, `Unclosed ${delimiter} delimiter`);
      buffer += current;
      next();
    }
    next();
    return buffer;
  };

  const consumeNumber = (): string => {
    let buffer = current!;
    while (is(DIGIT, next())) buffer += current;
    return buffer;
  };

  const matchOrElse = (expected: string, matchType: TokenType, elseType: TokenType): Token => {
    const start = position;
    const first = current!;
    if (next() === expected) {
      next();
      return { type: matchType, value: first + expected, start };
    }
    return { type: elseType, value: first, start };
  };

  const consumeLiteral = (): Token => {
    const start = position;
    const lexeme = consumeUntil('`').replaceAll('\\`', '`');
    // JSON first; failing that, the deprecated form where the text is an unquoted string.
    const json = loadsJson(lexeme);
    const value = json.ok ? json : loadsJson(`"${pyLstrip(lexeme)}"`);
    if (!value.ok) throw lexerError(expression, start, `Bad token ${lexeme}`);
    return { type: 'literal', value: value.value, start };
  };

  const consumeQuotedIdentifier = (): Token => {
    const start = position;
    const body = consumeUntil('"');
    const decoded = decodeJsonString(body);
    if (decoded.error !== undefined) throw lexerError(expression, start, decoded.error);
    return { type: 'quoted_identifier', value: decoded.text, start };
  };

  while (current !== undefined) {
    const simple = SIMPLE_TOKENS[current];
    if (simple !== undefined) {
      tokens.push({ type: simple, value: current, start: position });
      next();
    } else if (START_IDENTIFIER.test(current)) {
      const start = position;
      let buffer = current;
      while (is(VALID_IDENTIFIER, next())) buffer += current;
      tokens.push({ type: 'unquoted_identifier', value: buffer, start });
    } else if (WHITESPACE.has(current)) {
      next();
    } else if (current === '[') {
      const start = position;
      const following = next();
      if (following === ']') {
        next();
        tokens.push({ type: 'flatten', value: '[]', start });
      } else if (following === '?') {
        next();
        tokens.push({ type: 'filter', value: '[?', start });
      } else {
        tokens.push({ type: 'lbracket', value: '[', start });
      }
    } else if (current === "'") {
      const start = position;
      tokens.push({ type: 'literal', value: consumeUntil("'").replaceAll("\\'", "'"), start });
    } else if (current === '|') {
      tokens.push(matchOrElse('|', 'or', 'pipe'));
    } else if (current === '&') {
      tokens.push(matchOrElse('&', 'and', 'expref'));
    } else if (current === '`') {
      tokens.push(consumeLiteral());
    } else if (DIGIT.test(current) || current === '-') {
      const start = position;
      const buffer = consumeNumber();
      if (buffer === '-') throw lexerError(expression, start, "Unknown token '-'");
      tokens.push({ type: 'number', value: BigInt(buffer), start });
    } else if (current === '"') {
      tokens.push(consumeQuotedIdentifier());
    } else if (current === '<') {
      tokens.push(matchOrElse('=', 'lte', 'lt'));
    } else if (current === '>') {
      tokens.push(matchOrElse('=', 'gte', 'gt'));
    } else if (current === '!') {
      tokens.push(matchOrElse('=', 'ne', 'not'));
    } else if (current === '=') {
      if (next() === '=') {
        tokens.push({ type: 'eq', value: '==', start: position - 1 });
        next();
      } else {
        // At the end, _next did not move, so the '=' is where the position still is.
        throw lexerError(expression, current === undefined ? position : position - 1, "Unknown token '='");
      }
    } else {
      throw lexerError(expression, position, `Unknown token ${current}`);
    }
  }
  tokens.push({ type: 'eof', value: '', start: chars.length });
  return tokens;
}

/** Python's `json.loads`, or not ok where it raises. */
function loadsJson(text: string): { ok: true; value: PyValue } | { ok: false } {
  try {
    return { ok: true, value: fromDoc(parseJsonDocument(text)) };
  } catch (error) {
    if (error instanceof JsonSyntaxError) return { ok: false };
    throw error;
  }
}

// What Python's str.isspace() accepts, which str.lstrip() removes.
// eslint-disable-next-line no-control-regex -- \x1c-\x1f are whitespace to Python
const PY_LEADING_SPACE = /^[\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;

function pyLstrip(text: string): string {
  return text.replace(PY_LEADING_SPACE, '');
}

const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
const HEX4 = /^[0-9a-fA-F]{4}$/;

/**
 * Decodes the inside of a JSON string as Python's json.loads does, or names the first
 * error as jmespath.py reports it: the decoder's message up to its first colon.
 */
function decodeJsonString(body: string): { text: string; error?: undefined } | { error: string } {
  let text = '';
  for (let i = 0; i < body.length; i++) {
    const char = body[i]!;
    if (char.charCodeAt(0) < 0x20) return { error: 'Invalid control character at' };
    if (char !== '\\') {
      text += char;
      continue;
    }
    const escape = body[++i];
    if (escape === 'u') {
      const hex = body.slice(i + 1, i + 5);
      if (!HEX4.test(hex)) return { error: 'Invalid \\uXXXX escape' };
      text += String.fromCharCode(parseInt(hex, 16));
      i += 4;
    } else if (escape !== undefined && ESCAPES[escape] !== undefined) {
      text += ESCAPES[escape];
    } else {
      return { error: 'Invalid \\escape' };
    }
  }
  return { text };
}
