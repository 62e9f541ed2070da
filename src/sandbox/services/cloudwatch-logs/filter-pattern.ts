/**
 * CloudWatch Logs filter patterns ("Filter pattern syntax for metric filters, subscription
 * filters, filter log events, and Live Tail"): terms, quoted phrases, `?` alternatives and
 * `-` exclusions over unstructured text; `{ $.field op value }` over JSON events, joined by
 * `&&` and `||` with parentheses; `[a, b, ..., c=4*]` over space-delimited events.
 *
 * Regular expressions (`%ERROR|WARN%`) stand alone or compare a JSON property or a field
 * (`{ $.level = %ERR.*% }`, `[w1 = %4\d\d%, ...]`), at most 2 in a structured pattern.
 *
 * A pattern is parsed once into a small tree and matched with plain string work, and its
 * regular expressions with the NFA of filter-regex.ts: no text of the caller ever becomes a
 * RegExp, so a pattern cannot make matching backtrack.
 *
 * A match carries the values a metric filter can use ("Filter pattern syntax for metric
 * filters": metricValue `$.latency`, `$size`, `$7`): every selector of a JSON pattern with
 * the event's value, and every field of a space-delimited event, `$name` for a named field and
 * `$position` (from 1) for one matched by `...` or a literal.
 */
import { FilterPatternError } from './filter-errors.js';
import { compileRegex, type RegexMatcher } from './filter-regex.js';

export { FilterPatternError } from './filter-errors.js';

export type Matcher = (message: string) => boolean;

export type FilterSyntax = 'unstructured' | 'json' | 'delimited';

export interface FilterMatch {
  /** What TestMetricFilter reports: `$.field` -> value, `$name` / `$3` -> value. */
  extractedValues: Record<string, string>;
  /** A space-delimited event's fields in order, which `$3` also names when the third is named. */
  fields?: string[];
}

export interface CompiledFilter {
  readonly syntax: FilterSyntax;
  /** How many `%...%` expressions the pattern holds. */
  readonly regexCount: number;
  /** The match of an event, undefined when it does not match. */
  match(message: string): FilterMatch | undefined;
}

/** The structured patterns' limit on regular expressions (the syntax page's Quotas). */
export const REGEX_PER_PATTERN = 2;

export function parseFilterPattern(pattern: string): CompiledFilter {
  const text = pattern.trim();
  if (text === '') return { syntax: 'unstructured', regexCount: 0, match: () => ({ extractedValues: {} }) };
  if (text.startsWith('{')) return limited(jsonFilter(text));
  if (text.startsWith('[')) return limited(delimitedFilter(text));
  if (text.length >= 2 && text.startsWith('%') && text.endsWith('%')) {
    const regex = compileRegex(text.slice(1, -1));
    return { syntax: 'unstructured', regexCount: 1, match: (message) => (regex(message) ? { extractedValues: {} } : undefined) };
  }
  const matches = termMatcher(text);
  return { syntax: 'unstructured', regexCount: 0, match: (message) => (matches(message) ? { extractedValues: {} } : undefined) };
}

export function compileFilterPattern(pattern: string): Matcher {
  const filter = parseFilterPattern(pattern);
  return (message) => filter.match(message) !== undefined;
}

function limited(filter: CompiledFilter): CompiledFilter {
  if (filter.regexCount > REGEX_PER_PATTERN) {
    throw new FilterPatternError(`A filter pattern can contain at most ${REGEX_PER_PATTERN} regular expressions`);
  }
  return filter;
}

// --- Terms -------------------------------------------------------------------------------

/** `ERROR Exception` (all), `?ERROR ?WARN` (any), `ERROR -Retry` (without), `"Failed to"` (a phrase). */
function termMatcher(text: string): Matcher {
  const all: string[] = [];
  const any: string[] = [];
  const none: string[] = [];
  for (const { value, prefix } of splitTerms(text)) {
    (prefix === '?' ? any : prefix === '-' ? none : all).push(value);
  }
  return (message) =>
    all.every((term) => message.includes(term)) &&
    (any.length === 0 || any.some((term) => message.includes(term))) &&
    !none.some((term) => message.includes(term));
}

