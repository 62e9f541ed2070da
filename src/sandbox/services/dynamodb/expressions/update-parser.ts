/**
 * UpdateExpression: up to one each of the SET, REMOVE, ADD and DELETE sections, in any
 * order. A SET value is a path, a `:value`, `if_not_exists(path, operand)` or
 * `list_append(operand, operand)`, optionally joined by one `+` or `-`.
 */
import { isSet, typeOf, type AttributeValue } from './attribute-value.js';
import type { DocumentPath, SetValue, UpdateAction } from './ast.js';
import { Parser, Stage } from './parser.js';
import { assertDisjoint } from './paths.js';
import type { ExpressionAttributes } from './placeholders.js';

const SECTIONS = ['SET', 'REMOVE', 'ADD', 'DELETE'] as const;
type Section = (typeof SECTIONS)[number];

const UPDATE_FUNCTIONS = new Set(['if_not_exists', 'list_append']);
const CONDITION_FUNCTIONS = new Set(['attribute_exists', 'attribute_not_exists', 'attribute_type', 'begins_with', 'contains', 'size']);

/** The type names DynamoDB spells out when ADD or DELETE gets the wrong kind of value. */
const TYPE_NAMES: Record<string, string> = {
  S: 'STRING',
  N: 'NUMBER',
  B: 'BINARY',
  BOOL: 'BOOLEAN',
  NULL: 'NULL',
  M: 'MAP',
  L: 'LIST',
};

export function parseUpdate(expression: string, attributes: ExpressionAttributes): UpdateAction[] {
  return new UpdateParser('UpdateExpression', expression, attributes).parse();
}

class UpdateParser extends Parser<UpdateAction[]> {
  protected readonly keywords: ReadonlySet<string> = new Set(SECTIONS);

  protected parseExpression(): UpdateAction[] {
    const actions: UpdateAction[] = [];
    const seen = new Set<Section>();
    do {
      const section = SECTIONS.find((s) => this.isKeyword(s));
      if (!section) throw this.syntaxError();
      this.next();
      if (seen.has(section)) {
        this.defer(Stage.Sections, () => {
          throw this.error(`The "${section}" section can only be used once in an update expression;`);
        });
      }
      seen.add(section);
      do actions.push(this.parseAction(section));
      while (this.accept(','));
    } while (this.peek().type !== 'eof');
    this.defer(Stage.Paths, () => assertDisjoint(this.kind, actions.map((a) => a.path)));
    return actions;
  }

  private parseAction(section: Section): UpdateAction {
    const path = this.parsePath();
    switch (section) {
      case 'SET':
        this.expect('=');
        return { kind: 'SET', path, value: this.parseSetValue() };
      case 'REMOVE':
        return { kind: 'REMOVE', path };
      default: {
        const operand = this.parseValue();
        this.defer(Stage.Operands, () => this.checkSetOperand(section, operand.value));
        return { kind: section, path, operand };
      }
    }
  }

  /** ADD takes a number or a set, DELETE only a set. */
  private checkSetOperand(section: 'ADD' | 'DELETE', value: AttributeValue): void {
    if (isSet(value) || (section === 'ADD' && 'N' in value)) return;
    throw this.error(`Incorrect operand type for operator or function; operator: ${section}, operand type: ${TYPE_NAMES[typeOf(value)]}, typeSet: ALLOWED_FOR_${section}_OPERAND`);
  }

  private parseSetValue(): SetValue {
    const left = this.parseSetOperand();
    const token = this.peek();
    if (token.type !== 'operator' || (token.text !== '+' && token.text !== '-')) return left;
    this.next();
    const op = token.text;
    const right = this.parseSetOperand();
    for (const side of [left, right]) this.requireType(op, side, 'N');
    return { kind: 'arithmetic', op, left, right };
  }

  private parseSetOperand(): SetValue {
    if (!this.isFunctionCall()) return { kind: 'operand', operand: this.parsePlainOperand() };
    const name = this.next().text;
    if (!UPDATE_FUNCTIONS.has(name)) {
      this.rejectFunction(
        CONDITION_FUNCTIONS.has(name)
          ? `The function is not allowed to be used this way in an expression; function: ${name}`
          : `Invalid function name; function: ${name}`,
      );
    }
    const args = this.parseArguments(() => this.parseSetOperand());
    this.checkArity(name, args, 2);
    // Past checkArity, both arguments exist whenever the expression is valid.
    const [first, second] = [args[0]!, args[1]!];
    if (name === 'list_append') {
      for (const side of [first, second]) this.requireType(name, side, 'L');
      return { kind: 'list_append', first, second };
    }
    return { kind: 'if_not_exists', path: this.requireSetPath(name, first), fallback: second };
  }

  private requireSetPath(name: string, value: SetValue): DocumentPath {
    return this.requirePath(name, value.kind === 'operand' ? value.operand : undefined);
  }

  /** A `:value` of the wrong type is refused before the item is even read. */
  private requireType(name: string, value: SetValue | undefined, type: 'N' | 'L'): void {
    if (value?.kind !== 'operand' || value.operand.kind !== 'value') return;
    const operand = value.operand;
    this.defer(Stage.Operands, () => {
      const actual = typeOf(operand.value);
      if (actual !== type) {
        throw this.error(`Incorrect operand type for operator or function; operator or function: ${name}, operand type: ${actual}`);
      }
    });
  }
}
