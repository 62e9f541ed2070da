/**
 * What the three expression grammars share: a token cursor, DynamoDB's syntax error,
 * document paths, `:value` operands, and the order of checks. DynamoDB reports a syntax
 * error anywhere before any other problem, then runs its checks in stages over the whole
 * expression (an unknown function before a reserved word before an undefined `#name`),
 * so every check is queued under its stage while parsing and run once parsing succeeded.
 */
import type { AttributeValue } from './attribute-value.js';
import type { DocumentPath, Operand, PathElement } from './ast.js';
import { tokenize, type Token } from './lexer.js';
import { invalid, type ExpressionAttributes, type ExpressionKind } from './placeholders.js';
import { isReservedWord } from './reserved-words.js';

/** The stages of DynamoDB's checks after parsing, in the order it runs them. */
export enum Stage {
  FunctionNames,
  ReservedWords,
  Sections,
  Placeholders,
  Operands,
  Paths,
}

export abstract class Parser<T> {
  private readonly tokens: Token[];
  private at = 0;
  private readonly stages: (() => void)[][] = Array.from({ length: Stage.Paths + 1 }, () => []);

  constructor(
    protected readonly kind: ExpressionKind,
    private readonly expression: string,
    protected readonly attributes: ExpressionAttributes,
  ) {
    this.tokens = tokenize(expression);
  }

  parse(): T {
    if (this.peek().type === 'eof') throw this.error('The expression can not be empty;');
    this.attributes.noteExpression();
    const result = this.parseExpression();
    if (this.peek().type !== 'eof') throw this.syntaxError();
    for (const checks of this.stages) for (const check of checks) check();
    return result;
  }

  protected defer(stage: Stage, check: () => void): void {
    this.stages[stage]!.push(check);
  }

  protected abstract parseExpression(): T;

  /** The grammar's own words, which can never be attribute names (`SET a = set` is a syntax error). */
  protected abstract readonly keywords: ReadonlySet<string>;

  protected peek(offset = 0): Token {
    return this.tokens[Math.min(this.at + offset, this.tokens.length - 1)]!;
  }

  protected next(): Token {
    const token = this.peek();
    if (token.type !== 'eof') this.at += 1;
    return token;
  }

  /** True (and consumed) when the next token is this operator. */
  protected accept(operator: string): boolean {
    const token = this.peek();
    if (token.type !== 'operator' || token.text !== operator) return false;
    this.at += 1;
    return true;
  }

  protected expect(operator: string): void {
    if (!this.accept(operator)) throw this.syntaxError();
  }

  /** Keywords (AND, BETWEEN, SET...) are case-insensitive names. */
  protected isKeyword(word: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token.type === 'name' && token.text.toUpperCase() === word;
  }

  protected acceptKeyword(word: string): boolean {
    if (!this.isKeyword(word)) return false;
    this.at += 1;
    return true;
  }

  protected error(detail: string): Error {
    return invalid(this.kind, detail);
  }

  /** DynamoDB names the offending token and the text from the token before to the one after. */
  protected syntaxError(): Error {
    const token = this.peek();
    const before = this.tokens[this.at - 1];
    const after = token.type === 'eof' ? undefined : this.tokens[this.at + 1];
    const end = after?.end ?? (token.type === 'eof' ? (before?.end ?? token.end) : token.end);
    const near = this.expression.slice(before?.start ?? token.start, end);
    return this.error(`Syntax error; token: "${token.text}", near: "${near}"`);
  }

  protected isFunctionCall(): boolean {
    return this.peek().type === 'name' && this.peek(1).type === 'operator' && this.peek(1).text === '(';
  }

  protected parsePath(): DocumentPath {
    const path: DocumentPath = [this.parsePathName()];
    for (;;) {
      if (this.accept('.')) path.push(this.parsePathName());
      else if (this.accept('[')) {
        const index = this.next();
        if (index.type !== 'integer') {
          this.at -= index.type === 'eof' ? 0 : 1;
          throw this.syntaxError();
        }
        this.expect(']');
        path.push({ index: Number(index.text) });
      } else return path;
    }
  }

  private parsePathName(): PathElement {
    const token = this.peek();
    const keyword = token.type === 'name' && this.keywords.has(token.text.toUpperCase());
    if ((token.type !== 'name' && token.type !== 'attributeName') || keyword) throw this.syntaxError();
    this.at += 1;
    const element = { name: token.text };
    if (token.type === 'attributeName') {
      this.defer(Stage.Placeholders, () => {
        element.name = this.attributes.name(this.kind, token.text);
      });
    } else if (isReservedWord(token.text)) {
      this.defer(Stage.ReservedWords, () => {
        throw this.error(`Attribute name is a reserved keyword; reserved keyword: ${token.text}`);
      });
    }
    return element;
  }

  /** A `:value` placeholder; the value is filled in once the expression parsed. */
  protected parseValue(): { kind: 'value'; value: AttributeValue } {
    const token = this.next();
    if (token.type !== 'attributeValue') {
      this.at -= 1;
      throw this.syntaxError();
    }
    const operand: { kind: 'value'; value: AttributeValue } = { kind: 'value', value: { NULL: true } };
    this.defer(Stage.Placeholders, () => {
      operand.value = this.attributes.value(this.kind, token.text);
    });
    return operand;
  }

  /** A path or a `:value`. */
  protected parsePlainOperand(): Operand {
    return this.peek().type === 'attributeValue' ? this.parseValue() : { kind: 'path', path: this.parsePath() };
  }

  /** `name(` ... `)`: the arguments, each parsed by `argument`. */
  protected parseArguments<A>(argument: () => A): A[] {
    this.expect('(');
    const args = [argument()];
    while (this.accept(',')) args.push(argument());
    this.expect(')');
    return args;
  }

  /**
   * Queues the operand count check. The caller may build its node from missing
   * arguments meanwhile: the queued check throws before `parse` returns that node.
   */
  protected checkArity(name: string, args: readonly unknown[], count: number): void {
    if (args.length === count) return;
    this.defer(Stage.Operands, () => {
      throw this.error(`Incorrect number of operands for operator or function; operator or function: ${name}, number of operands: ${args.length}`);
    });
  }

  /** The operand's path; for any other operand, queues DynamoDB's complaint (see `checkArity`). */
  protected requirePath(name: string, operand: Operand | undefined): DocumentPath {
    if (operand?.kind === 'path') return operand.path;
    this.defer(Stage.Operands, () => {
      throw this.error(`Operator or function requires a document path; operator or function: ${name}`);
    });
    return [];
  }

  /** Queues DynamoDB's complaint about a function it knows by another name or not at all. */
  protected rejectFunction(detail: string): void {
    this.defer(Stage.FunctionNames, () => {
      throw this.error(detail);
    });
  }
}
