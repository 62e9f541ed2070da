/**
 * How many terminal columns the AWS CLI's table formatter reserves for a string
 * (`get_text_length` in awscli/table.py): one per code point, two where
 * `unicodedata.east_asian_width` says W, F or A.
 *
 * The data comes from the reference interpreter itself rather than an npm package: packages
 * track the newest Unicode, which widened 188 symbols (the Yijing hexagrams among them) that
 * Python 3.11 still counts as one column, and they call unassigned code points narrow where
 * CPython answers F.
 */
import { DOUBLE_WIDTH_RANGES } from './table-width-data.js';

// Below U+00A1 (the first ambiguous character) every code point is one column.
const FIRST_DOUBLE = DOUBLE_WIDTH_RANGES[0]!;

export function textWidth(text: string): number {
  let width = text.length;
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code < FIRST_DOUBLE) continue;
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
        // Python counts the pair as one code point: its two UTF-16 units already added two.
        i++;
        width -= 1;
      }
    }
    if (isDoubleWidth(code)) width += 1;
  }
  return width;
}

function isDoubleWidth(code: number): boolean {
  let low = 0;
  let high = DOUBLE_WIDTH_RANGES.length / 2 - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    if (code < DOUBLE_WIDTH_RANGES[2 * middle]!) high = middle - 1;
    else if (code > DOUBLE_WIDTH_RANGES[2 * middle + 1]!) low = middle + 1;
    else return true;
  }
  return false;
}
