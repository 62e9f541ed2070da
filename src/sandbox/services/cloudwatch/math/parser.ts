/**
 * Metric math text to an AST, by precedence climbing. From loosest to tightest: OR, AND,
 * the comparisons, + -, * /, unary - + NOT, ^ (right-associative), then numbers, strings,
 * names, calls and parentheses. AWS's documents give the operators but not their
 * precedence; this is the conventional order, which their examples (`m1/m2*100`,
 * `IF(m1 > 10 AND m2 < 5, ...)`) read correctly with.
 */
import type { BinaryOperator, Node } from './ast.js';
import { MathError } from './errors.js';
import { tokenize, type Token } from './lexer.js';

const LEVELS: ReadonlyArray<readonly string[]> = [['||'], ['&&'], ['==', '!=', '<', '>', '<=', '>='], ['+', '-'], ['*', '/']];

export function parseExpression(expression: string): Node {
  if (expression.trim() === '') throw new MathError('The expression is empty');
  const tokens = tokenize(expression);
  let position = 0;
  const peek = (): Token => tokens[position]!;
  const next = (): Token => tokens[position++]!;
  const describe = (token: Token): string => (token.kind === 'end' ? 'end of expression' : `'${token.text}' at character ${token.at + 1}`);
  const expect = (kind: Token['kind']): Token => {
    const token = next();
    if (token.kind !== kind) throw new MathError(`Syntax error: expected '${kind}' but found ${describe(token)}`);
    return token;
  };

  const binary = (level: number): Node => {
    if (level === LEVELS.length) return unary();
    let left = binary(level + 1);
    while (peek().kind === 'operator' && LEVELS[level]!.includes(peek().text)) {
      const operator = next().text as BinaryOperator;
      left = { type: 'binary', operator, left, right: binary(level + 1) };
    }
    return left;
  };

  const unary = (): Node => {
    const token = peek();
    if (token.kind === 'operator' && (token.text === '-' || token.text === '+' || token.text === '!')) {
      next();
      return { type: 'unary', operator: token.text, operand: unary() };
    }
    return power();
  };

  const power = (): Node => {
    const base = primary();
    if (peek().kind === 'operator' && peek().text === '^') {
      next();
      return { type: 'binary', operator: '^', left: base, right: unary() };
    }
    return base;
  };

  const primary = (): Node => {
    const token = next();
    switch (token.kind) {
      case 'number':
        return { type: 'number', value: Number(token.text) };
      case 'string':
        return { type: 'string', value: token.text };
      case '(': {
        const inner = binary(0);
        expect(')');
        return inner;
      }
      case '[':
        return { type: 'list', items: list(']') };
      case 'name': {
        if (peek().kind !== '(') return { type: 'name', name: token.text };
        next();
        return { type: 'call', name: token.text.toUpperCase(), args: list(')') };
      }
      default:
        throw new MathError(`Syntax error: unexpected ${describe(token)}`);
    }
  };

  /** Comma-separated expressions up to `close`, which it consumes. */
  const list = (close: ')' | ']'): Node[] => {
    const items: Node[] = [];
    if (peek().kind !== close) {
      items.push(binary(0));
      while (peek().kind === ',') {
        next();
        items.push(binary(0));
      }
    }
    expect(close);
    return items;
  };

  const tree = binary(0);
  if (peek().kind !== 'end') throw new MathError(`Syntax error: unexpected ${describe(peek())}`);
  return tree;
}

/** The query Ids an expression names, for ordering and cycle checks before it runs. */
export function referencedIds(node: Node): string[] {
  switch (node.type) {
    case 'name':
      return /^[a-z]/.test(node.name) ? [node.name] : [];
    case 'call':
      return node.args.flatMap(referencedIds);
    case 'list':
      return node.items.flatMap(referencedIds);
    case 'unary':
      return referencedIds(node.operand);
    case 'binary':
      return [...referencedIds(node.left), ...referencedIds(node.right)];
    default:
      return [];
  }
}
