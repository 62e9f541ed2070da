/**
 * The scalar functions of "Logs Insights: Boolean, comparison, numeric, datetime, and other
 * functions" that cost little to offer: string, numeric, datetime and general ones. Each takes
 * its arguments' values; bin() and the date functions take periods in milliseconds.
 */
import { isPresent, toNumber, toText, type Value } from './values.js';

export type ScalarFunction = (args: readonly Value[]) => Value;

/** Fewest and most arguments each function takes (Infinity: any number). */
export const ARITY: Readonly<Record<string, readonly [number, number]>> = {
  strlen: [1, 1], toupper: [1, 1], tolower: [1, 1], trim: [1, 1], ltrim: [1, 1], rtrim: [1, 1],
  concat: [1, Infinity], substr: [2, 3], replace: [3, 3], strcontains: [2, 2], startswith: [2, 2], endswith: [2, 2],
  abs: [1, 1], ceil: [1, 1], floor: [1, 1], round: [1, 1], tonumber: [1, 1], sqrt: [1, 1], log: [1, 1], greatest: [1, Infinity], least: [1, Infinity],
  ispresent: [1, 1], isempty: [1, 1], isblank: [1, 1], coalesce: [1, Infinity],
  bin: [1, 1], datefloor: [2, 2], dateceil: [2, 2], frommillis: [1, 1], tomillis: [1, 1],
};

const numeric = (f: (n: number) => number): ScalarFunction => ([value]) => {
  const n = toNumber(value);
  return Number.isNaN(n) ? undefined : f(n);
};

const text = (f: (s: string) => Value): ScalarFunction => ([value]) => (value === undefined ? undefined : f(toText(value)));

const numbers = (args: readonly Value[]): number[] => args.map(toNumber).filter((n) => !Number.isNaN(n));

export const FUNCTIONS: Readonly<Record<string, ScalarFunction>> = {
  strlen: text((s) => s.length),
  toupper: text((s) => s.toUpperCase()),
  tolower: text((s) => s.toLowerCase()),
  trim: text((s) => s.trim()),
  ltrim: text((s) => s.trimStart()),
  rtrim: text((s) => s.trimEnd()),
  concat: (args) => args.map(toText).join(''),
  substr: ([value, start, length]) => {
    if (value === undefined) return undefined;
    const s = toText(value);
    const from = toNumber(start);
    return length === undefined ? s.slice(from) : s.slice(from, from + toNumber(length));
  },
  replace: ([value, find, replacement]) => (value === undefined ? undefined : toText(value).split(toText(find)).join(toText(replacement))),
  strcontains: ([value, part]) => (value !== undefined && toText(value).includes(toText(part)) ? 1 : 0),
  startswith: ([value, part]) => value !== undefined && toText(value).startsWith(toText(part)),
  endswith: ([value, part]) => value !== undefined && toText(value).endsWith(toText(part)),
  abs: numeric(Math.abs),
  round: numeric(Math.round),
  tonumber: numeric((n) => n),
  ceil: numeric(Math.ceil),
  floor: numeric(Math.floor),
  sqrt: numeric(Math.sqrt),
  log: numeric(Math.log),
  greatest: (args) => (numbers(args).length === 0 ? undefined : Math.max(...numbers(args))),
  least: (args) => (numbers(args).length === 0 ? undefined : Math.min(...numbers(args))),
  ispresent: ([value]) => value !== undefined,
  isempty: ([value]) => !isPresent(value),
  isblank: ([value]) => value === undefined || toText(value).trim() === '',
  coalesce: (args) => args.find((value) => value !== undefined),
  datefloor: ([time, period]) => roundedTime(time, period, Math.floor),
  dateceil: ([time, period]) => roundedTime(time, period, Math.ceil),
  frommillis: ([ms]) => (Number.isNaN(toNumber(ms)) ? undefined : new Date(toNumber(ms))),
  tomillis: ([time]) => (Number.isNaN(toNumber(time)) ? undefined : toNumber(time)),
};

/** A time rounded to a multiple of the period since the epoch (bin(), datefloor(), dateceil()). */
export function roundedTime(time: Value, period: Value, round: (n: number) => number): Value {
  const ms = toNumber(time);
  const step = toNumber(period);
  if (Number.isNaN(ms) || !(step > 0)) return undefined;
  return new Date(round(ms / step) * step);
}
