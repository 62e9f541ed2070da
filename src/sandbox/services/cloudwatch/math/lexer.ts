/**
 * Metric math's tokens ("Metric math syntax and functions", CloudWatch User Guide): numbers,
 * quoted strings, names (query Ids, functions, keywords such as REPEAT or DESC), the
 * arithmetic operators + - * / ^, the comparisons == != < > <= >=, the logical operators
 * AND && OR || NOT !, parentheses, commas, and brackets around an array (`SUM([m1, m2])`).
 */
import { MathError } from './errors.js';

export type TokenKind = 'number' | 'string' | 'name' | 'operator' | '(' | ')' | '[' | ']' | ',' | 'end';

export interface Token {
  kind: TokenKind;
  text: string;
  /** 0-based offset in the expression. */
  at: number;
}

const OPERATORS = ['==', '!=', '<=', '>=', '&&', '||', '+', '-', '*', '/', '^', '<', '>', '!'];
/** The word forms of the logical operators, which AWS writes in capitals. */
const WORD_OPERATORS: ReadonlyMap<string, string> = new Map([['AND', '&&'], ['OR', '||'], ['NOT', '!']]);

export function tokenize(expression: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < expression.length) {
    const c = expression[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '(' || c === ')' || c === '[' || c === ']' || c === ',') {
      tokens.push({ kind: c, text: c, at: i });
      i++;
      continue;
    }
    if (c === "'" || c === '"') {
      const close = expression.indexOf(c, i + 1);
      if (close < 0) throw new MathError(`Unterminated string starting at character ${i + 1}`);
      tokens.push({ kind: 'string', text: expression.slice(i + 1, close), at: i });
      i = close + 1;
      continue;
    }
    const number = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(expression.slice(i));
    if (number) {
      tokens.push({ kind: 'number', text: number[0], at: i });
      i += number[0].length;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(expression.slice(i));
    if (name) {
      const operator = WORD_OPERATORS.get(name[0]);
      tokens.push(operator === undefined ? { kind: 'name', text: name[0], at: i } : { kind: 'operator', text: operator, at: i });
      i += name[0].length;
      continue;
    }
    const operator = OPERATORS.find((op) => expression.startsWith(op, i));
    if (operator === undefined) throw new MathError(`Unexpected character '${c}' at character ${i + 1}`);
    tokens.push({ kind: 'operator', text: operator, at: i });
    i += operator.length;
  }
  tokens.push({ kind: 'end', text: '', at: expression.length });
  return tokens;
}
