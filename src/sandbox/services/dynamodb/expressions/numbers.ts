/**
 * DynamoDB numbers: decimal strings of up to 38 significant digits with magnitude
 * 1E-130..9.99..E+125. Arithmetic is exact (BigInt coefficient and a power-of-ten
 * exponent) because `SET n = n + :d` must never show a float's rounding to the learner.
 */
import { AwsError } from '../../../errors.js';

interface Decimal {
  /** Signed coefficient with no trailing zeros (0n for zero). */
  coefficient: bigint;
  exponent: number;
}

const NUMBER = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
const MAX_DIGITS = 38;
const MAX_EXPONENT = 125;
const MIN_EXPONENT = -130;

function invalid(message: string): AwsError {
  return new AwsError('ValidationException', message);
}

function parse(text: string): Decimal {
  const m = NUMBER.exec(text);
  const whole = m?.[2] ?? '';
  const fraction = m?.[3] ?? '';
  if (!m || whole.length + fraction.length === 0) {
    throw invalid('A value provided cannot be converted into a number');
  }
  const digits = BigInt(whole + fraction || '0');
  return reduce({
    coefficient: m[1] === '-' ? -digits : digits,
    exponent: Number(m[4] ?? 0) - fraction.length,
  });
}

function reduce(d: Decimal): Decimal {
  if (d.coefficient === 0n) return { coefficient: 0n, exponent: 0 };
  let { coefficient, exponent } = d;
  while (coefficient % 10n === 0n) {
    coefficient /= 10n;
    exponent += 1;
  }
  return { coefficient, exponent };
}

/** Rejects what DynamoDB refuses to store, with its messages. */
function check(d: Decimal): Decimal {
  if (d.coefficient === 0n) return d;
  const digits = (d.coefficient < 0n ? -d.coefficient : d.coefficient).toString().length;
  if (digits > MAX_DIGITS) throw invalid('Attempting to store more than 38 significant digits in a Number');
  const magnitude = d.exponent + digits - 1;
  if (magnitude > MAX_EXPONENT) {
    throw invalid('Number overflow. Attempting to store a number with magnitude larger than supported range');
  }
  if (magnitude < MIN_EXPONENT) {
    throw invalid('Number underflow. Attempting to store a number with magnitude smaller than supported range');
  }
  return d;
}

/** Plain notation, as DynamoDB answers: no exponent, no trailing zeros, no "-0". */
function format(d: Decimal): string {
  const negative = d.coefficient < 0n;
  const digits = (negative ? -d.coefficient : d.coefficient).toString();
  let body: string;
  if (d.exponent >= 0) body = digits + '0'.repeat(d.exponent);
  else {
    const padded = digits.padStart(-d.exponent + 1, '0');
    const point = padded.length + d.exponent;
    body = `${padded.slice(0, point)}.${padded.slice(point)}`;
  }
  return negative ? `-${body}` : body;
}

function align(a: Decimal, b: Decimal): [bigint, bigint, number] {
  const exponent = Math.min(a.exponent, b.exponent);
  return [
    a.coefficient * 10n ** BigInt(a.exponent - exponent),
    b.coefficient * 10n ** BigInt(b.exponent - exponent),
    exponent,
  ];
}

/** The canonical form DynamoDB stores and returns: "1.50" -> "1.5", "007" -> "7", "-0" -> "0". */
export function normalizeNumber(text: string): string {
  return format(check(parse(text)));
}

export function addNumbers(a: string, b: string): string {
  const [x, y, exponent] = align(parse(a), parse(b));
  return format(check(reduce({ coefficient: x + y, exponent })));
}

export function subtractNumbers(a: string, b: string): string {
  const [x, y, exponent] = align(parse(a), parse(b));
  return format(check(reduce({ coefficient: x - y, exponent })));
}

/** Negative, zero or positive as a is less than, equal to or greater than b. */
export function compareNumbers(a: string, b: string): number {
  const [x, y] = align(parse(a), parse(b));
  return x < y ? -1 : x > y ? 1 : 0;
}
