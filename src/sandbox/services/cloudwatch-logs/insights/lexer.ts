/**
 * Logs Insights query text to tokens, each with where it starts and ends in the text, so a
 * malformed query can be answered with AWS's character offsets (QueryCompileError).
 */
import { QuerySyntaxError } from './syntax-error.js';

export type TokenKind = 'name' | 'number' | 'duration' | 'string' | 'regex' | 'symbol' | 'end';

export interface Token {
  kind: TokenKind;
  /** The name, the string's contents, the regex's source, or the symbol itself. */
  text: string;
  /** Offsets into the query: `start` inclusive, `end` exclusive. */
  start: number;
  end: number;
  /** A number's value; a duration's length in milliseconds. */
  value?: number;
  /** A regex's flags. */
  flags?: string;
}

/** bin()'s and the date functions' period units (Logs Insights, "Date and time functions"). */
const UNIT_MS: Readonly<Record<string, number>> = {
  ms: 1, s: 1_000, sec: 1_000, m: 60_000, min: 60_000, h: 3_600_000, hr: 3_600_000, d: 86_400_000, w: 604_800_000,
};

const SYMBOLS = ['!=', '<=', '>=', '=~', '|', ',', '(', ')', '[', ']', '=', '<', '>', '+', '-', '*', '/', '%', '^'];

/** A name: a field (`@message`, `level`, `a.b`, `a.0`) or a keyword; a back-quoted name may hold anything (`request-id`). */
const NAME_START = /[A-Za-z_@$]/;
const NAME_PART = /[A-Za-z0-9_@$.]/;

export function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < query.length) {
    const char = query[at]!;
    if (/\s/.test(char)) {
      at++;
      continue;
    }
    if (char === '#') {
      // A comment runs to the end of its line.
      while (at < query.length && query[at] !== '\n') at++;
      continue;
    }
    const start = at;
    if (char === '"' || char === "'") {
      const { text, end } = quoted(query, at, char);
      tokens.push({ kind: 'string', text, start, end });
      at = end;
    } else if (char === '`') {
      const close = query.indexOf('`', at + 1);
      if (close < 0) throw new QuerySyntaxError(query.slice(at), start, query.length);
      tokens.push({ kind: 'name', text: query.slice(at + 1, close), start, end: close + 1 });
      at = close + 1;
    } else if (char === '/' && regexMayStart(tokens)) {
      const { source, end } = regexSource(query, at);
      let flagsEnd = end;
      while (flagsEnd < query.length && /[a-z]/.test(query[flagsEnd]!)) flagsEnd++;
      tokens.push({ kind: 'regex', text: source, flags: query.slice(end, flagsEnd), start, end: flagsEnd });
      at = flagsEnd;
    } else if (/[0-9]/.test(char) || (char === '.' && /[0-9]/.test(query[at + 1] ?? ''))) {
      const number = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(query.slice(at))![0];
      const unit = /^[A-Za-z]+/.exec(query.slice(at + number.length))?.[0];
      if (unit !== undefined) {
        const ms = UNIT_MS[unit];
        const end = at + number.length + unit.length;
        if (ms === undefined) throw new QuerySyntaxError(query.slice(start, end), start, end);
        tokens.push({ kind: 'duration', text: query.slice(start, end), value: Number(number) * ms, start, end });
        at = end;
      } else {
        tokens.push({ kind: 'number', text: number, value: Number(number), start, end: at + number.length });
        at += number.length;
      }
    } else if (NAME_START.test(char)) {
      at++;
      while (at < query.length && NAME_PART.test(query[at]!)) at++;
      tokens.push({ kind: 'name', text: query.slice(start, at), start, end: at });
    } else {
      const symbol = SYMBOLS.find((candidate) => query.startsWith(candidate, at));
      if (symbol === undefined) throw new QuerySyntaxError(char, start, start + 1);
      tokens.push({ kind: 'symbol', text: symbol, start, end: at + symbol.length });
      at += symbol.length;
    }
  }
  tokens.push({ kind: 'end', text: '<EOF>', start: query.length, end: query.length });
  return tokens;
}

/**
 * A slash opens a regex where a value is expected, and after `parse <field>`; after any other
 * value it divides.
 */
function regexMayStart(tokens: readonly Token[]): boolean {
  const previous = tokens.at(-1);
  if (previous === undefined) return true;
  if (previous.kind === 'symbol') return previous.text !== ')' && previous.text !== ']';
  if (previous.kind !== 'name') return false;
  return /^(like|and|or|not|in|filter|parse)$/i.test(previous.text) || /^parse$/i.test(tokens.at(-2)?.text ?? '');
}

function quoted(query: string, open: number, quote: string): { text: string; end: number } {
  let text = '';
  for (let at = open + 1; at < query.length; at++) {
    const char = query[at]!;
    if (char === '\\' && at + 1 < query.length) {
      const next = query[++at]!;
      text += next === 'n' ? '\n' : next === 't' ? '\t' : next;
    } else if (char === quote) {
      return { text, end: at + 1 };
    } else {
      text += char;
    }
  }
  throw new QuerySyntaxError(query.slice(open), open, query.length);
}

function regexSource(query: string, open: number): { source: string; end: number } {
  for (let at = open + 1; at < query.length; at++) {
    if (query[at] === '\\') at++;
    else if (query[at] === '/') return { source: query.slice(open + 1, at), end: at + 1 };
  }
  throw new QuerySyntaxError(query.slice(open), open, query.length);
}
