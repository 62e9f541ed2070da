/**
 * CloudWatch Logs filter patterns ("Filter pattern syntax for metric filters, subscription
 * filters, filter log events, and Live Tail"): terms, quoted phrases, `?` alternatives and
 * `-` exclusions over unstructured text; `{ $.field op value }` over JSON events, joined by
 * `&&` and `||` with parentheses; `[a, b, ..., c=4*]` over space-delimited events.
 *
 * A pattern is parsed once into a small tree and matched with plain string work: no text of
 * the caller ever becomes a RegExp, so a pattern cannot make matching backtrack. Regex
 * patterns (`%...%`) are refused: matching them safely needs an engine of their own.
 */

export type Matcher = (message: string) => boolean;

/** A pattern the syntax does not allow; the service answers InvalidParameterException. */
export class FilterPatternError extends Error {}

export function compileFilterPattern(pattern: string): Matcher {
  const text = pattern.trim();
  if (text === '') return () => true;
  if (text.includes('%')) throw new FilterPatternError('Regex filter patterns (%...%) are not supported by the sandbox');
  if (text.startsWith('{')) return jsonMatcher(text);
  if (text.startsWith('[')) return delimitedMatcher(text);
  return termMatcher(text);
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

/** A literal a field is compared with; `*` in a string is a wildcard. */
type Literal = { kind: 'string'; value: string } | { kind: 'number'; value: number } | { kind: 'boolean'; value: boolean } | { kind: 'null' };

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
function jsonMatcher(text: string): Matcher {
  if (!text.endsWith('}')) throw new FilterPatternError(`A JSON filter pattern ends with '}': ${text}`);
  const tokens = new Tokens(text.slice(1, -1));
  const test = parseOr<unknown>(tokens, () => jsonCondition(tokens));
  if (!tokens.done()) throw new FilterPatternError(`Unexpected text in filter pattern: ${text}`);
  return (message) => {
    let event: unknown;
    try {
      event = JSON.parse(message);
    } catch {
      return false;
    }
    return typeof event === 'object' && event !== null && test(event);
  };
}

function jsonCondition(tokens: Tokens): (event: unknown) => boolean {
  const selector = tokens.until(' \t=!<>)&|');
  if (!selector.startsWith('$')) throw new FilterPatternError(`A JSON filter pattern compares selectors that start with '$': ${selector}`);
  const path = selectorPath(selector);
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
type Field = { kind: 'any' } | { kind: 'one'; test: (value: string) => boolean };

function delimitedMatcher(text: string): Matcher {
  if (!text.endsWith(']')) throw new FilterPatternError(`A space-delimited filter pattern ends with ']': ${text}`);
  const fields = splitTopLevel(text.slice(1, -1)).map(delimitedField);
  return (message) => fieldsMatch(fields, delimitedValues(message));
}

/** Commas outside quotes split fields. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '"') quoted = !quoted;
    else if (text[i] === ',' && !quoted) {
      parts.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(text.slice(start).trim());
  return parts;
}

function delimitedField(text: string): Field {
  if (text === '...') return { kind: 'any' };
  if (text === '') throw new FilterPatternError('Empty field in space-delimited filter pattern');
  if (!/[=<>!]/.test(text.replace(/"[^"]*"/g, ''))) {
    // A bare name matches any one field; a quoted literal names the field's exact value.
    if (text.startsWith('"')) {
      const literal = new Tokens(text).literal();
      return { kind: 'one', test: (value) => compare(value, '=', literal) };
    }
    return { kind: 'one', test: () => true };
  }
  const tokens = new Tokens(text);
  const test = parseOr<string>(tokens, () => {
    tokens.until(' \t=!<>');
    const op = tokens.operator();
    const literal = tokens.literal();
    return (value) => compare(value, op, literal);
  });
  if (!tokens.done()) throw new FilterPatternError(`Unexpected text in filter pattern field: ${text}`);
  return { kind: 'one', test };
}

/** Fields of a message: whitespace separates them; `"..."` and `[...]` each make one (without the quotes). */
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
      values.push(close === '"' ? message.slice(i + 1, end) : message.slice(i, end + 1));
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
 */
function fieldsMatch(fields: readonly Field[], values: readonly string[]): boolean {
  let f = 0;
  let v = 0;
  let star = -1;
  let resume = 0;
  while (v < values.length) {
    const field = fields[f];
    if (field?.kind === 'one' && field.test(values[v]!)) {
      f++;
      v++;
    } else if (field?.kind === 'any') {
      star = f++;
      resume = v;
    } else if (star >= 0) {
      f = star + 1;
      v = ++resume;
    } else {
      return false;
    }
  }
  while (fields[f]?.kind === 'any') f++;
  return f === fields.length;
}
