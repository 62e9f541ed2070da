/**
 * The regular expressions of filter patterns (`%ERROR|WARN%`), as the page "Filter pattern
 * syntax for metric filters, subscription filters, filter log events, and Live Tail" allows
 * them: letters, digits, the symbols `: _ # = @ / ; , -`, and the operators
 * `^ $ ? [ ] { } | \ * + .`; no parentheses, no multi-byte characters; case-sensitive.
 *
 * Without groups an expression is a choice (`|`) of sequences of single-character atoms, each
 * repeated a bounded or unbounded number of times, so it is matched here as a Thompson NFA over
 * positions in the sequence: linear in the message for a fixed expression, never backtracking,
 * whatever the caller wrote. Matching searches the text (`%AUTHORIZED%` matches
 * "UNAUTHORIZED") unless `^` or `$` anchors it.
 */
import { FilterPatternError } from './filter-errors.js';

/** One character test: a literal, a class (`[a-z]`, `\d`) or `.`. */
type CharTest = (code: number) => boolean;

interface Atom {
  test: CharTest;
  min: number;
  /** Infinity for `*` and `+`. */
  max: number;
}

interface Branch {
  atoms: Atom[];
  anchoredStart: boolean;
  anchoredEnd: boolean;
}

/** `{m,n}` beyond this is refused: the NFA has a state per required repetition. */
const MAX_REPEAT = 1000;

const SYMBOLS = new Set([...':_#=@/;,-']);
const OPERATORS = new Set([...'^$?[]{}|\\*+.']);

export type RegexMatcher = (text: string) => boolean;

/** The expression between the `%` signs, compiled; FilterPatternError for what AWS does not support. */
export function compileRegex(source: string): RegexMatcher {
  if (source === '') throw new FilterPatternError('Empty regular expression in filter pattern: %%');
  for (const char of source) {
    if (char.length > 1 || char.charCodeAt(0) > 0x7f) throw new FilterPatternError(`Multi-byte characters are not supported in regex: %${source}%`);
    if (!/[A-Za-z0-9]/.test(char) && !SYMBOLS.has(char) && !OPERATORS.has(char)) {
      throw new FilterPatternError(`Invalid character(s) in regex: '${char}' in %${source}%`);
    }
  }
  const branches = splitBranches(source).map((branch) => parseBranch(branch, source));
  return (text) => branches.some((branch) => branchMatches(branch, text));
}

/** `|` at the top level; inside `[...]` it is a literal. */
function splitBranches(source: string): string[] {
  const branches: string[] = [];
  let start = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    if (char === '\\') i++;
    else if (char === '[') inClass = true;
    else if (char === ']') inClass = false;
    else if (char === '|' && !inClass) {
      branches.push(source.slice(start, i));
      start = i + 1;
    }
  }
  branches.push(source.slice(start));
  return branches;
}

function parseBranch(text: string, source: string): Branch {
  const fail = (why: string): never => {
    throw new FilterPatternError(`Invalid regex %${source}%: ${why}`);
  };
  let i = 0;
  let anchoredStart = false;
  let anchoredEnd = false;
  if (text[i] === '^') {
    anchoredStart = true;
    i++;
  }
  const atoms: Atom[] = [];
  while (i < text.length) {
    const char = text[i]!;
    let test: CharTest;
    if (char === '$') {
      if (i !== text.length - 1) fail("'$' anchors the end of an alternative only");
      anchoredEnd = true;
      i++;
      continue;
    } else if (char === '^') {
      return fail("'^' anchors the start of an alternative only");
    } else if (char === '.') {
      test = () => true;
      i++;
    } else if (char === '[') {
      const parsed = parseClass(text, i + 1, fail);
      test = parsed.test;
      i = parsed.next;
    } else if (char === '\\') {
      const parsed = parseEscape(text, i + 1, fail);
      test = parsed.test;
      i = parsed.next;
    } else if (char === '*' || char === '+' || char === '?' || char === '{' || char === '}' || char === ']') {
      return fail(`'${char}' has nothing to repeat or is unbalanced`);
    } else {
      const code = char.charCodeAt(0);
      test = (c) => c === code;
      i++;
    }
    const { min, max, next } = parseQuantifier(text, i, fail);
    i = next;
    atoms.push({ test, min, max });
  }
  if (atoms.length === 0 && !anchoredStart && !anchoredEnd) fail('an alternative is empty');
  return { atoms, anchoredStart, anchoredEnd };
}

function parseQuantifier(text: string, at: number, fail: (why: string) => never): { min: number; max: number; next: number } {
  const char = text[at];
  if (char === '*') return { min: 0, max: Infinity, next: at + 1 };
  if (char === '+') return { min: 1, max: Infinity, next: at + 1 };
  if (char === '?') return { min: 0, max: 1, next: at + 1 };
  if (char !== '{') return { min: 1, max: 1, next: at };
  const end = text.indexOf('}', at);
  const body = end < 0 ? '' : text.slice(at + 1, end);
  const parsed = /^(\d+)(,(\d*))?$/.exec(body);
  if (!parsed) return fail(`'{${body}' is not a repetition {m}, {m,} or {m,n}`);
  const min = Number(parsed[1]);
  const max = parsed[2] === undefined ? min : parsed[3] === '' ? Infinity : Number(parsed[3]);
  if (max < min) fail(`{${body}} repeats at most fewer times than at least`);
  if (min > MAX_REPEAT || (max !== Infinity && max > MAX_REPEAT)) fail(`{${body}} repeats more than ${MAX_REPEAT} times`);
  return { min, max, next: end + 1 };
}

