/**
 * Logs Insights query text to a Query (ast.ts), following "CloudWatch Logs Insights language
 * query syntax": commands joined by `|`; expressions with `and`/`or`/`not`, comparisons,
 * `like`, `=~`, `in [...]`, arithmetic and function calls. Regexes and glob patterns are
 * compiled here, once per query, never per event.
 */
import type { BinaryOperator, Command, Expression, Named, Query, SortKey } from './ast.js';
import { AGGREGATES } from './aggregates.js';
import { ARITY } from './functions.js';
import { tokenize, type Token } from './lexer.js';
import { QuerySyntaxError } from './syntax-error.js';

/** The most rows a query returns, and the most `limit` may ask for (StartQuery, `limit`). */
export const MAX_RESULTS = 10_000;

const COMMANDS = new Set(['fields', 'display', 'filter', 'stats', 'sort', 'limit', 'parse', 'dedup']);
const COMPARISONS = new Set(['=', '!=', '<', '<=', '>', '>=']);

export function parseQuery(text: string): Query {
  const parser = new Parser(text, tokenize(text));
  return parser.query();
}

class Parser {
  private at = 0;
  /** Aggregate functions are stats' own: allowed only in its list of aggregations. */
  private inAggregation = false;
  /** After a stats, `count(*)` elsewhere names the column that stats made (`sort count(*) desc`). */
  private afterStats = false;

  constructor(
    private readonly text: string,
    private readonly tokens: Token[],
  ) {}

  query(): Query {
    const commands: Command[] = [];
    if (this.peek().kind === 'end') throw this.unexpected();
    let stats = 0;
    let deduplicated = false;
    for (;;) {
      const start = this.peek();
      const command = this.command();
      // AWS refuses a third stats, and a sort after dedup, at the command's word.
      if ((command.kind === 'stats' && ++stats > 2) || (command.kind === 'sort' && deduplicated)) throw new QuerySyntaxError(start.text, start.start, start.end);
      deduplicated ||= command.kind === 'dedup';
      commands.push(command);
      if (this.peek().kind === 'end') break;
      this.expectSymbol('|');
    }
    return { commands };
  }

  private command(): Command {
    const token = this.peek();
    const name = token.kind === 'name' ? token.text.toLowerCase() : '';
    if (!COMMANDS.has(name)) throw this.unexpected();
    this.at++;
    switch (name) {
      case 'fields':
        return { kind: 'fields', items: this.list(() => this.named()) };
      case 'display':
        return { kind: 'display', names: this.list(() => this.fieldName()) };
      case 'filter':
        return { kind: 'filter', condition: this.expression() };
      case 'stats':
        return this.stats();
      case 'sort':
        return { kind: 'sort', keys: this.list(() => this.sortKey()) };
      case 'limit':
        return this.limit();
      case 'parse':
        return this.parse();
      default:
        return { kind: 'dedup', names: this.list(() => this.fieldName()) };
    }
  }

  private stats(): Command {
    const aggregates = this.list(() => {
      const start = this.peek();
      this.inAggregation = true;
      const item = this.named();
      this.inAggregation = false;
      if (item.expression.kind !== 'call' || !AGGREGATES.has(item.expression.name)) {
        throw new QuerySyntaxError(this.source(start.start, start.end), start.start, start.end, `${this.source(start.start, start.end)} is not an aggregate function`);
      }
      return item;
    });
    const groups = this.keyword('by') ? this.list(() => this.named()) : [];
    this.afterStats = true;
    return { kind: 'stats', aggregates, groups };
  }

  private sortKey(): SortKey {
    const expression = this.expression();
    if (this.keyword('desc')) return { expression, descending: true };
    this.keyword('asc');
    return { expression, descending: false };
  }

  private limit(): Command {
    const token = this.peek();
    if (token.kind !== 'number' || !Number.isInteger(token.value) || token.value! < 1 || token.value! > MAX_RESULTS) throw this.unexpected();
    this.at++;
    return { kind: 'limit', count: token.value! };
  }