function splitTerms(text: string): { value: string; prefix: '' | '?' | '-' }[] {
  const terms: { value: string; prefix: '' | '?' | '-' }[] = [];
  let i = 0;
  while (i < text.length) {
    if (/\s/.test(text[i]!)) {
      i++;
      continue;
    }
    let prefix: '' | '?' | '-' = '';
    if (text[i] === '?' || text[i] === '-') prefix = text[i++] as '?' | '-';
    if (text[i] === '"') {
      const end = text.indexOf('"', i + 1);
      if (end < 0) throw new FilterPatternError(`Unterminated quoted term in filter pattern: ${text}`);
      terms.push({ value: text.slice(i + 1, end), prefix });
      i = end + 1;
    } else {
      const start = i;
      while (i < text.length && !/\s/.test(text[i]!)) i++;
      const value = text.slice(start, i);
      if (value === '') throw new FilterPatternError(`Empty term in filter pattern: ${text}`);
      terms.push({ value, prefix });
    }
  }
  return terms;
}

// --- Values and comparisons shared by JSON and space-delimited patterns --------------------

type Operator = '=' | '!=' | '<' | '>' | '<=' | '>=';

/** A literal a field is compared with; `*` in a string is a wildcard; `%...%` a regular expression. */
type Literal =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' }
  | { kind: 'regex'; matches: RegexMatcher };

function compare(actual: unknown, op: Operator, literal: Literal): boolean {
  if (literal.kind === 'number') {
    const number = typeof actual === 'number' ? actual : typeof actual === 'string' && actual.trim() !== '' ? Number(actual) : NaN;
    if (Number.isNaN(number)) return op === '!=';
    switch (op) {
      case '=': return number === literal.value;
      case '!=': return number !== literal.value;
      case '<': return number < literal.value;
      case '>': return number > literal.value;
      case '<=': return number <= literal.value;
      case '>=': return number >= literal.value;
    }
  }
  let equal: boolean;
  if (literal.kind === 'boolean') equal = actual === literal.value;
  else if (literal.kind === 'null') equal = actual === null;
  else if (literal.kind === 'regex') equal = (typeof actual === 'string' || typeof actual === 'number') && literal.matches(String(actual));
  else equal = (typeof actual === 'string' || typeof actual === 'number') && wildcardEquals(String(actual), literal.value);
  if (op === '=') return equal;
  if (op === '!=') return !equal;
  throw new FilterPatternError(`The operator ${op} compares numbers only`);
}

/**
 * `value` against a pattern whose `*` stands for any text: the pieces between stars are found
 * left to right, each at its first place after the last, which is linear and exact for stars.
 */
export function wildcardEquals(value: string, pattern: string): boolean {
  const pieces = pattern.split('*');
  if (pieces.length === 1) return value === pattern;
  const first = pieces[0]!;
  const last = pieces[pieces.length - 1]!;
  if (value.length < first.length + last.length || !value.startsWith(first) || !value.endsWith(last)) return false;
  let at = first.length;
  const end = value.length - last.length;
  for (const piece of pieces.slice(1, -1)) {
    const found = value.indexOf(piece, at);
    if (found < 0 || found + piece.length > end) return false;
    at = found + piece.length;
  }
  return true;
}

/** A small tokenizer for the expression parts of JSON and space-delimited patterns. */
class Tokens {
  private at = 0;
  /** The `%...%` literals read so far. */
  regexCount = 0;
  constructor(private readonly text: string) {}

  skipSpace(): void {
    while (this.at < this.text.length && /\s/.test(this.text[this.at]!)) this.at++;
  }

  peek(word: string): boolean {
    this.skipSpace();
    return this.text.startsWith(word, this.at);
  }

