/**
 * How the AWS CLI's YAML emitter quotes a string. The CLI dumps with ruamel.yaml's `safe`
 * dumper, which on Linux is the C emitter (libyaml, bundled in ruamel.yaml.clib) driven by
 * ruamel's YAML 1.2 resolver. libyaml writes a string plain when it can, else in single
 * quotes, else in double quotes with escapes; these are its rules, in block context, with
 * `allow_unicode` on.
 */

export const enum ScalarStyle {
  Plain,
  SingleQuoted,
  DoubleQuoted,
}

const MAX_SIMPLE_KEY_BYTES = 128;

/**
 * libyaml writes a key as `key:` only when it holds no line break and its UTF-8 form is at
 * most 128 bytes; any other key is written in the explicit `? key` form.
 */
export function isSimpleKey(text: string): boolean {
  return !LINE_BREAK.test(text) && (text.length * 3 <= MAX_SIMPLE_KEY_BYTES || Buffer.byteLength(text, 'utf8') <= MAX_SIMPLE_KEY_BYTES);
}

const LINE_BREAK = /[\n\r\u0085\u2028\u2029]/;

export function isLineBreak(code: number): boolean {
  return code === 0x0a || code === 0x0d || code === 0x85 || code === 0x2028 || code === 0x2029;
}

/**
 * libyaml's printable set: LF, ASCII graphic and space, and the BMP above U+009F except
 * surrogates, U+FEFF, U+FFFE and U+FFFF. Everything else, the whole astral plane (emoji)
 * included, is only written escaped inside double quotes.
 */
export function isPrintable(code: number): boolean {
  if (code < 0x7f) return code >= 0x20 || code === 0x0a;
  if (code < 0xa0) return false;
  if (code <= 0xd7ff) return true;
  return code >= 0xe000 && code <= 0xfffd && code !== 0xfeff;
}

/** Space, tab, a line break, NUL, or the end of the string: what libyaml calls "blankz". */
function isBlankz(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0 || Number.isNaN(code) || isLineBreak(code);
}

/** Characters that end any chance of a plain scalar when they come first. */
const FIRST_CHAR_INDICATORS = new Set([...'#,[]{}&*!|>\'"%@`'].map((char) => char.charCodeAt(0)));

/**
 * Words of printable characters other than `:` and `#`, separated by single spaces, and
 * starting with a letter, digit, `_`, `/`, `(` or a non-ASCII character: ids, names,
 * states, CIDRs, paths, sentences. No indicator, blank, line break or unprintable character
 * can be in them, so only YAML's implicit types stand between them and a plain scalar.
 * Most strings in a response look like this; the rest take the character-by-character walk.
 */
const PLAIN_SHAPED =
  /^[A-Za-z0-9_/(\u00a0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd][!"$-9;-~\u00a0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]*(?: [!"$-9;-~\u00a0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]+)*$/;

/**
 * The style libyaml gives `text` as a mapping value or sequence item, and as a simple key
 * (its extra rules for keys only concern empty and multi-line ones, which come out the same).
 */
export function stringStyle(text: string): ScalarStyle {
  if (PLAIN_SHAPED.test(text)) return readsAsNonString(text) ? ScalarStyle.SingleQuoted : ScalarStyle.Plain;
  const length = text.length;
  if (length === 0) {
    // Empty reads back as null, so it is quoted everywhere.
    return ScalarStyle.SingleQuoted;
  }
  let indicators = text.startsWith('---') || text.startsWith('...');
  let lineBreaks = false;
  let special = false;
  let leadingOrTrailingBlank = false;
  let spaceNextToBreak = false;
  let previousSpace = false;
  let previousBreak = false;
  let precededByBlank = true;
  for (let i = 0; i < length; i++) {
    let code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdfff) {
      // Astral characters and lone surrogates are both outside libyaml's printable set.
      special = true;
      if (code <= 0xdbff) {
        const low = text.charCodeAt(i + 1);
        if (low >= 0xdc00 && low <= 0xdfff) {
          code = 0x10000;
          i++;
        }
      }
    }
    const last = i === length - 1;
    const followedByBlank = isBlankz(text.charCodeAt(i + 1));
    if (i === 0) {
      if (FIRST_CHAR_INDICATORS.has(code)) indicators = true;
      else if ((code === 0x3f /* ? */ || code === 0x3a /* : */ || code === 0x2d /* - */) && followedByBlank) indicators = true;
    } else if ((code === 0x3a && followedByBlank) || (code === 0x23 /* # */ && precededByBlank)) {
      indicators = true;
    }
    if (code < 0x10000 && !isPrintable(code)) special = true;
    if (code === 0x20) {
      if (i === 0 || last) leadingOrTrailingBlank = true;
      if (previousBreak) spaceNextToBreak = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isLineBreak(code)) {
      lineBreaks = true;
      if (i === 0 || last) leadingOrTrailingBlank = true;
      if (previousSpace) spaceNextToBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByBlank = code < 0x10000 && isBlankz(code);
  }

  const singleQuotedAllowed = !spaceNextToBreak && !special;
  const plainAllowed = singleQuotedAllowed && !indicators && !lineBreaks && !leadingOrTrailingBlank && !readsAsNonString(text);
  return plainAllowed ? ScalarStyle.Plain : singleQuotedAllowed ? ScalarStyle.SingleQuoted : ScalarStyle.DoubleQuoted;
}

// ruamel.yaml's YAML 1.2 implicit types: a plain scalar matching one would not read back
// as a string. (1.1's yes/no/on/off are not among them, so `yes` stays plain.)
const BOOL = /^(?:true|True|TRUE|false|False|FALSE)$/;
const NULL = /^(?:~|null|Null|NULL)$/;
const INT = /^(?:[-+]?0b[0-1_]+|[-+]?0o?[0-7_]+|[-+]?[0-9_]+|[-+]?0x[0-9a-fA-F_]+)$/;
const FLOAT =
  /^(?:[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+|[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const TIMESTAMP =
  /^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)$/;

function readsAsNonString(text: string): boolean {
  const first = text.charCodeAt(0);
  if (first >= 0x30 && first <= 0x39) return INT.test(text) || FLOAT.test(text) || TIMESTAMP.test(text);
  switch (text[0]) {
    case '-':
    case '+':
      return INT.test(text) || FLOAT.test(text);
    case '.':
      return FLOAT.test(text);
    case 't':
    case 'T':
    case 'f':
    case 'F':
      return BOOL.test(text);
    case '~':
    case 'n':
    case 'N':
      return NULL.test(text);
    case '<':
      return text === '<<';
    case '=':
      return text === '=';
    default:
      return false;
  }
}