  private parse(): Command {
    const source: Expression = this.peek().kind === 'string' || this.peek().kind === 'regex' ? { kind: 'field', name: '@message' } : this.primary();
    const token = this.peek();
    if (token.kind === 'regex') {
      this.at++;
      const pattern = this.regex(token);
      const names = [...token.text.matchAll(/\(\?<([A-Za-z_][A-Za-z0-9_]*)>/g)].map((match) => match[1]!);
      if (names.length === 0) throw new QuerySyntaxError(token.text, token.start, token.end, 'parse regex needs at least one named capture group');
      return { kind: 'parse', source, pattern, names };
    }
    if (token.kind !== 'string') throw this.unexpected();
    this.at++;
    const wildcards = token.text.split('*').length - 1;
    if (!this.keyword('as')) throw this.unexpected();
    const names = this.list(() => this.fieldName());
    if (names.length !== wildcards) {
      throw new QuerySyntaxError(token.text, token.start, token.end, `parse pattern has ${wildcards} wildcards but ${names.length} field names`);
    }
    return { kind: 'parse', source, pattern: globPattern(token.text), names };
  }

  private named(): Named {
    const start = this.peek().start;
    const expression = this.expression();
    const text = this.source(start, this.tokens[this.at - 1]!.end);
    return { expression, name: this.keyword('as') ? this.fieldName() : text };
  }

  private fieldName(): string {
    const token = this.peek();
    if (token.kind !== 'name' || isKeyword(token.text)) throw this.unexpected();
    this.at++;
    return token.text;
  }

  private list<T>(item: () => T): T[] {
    const items = [item()];
    while (this.symbol(',')) items.push(item());
    return items;
  }

  // Expressions, loosest first.

  private expression(): Expression {
    let left = this.conjunction();
    while (this.keyword('or')) left = { kind: 'binary', operator: 'or', left, right: this.conjunction() };
    return left;
  }

  private conjunction(): Expression {
    let left = this.negation();
    while (this.keyword('and')) left = { kind: 'binary', operator: 'and', left, right: this.negation() };
    return left;
  }

  private negation(): Expression {
    if (this.keyword('not')) return { kind: 'not', operand: this.negation() };
    return this.comparison();
  }

  private comparison(): Expression {
    const subject = this.additive();
    const token = this.peek();
    if (token.kind === 'symbol' && COMPARISONS.has(token.text)) {
      this.at++;
      return { kind: 'binary', operator: token.text as BinaryOperator, left: subject, right: this.additive() };
    }
    if (token.kind === 'symbol' && token.text === '=~') {
      this.at++;
      return { kind: 'like', subject, pattern: this.likePattern(), negated: false };
    }
    const negated = this.keywordPair('not', 'like') || this.keywordPair('not', 'in');
    const verb = negated ? this.tokens[this.at - 1]!.text.toLowerCase() : this.keyword('like') ? 'like' : this.keyword('in') ? 'in' : undefined;
    if (verb === 'like') return { kind: 'like', subject, pattern: this.likePattern(), negated };
    if (verb === 'in') {
      this.expectSymbol('[');
      const values = this.peek().text === ']' ? [] : this.list(() => this.additive());
      this.expectSymbol(']');
      return { kind: 'in', subject, values, negated };
    }
    return subject;
  }

  private likePattern(): RegExp | string {
    const token = this.peek();
    this.at++;
    if (token.kind === 'regex') return this.regex(token);
    if (token.kind === 'string') return token.text;
    this.at--;
    throw this.unexpected();
  }

  private additive(): Expression {
    let left = this.multiplicative();
    for (let token = this.peek(); token.kind === 'symbol' && (token.text === '+' || token.text === '-'); token = this.peek()) {
      this.at++;
      left = { kind: 'binary', operator: token.text, left, right: this.multiplicative() };
    }
    return left;
  }

  private multiplicative(): Expression {
    let left = this.power();
    for (let token = this.peek(); token.kind === 'symbol' && (token.text === '*' || token.text === '/' || token.text === '%'); token = this.peek()) {
      this.at++;
      left = { kind: 'binary', operator: token.text, left, right: this.power() };
    }
    return left;
  }

  private power(): Expression {
    const base = this.unary();
    if (this.symbol('^')) return { kind: 'binary', operator: '^', left: base, right: this.power() };
    return base;
  }

  private unary(): Expression {
    if (this.symbol('-')) return { kind: 'negate', operand: this.unary() };
    return this.primary();
  }

  private primary(): Expression {
    const token = this.peek();
    switch (token.kind) {
      case 'number':
        this.at++;
        return { kind: 'literal', value: token.value! };
      case 'string':
        this.at++;
        return { kind: 'literal', value: token.text };
      case 'duration':
        this.at++;
        return { kind: 'duration', ms: token.value! };
      case 'regex':
        this.at++;
        return { kind: 'regex', regex: this.regex(token) };
      case 'name':
        if (isKeyword(token.text)) throw this.unexpected();
        this.at++;
        return this.symbol('(') ? this.call(token) : { kind: 'field', name: token.text };
      default:
        if (this.symbol('(')) {
          const inner = this.expression();
          this.expectSymbol(')');
          return inner;
        }
        throw this.unexpected();
    }
  }

  private call(token: Token): Expression {
    const name = token.text.toLowerCase();
    const aggregate = AGGREGATES.get(name);
    const arity = aggregate?.args ?? ARITY[name];
    if (arity === undefined) throw new QuerySyntaxError(token.text, token.start, token.end, `unknown function ${token.text}`);
    if (aggregate && !this.inAggregation && !this.afterStats) throw new QuerySyntaxError(token.text, token.start, token.end, `${token.text} can only be used in stats`);
    const call = this.callArguments(token, name, aggregate?.star ?? false, arity);
    return aggregate && !this.inAggregation ? { kind: 'field', name: this.source(token.start, this.tokens[this.at - 1]!.end) } : call;
  }

  private callArguments(token: Token, name: string, starred: boolean, arity: readonly [number, number]): Expression {
    let call: Expression & { kind: 'call' };
    if (this.symbol(')')) {
      call = { kind: 'call', name, args: [], star: false };
    } else if (starred && this.peek().text === '*' && this.tokens[this.at + 1]?.text === ')') {
      this.at += 2;
      return { kind: 'call', name, args: [], star: true };
    } else {
      call = { kind: 'call', name, args: this.list(() => this.expression()), star: false };
      this.expectSymbol(')');
    }
    if (call.args.length < arity[0] || call.args.length > arity[1]) {
      const end = this.tokens[this.at - 1]!.end;
      throw new QuerySyntaxError(this.source(token.start, end), token.start, end, `wrong number of arguments to ${token.text}`);
    }
    return call;
  }

  private regex(token: Token): RegExp {
    // AWS's regexes are Java's: a leading (?i) is JavaScript's `i` flag.
    let source = token.text;
    let flags = token.flags ?? '';
    while (source.startsWith('(?i)')) {
      source = source.slice(4);
      if (!flags.includes('i')) flags += 'i';
    }
    try {
      return new RegExp(source, flags.replace(/[^ims]/g, ''));
    } catch {
      throw new QuerySyntaxError(token.text, token.start, token.end, `invalid regular expression /${token.text}/`);
    }
  }

  // Tokens.

  private peek(): Token {
    return this.tokens[this.at]!;
  }

  private symbol(text: string): boolean {
    const token = this.peek();
    if (token.kind !== 'symbol' || token.text !== text) return false;
    this.at++;
    return true;
  }

  private expectSymbol(text: string): void {
    if (!this.symbol(text)) throw this.unexpected();
  }

  private keyword(word: string): boolean {
    const token = this.peek();
    if (token.kind !== 'name' || token.text.toLowerCase() !== word) return false;
    this.at++;
    return true;
  }

  private keywordPair(first: string, second: string): boolean {
    const [a, b] = [this.peek(), this.tokens[this.at + 1]];
    if (a.kind !== 'name' || b?.kind !== 'name' || a.text.toLowerCase() !== first || b.text.toLowerCase() !== second) return false;
    this.at += 2;
    return true;
  }

  private unexpected(): QuerySyntaxError {
    const token = this.peek();
    return new QuerySyntaxError(token.kind === 'end' ? '<EOF>' : this.source(token.start, token.end), token.start, token.end);
  }

  private source(start: number, end: number): string {
    return this.text.slice(start, end);
  }
}

const KEYWORDS = new Set(['and', 'or', 'not', 'like', 'in', 'as', 'by', 'asc', 'desc']);

function isKeyword(text: string): boolean {
  return KEYWORDS.has(text.toLowerCase());
}

/**
 * `parse`'s glob: the text around each `*` matches literally, each `*` captures as little as
 * it can (the last one everything to the end), anywhere in the field.
 */
export function globPattern(glob: string): RegExp {
  const parts = glob.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const last = parts.length - 2;
  return new RegExp(parts.map((part, i) => (i <= last ? `${part}(${i === last && parts.at(-1) === '' ? '.*' : '.*?'})` : part)).join(''), 's');
}
