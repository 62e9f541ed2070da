/**
 * jmespath.py 1.0.1's top-down operator precedence (Pratt) parser, ported step for step:
 * the same grammar, the same tree (quirks included, so a query means here what it means
 * to the AWS CLI) and the same error, at the same column, for every expression it refuses.
 */
import { incompleteExpressionError, parseError } from './jmespath-errors.js';
import { tokenize, type Token, type TokenType } from './jmespath-lexer.js';
import { pyListRepr, pyStr, type PyValue } from './jmespath-value.js';

export type ComparatorName = 'eq' | 'ne' | 'lt' | 'gt' | 'lte' | 'gte';

export type Node =
  | { type: 'identity' | 'current' }
  | { type: 'field'; name: string }
  | { type: 'literal'; value: PyValue }
  | { type: 'index'; index: bigint }
  | { type: 'slice'; start: bigint | null; stop: bigint | null; step: bigint | null }
  | { type: 'subexpression' | 'index_expression' | 'multi_select_list'; children: Node[] }
  | { type: 'pipe' | 'or_expression' | 'and_expression' | 'projection' | 'value_projection'; left: Node; right: Node }
  | { type: 'comparator'; name: ComparatorName; left: Node; right: Node }
  | { type: 'filter_projection'; left: Node; right: Node; condition: Node }
  | { type: 'not_expression' | 'flatten' | 'expref'; child: Node }
  | { type: 'function_expression'; name: string; args: Node[] }
  | { type: 'multi_select_dict'; pairs: { key: string; value: Node }[] };

const BINDING_POWER: Record<TokenType, number> = {
  eof: 0, unquoted_identifier: 0, quoted_identifier: 0, literal: 0, rbracket: 0, rparen: 0,
  comma: 0, rbrace: 0, number: 0, current: 0, expref: 0, colon: 0,
  pipe: 1, or: 2, and: 3,
  eq: 5, gt: 5, lt: 5, gte: 5, lte: 5, ne: 5,
  flatten: 9,
  // Everything above stops a projection.
  star: 20, filter: 21, dot: 40, not: 45, lbrace: 50, lbracket: 55, lparen: 60,
};
const PROJECTION_STOP = 10;
const COMPARATORS = new Set<TokenType>(['eq', 'ne', 'lt', 'gt', 'lte', 'gte']);
const IDENTITY: Node = { type: 'identity' };

export function parse(expression: string): Node {
  return new Parser(expression, tokenize(expression)).parse();
}

class Parser {
  private index = 0;

  constructor(
    private readonly expression: string,
    private readonly tokens: Token[],
  ) {}

  parse(): Node {
    const parsed = this.expression_(0);
    if (this.current() !== 'eof') {
      const token = this.lookaheadToken(0);
      this.fail(token, `Unexpected token: ${pyStr(token.value)}`);
    }
    return parsed;
  }

  private expression_(bindingPower: number): Node {
    const leftToken = this.lookaheadToken(0);
    this.advance();
    let left = this.nud(leftToken);
    let current = this.current();
    while (bindingPower < BINDING_POWER[current]) {
      this.advance();
      left = this.led(current, left);
      current = this.current();
    }
    return left;
  }

