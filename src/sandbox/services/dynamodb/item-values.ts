/**
 * The AttributeValues of a request before they are stored or compared: exactly one type
 * set, numbers in DynamoDB's canonical form, sets non-empty and free of duplicates. Also
 * the item size DynamoDB bills and limits by.
 */
import { normalizeNumber, type AttributeValue, type Item } from './expressions/index.js';
import { invalidParameter, validation } from './errors.js';

const TYPES = new Set(['S', 'N', 'B', 'SS', 'NS', 'BS', 'M', 'L', 'NULL', 'BOOL']);
const SET_NAMES: Record<string, string> = { SS: 'string', NS: 'number', BS: 'binary' };

/** A validated copy of an item, numbers normalized (`1.50` is stored as `1.5`). */
export function validItem(item: Record<string, unknown>): Item {
  return Object.fromEntries(Object.entries(item).map(([name, value]) => [name, validValue(value)]));
}

export function validValue(value: unknown): AttributeValue {
  const members = Object.entries((value ?? {}) as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (members.length === 0 || !TYPES.has(members[0]![0])) {
    throw validation('Supplied AttributeValue is empty, must contain exactly one of the supported datatypes');
  }
  if (members.length > 1) {
    throw validation('Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes');
  }
  const [type, raw] = members[0]!;
  switch (type) {
    case 'N':
      return { N: normalizeNumber(raw as string) };
    case 'NULL':
      if (raw !== true) throw invalidParameter('Null attribute value types must have the value of true');
      return { NULL: true };
    case 'SS':
    case 'NS':
    case 'BS': {
      const members = raw as (string | Uint8Array)[];
      if (members.length === 0) throw invalidParameter(`An ${SET_NAMES[type]} set  may not be empty`);
      const normalized = type === 'NS' ? (members as string[]).map(normalizeNumber) : members;
      const shown = normalized.map((m) => (m instanceof Uint8Array ? Buffer.from(m).toString('base64') : m));
      if (new Set(shown).size !== shown.length) throw invalidParameter(`Input collection [${shown.join(', ')}] contains duplicates`);
      return { [type]: normalized } as AttributeValue;
    }
    case 'M':
      return { M: validItem(raw as Record<string, unknown>) };
    case 'L':
      return { L: (raw as unknown[]).map(validValue) };
    default:
      return { [type]: raw } as AttributeValue;
  }
}

/**
 * Bytes DynamoDB counts for an item: each attribute name's UTF-8 length plus its value's
 * size; numbers take about one byte per two digits plus one (numberSize); a map or list
 * adds 3 bytes plus 1 per element.
 */
export function itemSize(item: Item): number {
  let size = 0;
  for (const [name, value] of Object.entries(item)) size += Buffer.byteLength(name) + valueSize(value);
  return size;
}

function valueSize(value: AttributeValue): number {
  if ('S' in value) return Buffer.byteLength(value.S);
  if ('N' in value) return numberSize(value.N);
  if ('B' in value) return value.B.length;
  if ('SS' in value) return value.SS.reduce((sum, s) => sum + Buffer.byteLength(s), 0);
  if ('NS' in value) return value.NS.reduce((sum, n) => sum + numberSize(n), 0);
  if ('BS' in value) return value.BS.reduce((sum, b) => sum + b.length, 0);
  if ('M' in value) return 3 + Object.keys(value.M).length + itemSize(value.M);
  if ('L' in value) return 3 + value.L.reduce((sum, v) => sum + 1 + valueSize(v), 0);
  return 1;
}

/**
 * DynamoDB keeps a number as base-100 digits aligned on the decimal point: a byte for each
 * pair from the first non-zero pair to the last, one more, and one more again when negative
 * (as DynamoDB Local bills them: 1.5 and -1 take 3 bytes, 12.3 and 0.12 take 3 and 2).
 */
function numberSize(n: string): number {
  const negative = n.startsWith('-');
  const [whole = '', fraction = ''] = n.replace(/^-/, '').split('.');
  const digits = (whole.length % 2 === 1 ? '0' : '') + whole + fraction + (fraction.length % 2 === 1 ? '0' : '');
  const pairs = digits.match(/../g) ?? [];
  const first = pairs.findIndex((pair) => pair !== '00');
  if (first < 0) return 1;
  const last = pairs.findLastIndex((pair) => pair !== '00');
  return last - first + 2 + (negative ? 1 : 0);
}
