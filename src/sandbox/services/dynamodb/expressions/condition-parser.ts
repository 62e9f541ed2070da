/**
 * ConditionExpression, FilterExpression and KeyConditionExpression share one grammar.
 * Precedence, loosest first, as the developer guide lists it: OR, AND, NOT, then the
 * functions, BETWEEN, IN and the comparators, with parentheses to override.
 */
import { ATTRIBUTE_TYPES, compareAttributes, describeValue, typeOf } from './attribute-value.js';
import type { Comparator, Condition, Operand } from './ast.js';
import { Parser, Stage } from './parser.js';
import type { ExpressionAttributes, ExpressionKind } from './placeholders.js';

const COMPARATORS = new Set<string>(['=', '<>', '<', '<=', '>', '>=']);
const MAX_IN_OPERANDS = 100;

/** Functions that are conditions by themselves, and how many operands each takes. */
const CONDITION_FUNCTIONS: Record<string, number> = {
  attribute_exists: 1,
  attribute_not_exists: 1,
  attribute_type: 2,
  begins_with: 2,
  contains: 2,
};
/** Functions of the update grammar, known to DynamoDB but not allowed in a condition. */
const OTHER_FUNCTIONS = new Set(['if_not_exists', 'list_append']);

export function parseCondition(kind: ExpressionKind, expression: string, attributes: ExpressionAttributes): Condition {
  return new ConditionParser(kind, expression, attributes).parse();
}

class ConditionParser extends Parser<Condition> {
  protected readonly keywords: ReadonlySet<string> = new Set(['AND', 'OR', 'NOT', 'BETWEEN', 'IN']);

  protected parseExpression(): Condition {
    return this.parseOr();
  }

  private parseOr(): Condition {
    let left = this.parseAnd();
    while (this.acceptKeyword('OR')) left = { kind: 'or', left, right: this.parseAnd() };
    return left;
  }

  private parseAnd(): Condition {
    let left = this.parseNot();
    while (this.acceptKeyword('AND')) left = { kind: 'and', left, right: this.parseNot() };
    return left;
  }

  private parseNot(): Condition {
    if (this.acceptKeyword('NOT')) return { kind: 'not', condition: this.parseNot() };
    if (this.accept('(')) {
      const inner = this.parseOr();
      this.expect(')');
      return inner;
    }
    if (this.isFunctionCall() && this.peek().text in CONDITION_FUNCTIONS) return this.parseFunction();
    return this.parseComparison(this.parseOperand());
  }

  private parseFunction(): Condition {
    const name = this.next().text;
    const args = this.parseArguments(() => this.parseOperand());
    this.checkArity(name, args, CONDITION_FUNCTIONS[name]!);
    const path = this.requirePath(name, args[0]);
    // Past checkArity, args[1] exists whenever the expression is valid (see checkArity).
    const second = args[1]!;
    switch (name) {
      case 'attribute_exists':
      case 'attribute_not_exists':
        return { kind: name, path };
      case 'attribute_type':
        this.defer(Stage.Operands, () => this.checkTypeName(second));
        return { kind: name, path, type: second };
      case 'begins_with':
        this.defer(Stage.Operands, () => this.checkOperandType(name, second, ['S', 'B']));
        return { kind: name, path, operand: second };
      default:
        return { kind: 'contains', path, operand: second };
    }
  }

  /** An operand: a path, a `:value`, or `size(path)`. */
  private parseOperand(): Operand {
    if (!this.isFunctionCall()) return this.parsePlainOperand();
    const name = this.next().text;
    if (name !== 'size') {
      this.rejectFunction(
        name in CONDITION_FUNCTIONS || OTHER_FUNCTIONS.has(name)
          ? `The function is not allowed to be used this way in an expression; function: ${name}`
          : `Invalid function name; function: ${name}`,
      );
    }
    const args = this.parseArguments(() => this.parseOperand());
    this.checkArity(name, args, 1);
    return { kind: 'size', path: this.requirePath(name, args[0]) };
  }

  private parseComparison(left: Operand): Condition {
    const token = this.peek();
    if (token.type === 'operator' && COMPARATORS.has(token.text)) {
      this.next();
      return { kind: 'compare', op: token.text as Comparator, left, right: this.parseOperand() };
    }
    if (this.acceptKeyword('BETWEEN')) {
      const low = this.parseOperand();
      if (!this.acceptKeyword('AND')) throw this.syntaxError();
      const high = this.parseOperand();
      this.defer(Stage.Operands, () => this.checkBounds(low, high));
      return { kind: 'between', operand: left, low, high };
    }
    if (this.acceptKeyword('IN')) {
      const list = this.parseArguments(() => this.parseOperand());
      if (list.length > MAX_IN_OPERANDS) {
        throw this.error(`The IN operator is provided with too many operands; number of operands: ${list.length}`);
      }
      return { kind: 'in', operand: left, list };
    }
    if (left.kind === 'size' && (token.type === 'eof' || token.text === ')' || this.isKeyword('AND') || this.isKeyword('OR'))) {
      this.rejectFunction('The function is not allowed to be used this way in an expression; function: size');
      return { kind: 'attribute_exists', path: left.path };
    }
    throw this.syntaxError();
  }

  /** attribute_type's second operand must be a `:value` naming a type. */
  private checkTypeName(operand: Operand): void {
    if (operand.kind !== 'value') {
      throw this.error(`Incorrect operand type for operator or function; operator or function: attribute_type, operand type: ${operand.kind === 'size' ? 'N' : 'PATH'}`);
    }
    this.checkOperandType('attribute_type', operand, ['S']);
    const type = (operand.value as { S: string }).S;
    if (!(ATTRIBUTE_TYPES as readonly string[]).includes(type)) {
      throw this.error(`Invalid attribute type name found; type: ${type}, valid types: { B,NULL,SS,BOOL,L,BS,N,NS,S,M }`);
    }
  }

  private checkOperandType(name: string, operand: Operand, allowed: readonly string[]): void {
    if (operand.kind === 'value' && !allowed.includes(typeOf(operand.value))) {
      throw this.error(`Incorrect operand type for operator or function; operator or function: ${name}, operand type: ${typeOf(operand.value)}`);
    }
  }

  /** Two constant bounds are checked up front; DynamoDB refuses a BETWEEN that can never hold. */
  private checkBounds(low: Operand, high: Operand): void {
    if (low.kind !== 'value' || high.kind !== 'value') return;
    const bounds = `lower bound operand: ${describeValue(low.value)}, upper bound operand: ${describeValue(high.value)}`;
    if (typeOf(low.value) !== typeOf(high.value)) {
      throw this.error(`The BETWEEN operator requires same data type for lower and upper bounds; ${bounds}`);
    }
    if ((compareAttributes(low.value, high.value) ?? 0) > 0) {
      throw this.error(`The BETWEEN operator requires upper bound to be greater than or equal to lower bound; ${bounds}`);
    }
  }
}