  private nud(token: Token): Node {
    switch (token.type) {
      case 'literal':
        return { type: 'literal', value: token.value };
      case 'unquoted_identifier':
        return { type: 'field', name: token.value as string };
      case 'quoted_identifier':
        if (this.current() === 'lparen') {
          const next = this.lookaheadToken(0);
          throw parseError(this.expression, 0, pyStr(next.value), next.type, 'Quoted identifier not allowed for function names.');
        }
        return { type: 'field', name: token.value as string };
      case 'star': {
        const right = this.current() === 'rbracket' ? IDENTITY : this.projectionRhs(BINDING_POWER.star);
        return { type: 'value_projection', left: IDENTITY, right };
      }
      case 'filter':
        return this.filter(IDENTITY);
      case 'lbrace':
        return this.multiSelectHash();
      case 'lparen': {
        const inner = this.expression_(0);
        this.match('rparen');
        return inner;
      }
      case 'flatten':
        return { type: 'projection', left: { type: 'flatten', child: IDENTITY }, right: this.projectionRhs(BINDING_POWER.flatten) };
      case 'not':
        return { type: 'not_expression', child: this.expression_(BINDING_POWER.not) };
      case 'lbracket':
        if (this.current() === 'number' || this.current() === 'colon') return this.projectIfSlice(IDENTITY, this.indexExpression());
        if (this.current() === 'star' && this.lookahead(1) === 'rbracket') {
          this.advance();
          this.advance();
          return { type: 'projection', left: IDENTITY, right: this.projectionRhs(BINDING_POWER.star) };
        }
        return this.multiSelectList();
      case 'current':
        return { type: 'current' };
      case 'expref':
        return { type: 'expref', child: this.expression_(BINDING_POWER.expref) };
      case 'eof':
        throw incompleteExpressionError(this.expression);
      default:
        return this.fail(token, 'invalid token');
    }
  }

  /** The led of the token just consumed; `type` is its type. */
  private led(type: TokenType, left: Node): Node {
    switch (type) {
      case 'dot':
        if (this.current() !== 'star') {
          const right = this.dotRhs(BINDING_POWER.dot);
          if (left.type === 'subexpression') {
            left.children.push(right);
            return left;
          }
          return { type: 'subexpression', children: [left, right] };
        }
        this.advance();
        return { type: 'value_projection', left, right: this.projectionRhs(BINDING_POWER.dot) };
      case 'pipe':
        return { type: 'pipe', left, right: this.expression_(BINDING_POWER.pipe) };
      case 'or':
        return { type: 'or_expression', left, right: this.expression_(BINDING_POWER.or) };
      case 'and':
        return { type: 'and_expression', left, right: this.expression_(BINDING_POWER.and) };
      case 'lparen':
        return this.functionCall(left);
      case 'filter':
        return this.filter(left);
      case 'flatten':
        return { type: 'projection', left: { type: 'flatten', child: left }, right: this.projectionRhs(BINDING_POWER.flatten) };
      case 'lbracket':
        if (this.current() === 'number' || this.current() === 'colon') {
          const right = this.indexExpression();
          if (left.type === 'index_expression') {
            left.children.push(right);
            return left;
          }
          return this.projectIfSlice(left, right);
        }
        this.match('star');
        this.match('rbracket');
        return { type: 'projection', left, right: this.projectionRhs(BINDING_POWER.star) };
      default:
        if (COMPARATORS.has(type)) {
          return { type: 'comparator', name: type as ComparatorName, left, right: this.expression_(BINDING_POWER[type]) };
        }
        // A token that binds but starts nothing here (`*`, `!`, `{`): jmespath.py has no led for it.
        return this.fail(this.lookaheadToken(-1), 'invalid token');
    }
  }

  private functionCall(left: Node): Node {
    if (left.type !== 'field') {
      const name = this.lookaheadToken(-2);
      this.fail(name, `Invalid function name '${pyStr(name.value)}'`);
    }
    const args: Node[] = [];
    while (this.current() !== 'rparen') {
      const argument = this.expression_(0);
      if (this.current() === 'comma') this.match('comma');
      args.push(argument);
    }
    this.match('rparen');
    return { type: 'function_expression', name: (left as { name: string }).name, args };
  }

  private filter(left: Node): Node {
    const condition = this.expression_(0);
    this.match('rbracket');
    const right = this.current() === 'flatten' ? IDENTITY : this.projectionRhs(BINDING_POWER.filter);
    return { type: 'filter_projection', left, right, condition };
  }

  private indexExpression(): Node {
    if (this.lookahead(0) === 'colon' || this.lookahead(1) === 'colon') return this.sliceExpression();
    const node: Node = { type: 'index', index: this.lookaheadToken(0).value as bigint };
    this.advance();
    this.match('rbracket');
    return node;
  }

