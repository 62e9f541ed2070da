/**
 * Describe* filters, shared by every EC2 resource. A resource kind names its filters as
 * getters from a record to the value(s) AWS compares; tag filters (`tag:Key`, `tag-key`,
 * `tag-value`) come for free. Within one filter the values are ORed, across filters ANDed,
 * and values may use `*` and `?` wildcards, as EC2 documents.
 */
import type { Filter, Tag } from '@aws-sdk/client-ec2';
import { invalidParameterValue } from './errors.js';

type Scalar = string | number | boolean | undefined | null;
export type FilterValue = Scalar | readonly Scalar[];
export type FilterGetters<R> = Readonly<Record<string, (record: R) => FilterValue>>;

const patterns = new Map<string, RegExp>();

/** EC2's wildcard syntax: `*` any run, `?` one character, `\` escapes either. */
function pattern(value: string): RegExp {
  let regex = patterns.get(value);
  if (!regex) {
    let source = '';
    for (let i = 0; i < value.length; i++) {
      const c = value[i]!;
      if (c === '\\' && i + 1 < value.length) source += escape(value[++i]!);
      else if (c === '*') source += '[\\s\\S]*';
      else if (c === '?') source += '[\\s\\S]';
      else source += escape(c);
    }
    regex = new RegExp(`^${source}$`);
    if (patterns.size > 1000) patterns.clear();
    patterns.set(value, regex);
  }
  return regex;
}

function escape(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function matchesAny(actual: FilterValue, wanted: readonly string[]): boolean {
  const values = Array.isArray(actual) ? actual : [actual as Scalar];
  return values.some(
    (value) => value !== undefined && value !== null && wanted.some((w) => pattern(w).test(String(value))),
  );
}

/** The records every filter matches; an unknown filter name is AWS's InvalidParameterValue. */
export function applyFilters<R>(
  records: readonly R[],
  filters: readonly Filter[] | undefined,
  getters: FilterGetters<R>,
  tagsOf: (record: R) => readonly Tag[],
): R[] {
  if (!filters?.length) return [...records];
  const tests = filters.map((filter) => compile(filter, getters, tagsOf));
  return records.filter((record) => tests.every((test) => test(record)));
}

function compile<R>(
  filter: Filter,
  getters: FilterGetters<R>,
  tagsOf: (record: R) => readonly Tag[],
): (record: R) => boolean {
  const name = filter.Name ?? '';
  const wanted = filter.Values ?? [];
  if (name.startsWith('tag:')) {
    const key = name.slice(4);
    return (r) => matchesAny(tagsOf(r).filter((t) => t.Key === key).map((t) => t.Value), wanted);
  }
  if (name === 'tag-key') return (r) => matchesAny(tagsOf(r).map((t) => t.Key), wanted);
  if (name === 'tag-value') return (r) => matchesAny(tagsOf(r).map((t) => t.Value), wanted);
  const getter = Object.hasOwn(getters, name) ? getters[name] : undefined;
  if (!getter) throw invalidParameterValue(`The filter '${name}' is invalid`);
  return (r) => matchesAny(getter(r), wanted);
}
