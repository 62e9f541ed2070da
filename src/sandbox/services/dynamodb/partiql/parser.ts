/**
 * DynamoDB's PartiQL, the part of it a learner writes:
 *
 *   SELECT * | path, ... FROM table[.index] [WHERE condition]
 *   INSERT INTO table VALUE {'name': value, ...}
 *   UPDATE table (SET path = value, ... | REMOVE path, ...)... WHERE condition
 *   DELETE FROM table WHERE condition
 *
 * Conditions, SET values and paths parse into the same trees as DynamoDB's expressions
 * (../expressions/ast.ts), so they are evaluated by the same code. `?` takes the next of
 * the request's Parameters.
 */
import type { AttributeValue, Condition, DocumentPath, Item, UpdateAction } from '../expressions/index.js';
import type { Comparator, Operand, SetValue } from '../expressions/ast.js';
import { normalizeNumber } from '../expressions/index.js';
import { malformed, parameterCountMismatch } from './errors.js';
import { tokenize, type Token } from './lexer.js';

export type Statement =
  | { kind: 'select'; table: string; index?: string; projection?: DocumentPath[]; where?: Condition }
  | { kind: 'insert'; table: string; item: Item }
  | { kind: 'update'; table: string; actions: UpdateAction[]; where: Condition }
  | { kind: 'delete'; table: string; where: Condition };

const COMPARATORS: Record<string, Comparator> = { '=': '=', '<>': '<>', '!=': '<>', '<': '<', '<=': '<=', '>': '>', '>=': '>=' };

export function parseStatement(statement: string, parameters: readonly AttributeValue[]): Statement {
  const parser = new Parser(statement, tokenize(statement), parameters);
  const parsed = parser.statement();
  parser.end();
  return parsed;
}

class Parser {
  private at = 0;
  private parameter = 0;

  constructor(
    private readonly source: string,
    private readonly tokens: Token[],
    private readonly parameters: readonly AttributeValue[],
  ) {}

  statement(): Statement {
    const verb = this.keyword();
    switch (verb) {
      case 'SELECT':
        return this.select();
      case 'INSERT': {
        this.expectKeyword('INTO');
        const table = this.name();
        this.expectKeyword('VALUE');
        const value = this.value();
        if (!('M' in value)) throw malformed(this.source);
        return { kind: 'insert', table, item: value.M };
      }
      case 'UPDATE': {
        const table = this.name();
        const actions: UpdateAction[] = [];
        while (this.isKeyword('SET') || this.isKeyword('REMOVE')) actions.push(...this.updateClause());
        if (actions.length === 0) throw malformed(this.source);
        this.expectKeyword('WHERE');
        return { kind: 'update', table, actions, where: this.condition() };
      }
      case 'DELETE': {
        this.expectKeyword('FROM');
        const table = this.name();
        this.expectKeyword('WHERE');
        return { kind: 'delete', table, where: this.condition() };
      }
      default:
        throw malformed(this.source);
    }
  }

  end(): void {
    if (this.peek().type !== 'eof') throw malformed(this.source);
    if (this.parameter !== this.parameters.length) throw parameterCountMismatch();
  }

  private select(): Statement {
    let projection: DocumentPath[] | undefined;
    if (this.accept('*')) {
      projection = undefined;
    } else {
      projection = [this.path()];
      while (this.accept(',')) projection.push(this.path());
    }
    this.expectKeyword('FROM');
    const table = this.name();
    const index = this.accept('.') ? this.name() : undefined;
    const where = this.acceptKeyword('WHERE') ? this.condition() : undefined;
    return { kind: 'select', table, ...(index === undefined ? {} : { index }), ...(projection ? { projection } : {}), ...(where ? { where } : {}) };
  }

  /** `SET a = 1, b = b + 1` or `REMOVE c, d`. */
  private updateClause(): UpdateAction[] {
    const verb = this.keyword();
    const actions: UpdateAction[] = [];
    do {
      const path = this.path();
      if (verb === 'REMOVE') {
        actions.push({ kind: 'REMOVE', path });
      } else {
        this.expect('=');
        actions.push({ kind: 'SET', path, value: this.setValue() });
      }
    } while (this.accept(','));
    return actions;
  }