  take(word: string): boolean {
    if (!this.peek(word)) return false;
    this.at += word.length;
    return true;
  }

  expect(word: string): void {
    if (!this.take(word)) throw new FilterPatternError(`Expected '${word}' at position ${this.at} of filter pattern: ${this.text}`);
  }

  done(): boolean {
    this.skipSpace();
    return this.at >= this.text.length;
  }

  operator(): Operator {
    for (const op of ['!=', '<=', '>=', '=', '<', '>'] as const) if (this.take(op)) return op;
    throw new FilterPatternError(`Expected a comparison operator at position ${this.at} of filter pattern: ${this.text}`);
  }

  /** Characters up to one of `stops` (outside quotes), trimmed. */
  until(stops: string): string {
    this.skipSpace();
    const start = this.at;
    while (this.at < this.text.length && !stops.includes(this.text[this.at]!) && !this.text.startsWith('&&', this.at) && !this.text.startsWith('||', this.at)) {
      this.at++;
    }
    return this.text.slice(start, this.at).trim();
  }

  literal(): Literal {
    this.skipSpace();
    if (this.text[this.at] === '"') {
      const end = this.text.indexOf('"', this.at + 1);
      if (end < 0) throw new FilterPatternError(`Unterminated string in filter pattern: ${this.text}`);
      const value = this.text.slice(this.at + 1, end);
      this.at = end + 1;
      return { kind: 'string', value };
    }
    if (this.text[this.at] === '%') {
      const end = this.text.indexOf('%', this.at + 1);
      if (end < 0) throw new FilterPatternError(`Unterminated regular expression in filter pattern: ${this.text}`);
      const matches = compileRegex(this.text.slice(this.at + 1, end));
      this.at = end + 1;
      this.regexCount++;
      return { kind: 'regex', matches };
    }
    const word = this.until(' \t)],}');
    if (word === '') throw new FilterPatternError(`Expected a value at position ${this.at} of filter pattern: ${this.text}`);
    if (word === 'true' || word === 'false') return { kind: 'boolean', value: word === 'true' };
    if (word === 'null') return { kind: 'null' };
    if (/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(word)) return { kind: 'number', value: Number(word) };
    return { kind: 'string', value: word };
  }
}

/** `a && b || c`, `&&` binding tighter, with parentheses: how both structured syntaxes join conditions. */
function parseOr<T>(tokens: Tokens, condition: () => (event: T) => boolean): (event: T) => boolean {
  const parseAnd = (): ((event: T) => boolean) => {
    const parts = [parseUnit()];
    while (tokens.take('&&')) parts.push(parseUnit());
    return parts.length === 1 ? parts[0]! : (event) => parts.every((part) => part(event));
  };
  const parseUnit = (): ((event: T) => boolean) => {
    if (tokens.take('(')) {
      const inner = parseOr(tokens, condition);
      tokens.expect(')');
      return inner;
    }
    return condition();
  };
  const parts = [parseAnd()];
  while (tokens.take('||')) parts.push(parseAnd());
  return parts.length === 1 ? parts[0]! : (event) => parts.some((part) => part(event));
}

// --- JSON patterns -------------------------------------------------------------------------

const ABSENT = Symbol('absent');

/** `{ $.level = "ERROR" && ($.latency > 500 || $.user.id NOT EXISTS) }` */
function jsonFilter(text: string): CompiledFilter {
  // AWS's own words for this one (InvalidParameterException).
  if (!text.endsWith('}')) throw new FilterPatternError("If a filter pattern starts with '{' it must end with '}'");
  const tokens = new Tokens(text.slice(1, -1));
  const selectors = new Map<string, (string | number)[]>();
  const test = parseOr<unknown>(tokens, () => jsonCondition(tokens, selectors));
  if (!tokens.done()) throw new FilterPatternError(`Unexpected text in filter pattern: ${text}`);
  return {
    syntax: 'json',
    regexCount: tokens.regexCount,
    match: (message) => {
      let event: unknown;
      try {
        event = JSON.parse(message);
      } catch {
        return undefined;
      }
      if (typeof event !== 'object' || event === null || !test(event)) return undefined;
      const extractedValues: Record<string, string> = {};
      for (const [selector, path] of selectors) {
        const value = valueAt(event, path);
        if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) extractedValues[selector] = String(value);
      }
      return { extractedValues };
    },
  };
}