  private sliceExpression(): Node {
    const parts: (bigint | null)[] = [null, null, null];
    let index = 0;
    let current = this.current();
    while (current !== 'rbracket' && index < 3) {
      if (current === 'colon') {
        index++;
        if (index === 3) this.fail(this.lookaheadToken(0), 'syntax error');
        this.advance();
      } else if (current === 'number') {
        parts[index] = this.lookaheadToken(0).value as bigint;
        this.advance();
      } else {
        this.fail(this.lookaheadToken(0), 'syntax error');
      }
      current = this.current();
    }
    this.match('rbracket');
    return { type: 'slice', start: parts[0] ?? null, stop: parts[1] ?? null, step: parts[2] ?? null };
  }

  private projectIfSlice(left: Node, right: Node): Node {
    const indexExpression: Node = { type: 'index_expression', children: [left, right] };
    if (right.type !== 'slice') return indexExpression;
    return { type: 'projection', left: indexExpression, right: this.projectionRhs(BINDING_POWER.star) };
  }

  private multiSelectList(): Node {
    const children: Node[] = [];
    for (;;) {
      children.push(this.expression_(0));
      if (this.current() === 'rbracket') break;
      this.match('comma');
    }
    this.match('rbracket');
    return { type: 'multi_select_list', children };
  }

  private multiSelectHash(): Node {
    const pairs: { key: string; value: Node }[] = [];
    for (;;) {
      const keyToken = this.lookaheadToken(0);
      this.matchOneOf(['quoted_identifier', 'unquoted_identifier']);
      this.match('colon');
      pairs.push({ key: keyToken.value as string, value: this.expression_(0) });
      if (this.current() === 'comma') {
        this.match('comma');
      } else if (this.current() === 'rbrace') {
        this.match('rbrace');
        break;
      }
    }
    return { type: 'multi_select_dict', pairs };
  }

  private projectionRhs(bindingPower: number): Node {
    const current = this.current();
    if (BINDING_POWER[current] < PROJECTION_STOP) return IDENTITY;
    if (current === 'lbracket' || current === 'filter') return this.expression_(bindingPower);
    if (current === 'dot') {
      this.match('dot');
      return this.dotRhs(bindingPower);
    }
    return this.fail(this.lookaheadToken(0), 'syntax error');
  }

  private dotRhs(bindingPower: number): Node {
    const lookahead = this.current();
    if (lookahead === 'quoted_identifier' || lookahead === 'unquoted_identifier' || lookahead === 'star') {
      return this.expression_(bindingPower);
    }
    if (lookahead === 'lbracket') {
      this.match('lbracket');
      return this.multiSelectList();
    }
    if (lookahead === 'lbrace') {
      this.match('lbrace');
      return this.multiSelectHash();
    }
    const allowed = pyListRepr(['quoted_identifier', 'unquoted_identifier', 'lbracket', 'lbrace']);
    const token = this.lookaheadToken(0);
    return this.fail(token, `Expecting: ${allowed}, got: ${token.type}`);
  }

  private match(type: TokenType): void {
    if (this.current() === type) this.advance();
    else this.failExpecting(type);
  }

  private matchOneOf(types: TokenType[]): void {
    if (!types.includes(this.current())) this.failExpecting(pyListRepr(types));
    this.advance();
  }

  private failExpecting(expected: string): never {
    const token = this.lookaheadToken(0);
    if (token.type === 'eof') throw incompleteExpressionError(this.expression);
    return this.fail(token, `Expecting: ${expected}, got: ${token.type}`);
  }

  private fail(token: Token, message: string): never {
    throw parseError(this.expression, token.start, pyStr(token.value), token.type, message);
  }

  private advance(): void {
    this.index++;
  }

  private current(): TokenType {
    return this.tokens[this.index]!.type;
  }

  private lookahead(offset: number): TokenType {
    return this.tokens[this.index + offset]!.type;
  }

  private lookaheadToken(offset: number): Token {
    return this.tokens[this.index + offset]!;
  }
}