  private setValue(): SetValue {
    let value = this.setTerm();
    for (let op = this.acceptAny('+', '-'); op; op = this.acceptAny('+', '-')) {
      value = { kind: 'arithmetic', op: op as '+' | '-', left: value, right: this.setTerm() };
    }
    return value;
  }

  private setTerm(): SetValue {
    const name = this.peek();
    if (name.type === 'name' && this.peek(1).text === '(') {
      const fn = name.text.toLowerCase();
      if (fn === 'list_append') {
        this.at += 2;
        const first = this.setValue();
        this.expect(',');
        const second = this.setValue();
        this.expect(')');
        return { kind: 'list_append', first, second };
      }
      if (fn === 'if_not_exists') {
        this.at += 2;
        const path = this.path();
        this.expect(',');
        const fallback = this.setValue();
        this.expect(')');
        return { kind: 'if_not_exists', path, fallback };
      }
    }
    return { kind: 'operand', operand: this.operand() };
  }

  private condition(): Condition {
    let left = this.conjunction();
    while (this.acceptKeyword('OR')) left = { kind: 'or', left, right: this.conjunction() };
    return left;
  }

  private conjunction(): Condition {
    let left = this.negation();
    while (this.acceptKeyword('AND')) left = { kind: 'and', left, right: this.negation() };
    return left;
  }

  private negation(): Condition {
    if (this.acceptKeyword('NOT')) return { kind: 'not', condition: this.negation() };
    return this.predicate();
  }

  private predicate(): Condition {
    if (this.accept('(')) {
      const inner = this.condition();
      this.expect(')');
      return inner;
    }
    const fn = this.peek();
    if (fn.type === 'name' && this.peek(1).text === '(') {
      const name = fn.text.toLowerCase();
      if (name === 'attribute_exists' || name === 'attribute_not_exists') {
        this.at += 2;
        const path = this.path();
        this.expect(')');
        return { kind: name, path };
      }
      if (name === 'begins_with' || name === 'contains' || name === 'attribute_type') {
        this.at += 2;
        const path = this.path();
        this.expect(',');
        const operand = this.operand();
        this.expect(')');
        return name === 'attribute_type' ? { kind: name, path, type: operand } : { kind: name, path, operand };
      }
    }
    const operand = this.operand();
    const op = COMPARATORS[this.peek().text];
    if (op && this.peek().type === 'punctuation') {
      this.at++;
      return { kind: 'compare', op, left: operand, right: this.operand() };
    }
    if (this.acceptKeyword('BETWEEN')) {
      const low = this.operand();
      this.expectKeyword('AND');
      return { kind: 'between', operand, low, high: this.operand() };
    }
    if (this.acceptKeyword('IN')) {
      let close = ']';
      if (!this.accept('[')) {
        this.expect('(');
        close = ')';
      }
      const list = [this.operand()];
      while (this.accept(',')) list.push(this.operand());
      this.expect(close);
      return { kind: 'in', operand, list };
    }
    if (this.acceptKeyword('IS') && operand.kind === 'path') {
      const negated = this.acceptKeyword('NOT');
      const what = this.keyword();
      if (what === 'MISSING') return { kind: negated ? 'attribute_exists' : 'attribute_not_exists', path: operand.path };
      if (what === 'NULL') {
        const isNull: Condition = { kind: 'attribute_type', path: operand.path, type: { kind: 'value', value: { S: 'NULL' } } };
        return negated ? { kind: 'not', condition: isNull } : isNull;
      }
    }
    throw malformed(this.source);
  }

  private operand(): Operand {
    const token = this.peek();
    if (token.type === 'name' && token.text.toLowerCase() === 'size' && this.peek(1).text === '(') {
      this.at += 2;
      const path = this.path();
      this.expect(')');
      return { kind: 'size', path };
    }
    if ((token.type === 'name' && !LITERAL_NAMES.has(token.text.toUpperCase())) || token.type === 'quotedName') {
      return { kind: 'path', path: this.path() };
    }
    return { kind: 'value', value: this.value() };
  }