function jsonCondition(tokens: Tokens, selectors: Map<string, (string | number)[]>): (event: unknown) => boolean {
  const selector = tokens.until(' \t=!<>)&|');
  if (!selector.startsWith('$')) throw new FilterPatternError(`A JSON filter pattern compares selectors that start with '$': ${selector}`);
  const path = selectorPath(selector);
  selectors.set(selector, path);
  if (tokens.take('IS NULL')) return (event) => valueAt(event, path) === null;
  if (tokens.take('NOT EXISTS')) return (event) => valueAt(event, path) === ABSENT;
  if (tokens.take('IS TRUE')) return (event) => valueAt(event, path) === true;
  if (tokens.take('IS FALSE')) return (event) => valueAt(event, path) === false;
  const op = tokens.operator();
  const literal = tokens.literal();
  if (literal.kind !== 'number' && op !== '=' && op !== '!=') throw new FilterPatternError(`The operator ${op} compares numbers only`);
  return (event) => {
    const value = valueAt(event, path);
    return value !== ABSENT && compare(value, op, literal);
  };
}

/** `$.a.b[0].c` -> ['a', 'b', 0, 'c']. */
function selectorPath(selector: string): (string | number)[] {
  const path: (string | number)[] = [];
  const rest = selector.slice(1);
  let i = 0;
  while (i < rest.length) {
    if (rest[i] === '.') {
      const start = ++i;
      while (i < rest.length && rest[i] !== '.' && rest[i] !== '[') i++;
      if (i === start) throw new FilterPatternError(`Invalid selector: ${selector}`);
      path.push(rest.slice(start, i));
    } else if (rest[i] === '[') {
      const end = rest.indexOf(']', i);
      const index = rest.slice(i + 1, end);
      if (end < 0 || !/^\d+$/.test(index)) throw new FilterPatternError(`Invalid selector: ${selector}`);
      path.push(Number(index));
      i = end + 1;
    } else {
      throw new FilterPatternError(`Invalid selector: ${selector}`);
    }
  }
  return path;
}

function valueAt(event: unknown, path: readonly (string | number)[]): unknown {
  let value: unknown = event;
  for (const step of path) {
    if (typeof step === 'number' ? !Array.isArray(value) || step >= value.length : typeof value !== 'object' || value === null || Array.isArray(value) || !Object.hasOwn(value, step)) {
      return ABSENT;
    }
    value = (value as Record<string | number, unknown>)[step];
  }
  return value;
}

// --- Space-delimited patterns ----------------------------------------------------------------

/** One field of `[ip, user, ..., status=4*, bytes>1000]`: `...` takes any number of fields. */
type Field = { kind: 'any' } | { kind: 'one'; name?: string; test: (value: string) => boolean };

function delimitedFilter(text: string): CompiledFilter {
  if (!text.endsWith(']')) throw new FilterPatternError(`A space-delimited filter pattern ends with ']': ${text}`);
  let regexCount = 0;
  const fields = splitTopLevel(text.slice(1, -1)).map((part) => {
    const { field, regexes } = delimitedField(part);
    regexCount += regexes;
    return field;
  });
  return {
    syntax: 'delimited',
    regexCount,
    match: (message) => {
      const values = delimitedValues(message);
      const owners = fieldsMatch(fields, values);
      if (!owners) return undefined;
      const extractedValues: Record<string, string> = {};
      values.forEach((value, i) => {
        const owner = fields[owners[i]!];
        extractedValues[owner?.kind === 'one' && owner.name !== undefined ? `$${owner.name}` : `$${i + 1}`] = value;
      });
      return { extractedValues, fields: values };
    },
  };
}