const DIGIT: CharTest = (c) => c >= 48 && c <= 57;
const WORD: CharTest = (c) => DIGIT(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const SPACE: CharTest = (c) => c === 32 || (c >= 9 && c <= 13);

/** `\d \w \s` (and their negations), `\xHH` (how the page spells a character it does not allow), or an escaped operator. */
function parseEscape(text: string, at: number, fail: (why: string) => never): { test: CharTest; next: number } {
  const char = text[at];
  if (char === undefined) return fail("'\\' ends the expression");
  const classes: Record<string, CharTest> = {
    d: DIGIT, D: (c) => !DIGIT(c), w: WORD, W: (c) => !WORD(c), s: SPACE, S: (c) => !SPACE(c),
  };
  if (classes[char]) return { test: classes[char], next: at + 1 };
  if (char === 'x') {
    const hex = text.slice(at + 1, at + 3);
    if (!/^[0-9A-Fa-f]{2}$/.test(hex)) return fail(`'\\x${hex}' is not a two-digit hexadecimal character code`);
    const code = parseInt(hex, 16);
    return { test: (c) => c === code, next: at + 3 };
  }
  if (char === 't') return { test: (c) => c === 9, next: at + 1 };
  if (OPERATORS.has(char) || SYMBOLS.has(char)) {
    const code = char.charCodeAt(0);
    return { test: (c) => c === code, next: at + 1 };
  }
  return fail(`'\\${char}' is not a supported escape`);
}

/** `[abc]`, `[a-z0-9]`, `[^0-9]` up to the closing `]`. */
function parseClass(text: string, at: number, fail: (why: string) => never): { test: CharTest; next: number } {
  let i = at;
  const negated = text[i] === '^';
  if (negated) i++;
  const tests: CharTest[] = [];
  while (i < text.length && text[i] !== ']') {
    let single: CharTest;
    let code: number | undefined;
    if (text[i] === '\\') {
      const parsed = parseEscape(text, i + 1, fail);
      single = parsed.test;
      code = text[i + 1] === 'x' ? parseInt(text.slice(i + 2, i + 4), 16) : /[dDwWsS]/.test(text[i + 1]!) ? undefined : text.charCodeAt(i + 1);
      if (text[i + 1] === 't') code = 9;
      i = parsed.next;
    } else {
      code = text.charCodeAt(i);
      const literal = code;
      single = (c) => c === literal;
      i++;
    }
    if (text[i] === '-' && text[i + 1] !== undefined && text[i + 1] !== ']' && code !== undefined) {
      const high = text.charCodeAt(i + 1);
      if (high < code) fail(`the range '${String.fromCharCode(code)}-${text[i + 1]}' is out of order`);
      const low = code;
      tests.push((c) => c >= low && c <= high);
      i += 2;
    } else {
      tests.push(single);
    }
  }
  if (text[i] !== ']') return fail("'[' is not closed");
  if (tests.length === 0) fail("'[]' is empty");
  const test: CharTest = (c) => tests.some((t) => t(c));
  return { test: negated ? (c) => !test(c) : test, next: i + 1 };
}

// --- Matching ------------------------------------------------------------------------------

/**
 * The NFA's states are (atom, times matched so far) pairs, with the count capped where it
 * stops mattering (at `min` for unbounded atoms, at `max` otherwise); state `atoms.length`
 * accepts. Searching adds the start state at every position.
 */
function branchMatches(branch: Branch, text: string): boolean {
  const { atoms } = branch;
  const key = (atom: number, count: number): number => atom * (MAX_REPEAT + 2) + count;
  const accept = atoms.length * (MAX_REPEAT + 2);

  /** Adds a state and everything reachable from it without reading a character. */
  const close = (set: Set<number>, atom: number, count: number): void => {
    const id = atom === atoms.length ? accept : key(atom, count);
    if (set.has(id)) return;
    set.add(id);
    if (atom < atoms.length && count >= atoms[atom]!.min) close(set, atom + 1, 0);
  };

  let current = new Set<number>();
  close(current, 0, 0);
  const accepted = (set: Set<number>) => set.has(accept);
  if (accepted(current) && (!branch.anchoredEnd || text.length === 0)) return true;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const next = new Set<number>();
    for (const id of current) {
      if (id === accept) continue;
      const atom = Math.floor(id / (MAX_REPEAT + 2));
      const count = id % (MAX_REPEAT + 2);
      const { test, min, max } = atoms[atom]!;
      if (count < max && test(code)) {
        const nextCount = max === Infinity ? Math.min(count + 1, min) : count + 1;
        close(next, atom, nextCount);
        // Having read the most it may, the atom is done.
        if (max !== Infinity && nextCount === max) close(next, atom + 1, 0);
      }
    }
    if (!branch.anchoredStart) close(next, 0, 0);
    current = next;
    if (accepted(current) && (!branch.anchoredEnd || i === text.length - 1)) return true;
  }
  return false;
}