  /** `a`, `"a b"`, `a.b[2].c`. */
  private path(): DocumentPath {
    const path: DocumentPath = [{ name: this.name() }];
    for (;;) {
      if (this.accept('.')) {
        path.push({ name: this.name() });
      } else if (this.accept('[')) {
        const index = this.next();
        if (index.type !== 'number' || !/^[0-9]+$/.test(index.text)) throw malformed(this.source);
        path.push({ index: Number(index.text) });
        this.expect(']');
      } else {
        return path;
      }
    }
  }

  /** A literal: 'string', number, true/false, null, {map}, [list], <<set>>, or `?`. */
  private value(): AttributeValue {
    const token = this.next();
    switch (token.type) {
      case 'string':
        return { S: token.text };
      case 'number':
        return { N: normalizeNumber(token.text) };
      case 'parameter': {
        const value = this.parameters[this.parameter++];
        if (value === undefined) throw parameterCountMismatch();
        return value;
      }
      case 'name': {
        const word = token.text.toUpperCase();
        if (word === 'TRUE' || word === 'FALSE') return { BOOL: word === 'TRUE' };
        if (word === 'NULL') return { NULL: true };
        break;
      }
      case 'punctuation':
        if (token.text === '-' && this.peek().type === 'number') return { N: normalizeNumber(`-${this.next().text}`) };
        if (token.text === '{') return this.map();
        if (token.text === '[') return { L: this.elements(']') };
        if (token.text === '<<') return this.set(this.elements('>>'));
        break;
    }
    throw malformed(this.source);
  }

  private map(): AttributeValue {
    const map: Item = {};
    if (this.accept('}')) return { M: map };
    do {
      const key = this.next();
      if (key.type !== 'string') throw malformed(this.source);
      this.expect(':');
      map[key.text] = this.value();
    } while (this.accept(','));
    this.expect('}');
    return { M: map };
  }

  private elements(close: string): AttributeValue[] {
    const elements: AttributeValue[] = [];
    if (this.accept(close)) return elements;
    do elements.push(this.value());
    while (this.accept(','));
    this.expect(close);
    return elements;
  }

  /** A set holds strings, numbers or binaries, one type only. */
  private set(elements: AttributeValue[]): AttributeValue {
    const types = new Set(elements.map((e) => Object.keys(e)[0]));
    if (elements.length === 0 || types.size !== 1) throw malformed(this.source);
    if (types.has('S')) return { SS: elements.map((e) => (e as { S: string }).S) };
    if (types.has('N')) return { NS: elements.map((e) => (e as { N: string }).N) };
    if (types.has('B')) return { BS: elements.map((e) => (e as { B: Uint8Array }).B) };
    throw malformed(this.source);
  }

  private name(): string {
    const token = this.next();
    if (token.type !== 'name' && token.type !== 'quotedName') throw malformed(this.source);
    return token.text;
  }

  private keyword(): string {
    const token = this.next();
    if (token.type !== 'name') throw malformed(this.source);
    return token.text.toUpperCase();
  }

  private isKeyword(word: string): boolean {
    const token = this.peek();
    return token.type === 'name' && token.text.toUpperCase() === word;
  }

  private acceptKeyword(word: string): boolean {
    if (!this.isKeyword(word)) return false;
    this.at++;
    return true;
  }

  private expectKeyword(word: string): void {
    if (!this.acceptKeyword(word)) throw malformed(this.source);
  }

  private accept(text: string): boolean {
    const token = this.peek();
    if (token.type !== 'punctuation' || token.text !== text) return false;
    this.at++;
    return true;
  }

  private acceptAny(...texts: string[]): string | undefined {
    return texts.find((text) => this.accept(text));
  }

  private expect(text: string): void {
    if (!this.accept(text)) throw malformed(this.source);
  }

  private peek(ahead = 0): Token {
    return this.tokens[Math.min(this.at + ahead, this.tokens.length - 1)]!;
  }

  private next(): Token {
    const token = this.peek();
    this.at++;
    return token;
  }
}

/** Bare words that are values, not attribute names. */
const LITERAL_NAMES = new Set(['TRUE', 'FALSE', 'NULL']);