/** Commas outside quotes and regular expressions split fields. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let quoted: string | undefined;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '"' || text[i] === '%') {
      if (quoted === undefined) quoted = text[i];
      else if (quoted === text[i]) quoted = undefined;
    } else if (text[i] === ',' && quoted === undefined) {
      parts.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(text.slice(start).trim());
  return parts;
}

function delimitedField(text: string): { field: Field; regexes: number } {
  if (text === '...') return { field: { kind: 'any' }, regexes: 0 };
  if (text === '') throw new FilterPatternError('Empty field in space-delimited filter pattern');
  if (!/[=<>!]/.test(text.replace(/"[^"]*"/g, '').replace(/%[^%]*%/g, ''))) {
    // A bare name matches any one field; a quoted literal names the field's exact value.
    if (text.startsWith('"') || text.startsWith('%')) {
      const tokens = new Tokens(text);
      const literal = tokens.literal();
      return { field: { kind: 'one', test: (value) => compare(value, '=', literal) }, regexes: tokens.regexCount };
    }
    return { field: { kind: 'one', name: text, test: () => true }, regexes: 0 };
  }
  const tokens = new Tokens(text);
  let name: string | undefined;
  const test = parseOr<string>(tokens, () => {
    const named = tokens.until(' \t=!<>');
    name ??= named === '' ? undefined : named;
    const op = tokens.operator();
    const literal = tokens.literal();
    if (literal.kind !== 'number' && op !== '=' && op !== '!=') throw new FilterPatternError(`The operator ${op} compares numbers only`);
    return (value) => compare(value, op, literal);
  });
  if (!tokens.done()) throw new FilterPatternError(`Unexpected text in filter pattern field: ${text}`);
  return { field: { kind: 'one', ...(name === undefined ? {} : { name }), test }, regexes: tokens.regexCount };
}

/**
 * Fields of a message: whitespace separates them; `"..."` and `[...]` each make one, without
 * the quotes or brackets (the syntax page's extracted fields show `"$4": "10/Oct/2000:13:25:15 -0700"`).
 */
function delimitedValues(message: string): string[] {
  const values: string[] = [];
  let i = 0;
  while (i < message.length) {
    if (/\s/.test(message[i]!)) {
      i++;
      continue;
    }
    const close = message[i] === '"' ? '"' : message[i] === '[' ? ']' : undefined;
    const end = close === undefined ? -1 : message.indexOf(close, i + 1);
    if (close !== undefined && end >= 0) {
      values.push(message.slice(i + 1, end));
      i = end + 1;
    } else {
      const start = i;
      while (i < message.length && !/\s/.test(message[i]!)) i++;
      values.push(message.slice(start, i));
    }
  }
  return values;
}

/**
 * Fields against values as a glob with `...` for its star: the classic two-pointer walk that
 * returns only to the last `...`, so it never backtracks further (O(fields × values)).
 * Answers, for each value, the index of the field that took it (-1 for a `...`), or
 * undefined when the event does not match.
 */
function fieldsMatch(fields: readonly Field[], values: readonly string[]): number[] | undefined {
  const owners = values.map(() => -1);
  let f = 0;
  let v = 0;
  let star = -1;
  let resume = 0;
  while (v < values.length) {
    const field = fields[f];
    if (field?.kind === 'one' && field.test(values[v]!)) {
      owners[v] = f;
      f++;
      v++;
    } else if (field?.kind === 'any') {
      star = f++;
      resume = v;
    } else if (star >= 0) {
      // The `...` takes one more value; what came after it is matched again.
      owners.fill(-1, resume, v);
      f = star + 1;
      v = ++resume;
    } else {
      return undefined;
    }
  }
  while (fields[f]?.kind === 'any') f++;
  return f === fields.length ? owners : undefined;
}
