/**
 * Python's `int(text)` and `float(text)`, which jmespath.py's `to_number` tries in turn on
 * a string: surrounding whitespace allowed, `_` between digits, `inf` and `nan` as floats.
 * Only ASCII digits are read; Python would also take other scripts' decimal digits.
 */

// What Python's str.strip() removes: the characters str.isspace() accepts.
const PY_SPACE = '[\\t-\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*';
const DIGITS = '\\d(?:_?\\d)*';
const INT = new RegExp(`^${PY_SPACE}([+-]?${DIGITS})${PY_SPACE}$`);
const FLOAT = new RegExp(
  `^${PY_SPACE}([+-]?(?:(?:${DIGITS}(?:\\.(?:${DIGITS})?)?|\\.${DIGITS})(?:[eE][+-]?${DIGITS})?|inf(?:inity)?|nan))${PY_SPACE}$`,
  'i',
);

export function pyInt(text: string): bigint | undefined {
  const match = INT.exec(text);
  return match ? BigInt(match[1]!.replaceAll('_', '')) : undefined;
}

export function pyFloat(text: string): number | undefined {
  const match = FLOAT.exec(text);
  if (!match) return undefined;
  const literal = match[1]!.replaceAll('_', '').toLowerCase();
  const unsigned = literal.replace(/^[+-]/, '');
  const sign = literal.startsWith('-') ? -1 : 1;
  if (unsigned.startsWith('inf')) return sign * Infinity;
  if (unsigned === 'nan') return NaN;
  return Number(literal);
}
