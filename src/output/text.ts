/**
 * `--output text`: tab-separated lines, as awscli/text.py writes them.
 *
 * A dict prints its scalar values (sorted by key) on one line, prefixed by the uppercased
 * key it was found under, then each non-scalar value below under its own key. In a list of
 * dicts every line has the same columns: the union of the scalar keys of all elements,
 * blank where an element lacks one.
 */
import { FormatError, pyTypeName } from './format-error.js';
import { pyRepr } from './py-repr.js';
import { isObject, pyStr, sortedKeys, type Doc, type Json, type JsonArray, type JsonObject } from './value.js';

export function formatText(document: Doc): string {
  const out: string[] = [];
  try {
    writeItem(document.value, document, 'value', undefined, undefined, out);
  } catch (error) {
    if (error instanceof FormatError) error.partialOutput = out.join('');
    throw error;
  }
  return out.join('');
}

function writeItem(
  item: Json,
  container: object,
  key: string | number,
  identifier: string | undefined,
  scalarKeys: string[] | undefined,
  out: string[],
): void {
  if (Array.isArray(item)) writeList(item, identifier, out);
  else if (isObject(item)) writeDict(item, identifier, scalarKeys, out);
  else out.push(pyStr(item, container, key), '\n');
}

function writeList(list: JsonArray, identifier: string | undefined, out: string[]): void {
  if (list.length === 0) return;
  if (list.some(isObject)) {
    const notDict = list.find((element) => !isObject(element));
    if (notDict !== undefined) throw new FormatError(`'${pyTypeName(notDict)}' object has no attribute 'items'`);
    const keys = allScalarKeys(list);
    list.forEach((element, index) => writeItem(element, list, index, identifier, keys, out));
  } else if (list.some(Array.isArray)) {
    const scalarIndexes = list.flatMap((element, index) => (Array.isArray(element) ? [] : [index]));
    if (scalarIndexes.length > 0) writeScalars(list, scalarIndexes, identifier, out);
    for (const element of list) {
      if (Array.isArray(element)) writeList(element, identifier, out);
    }
  } else {
    writeScalars(list, list.map((_, index) => index), identifier, out);
  }
}

function writeScalars(list: JsonArray, indexes: number[], identifier: string | undefined, out: string[]): void {
  if (identifier !== undefined) {
    const prefix = identifier.toUpperCase();
    for (const index of indexes) out.push(prefix, '\t', pyStr(list[index]!, list, index), '\n');
  } else {
    out.push(indexes.map((index) => pyStr(list[index]!, list, index)).join('\t'), '\n');
  }
}

function writeDict(dict: JsonObject, identifier: string | undefined, scalarKeys: string[] | undefined, out: string[]): void {
  const scalars: string[] = [];
  const nested: string[] = [];
  if (scalarKeys === undefined) {
    for (const key of sortedKeys(dict)) {
      const value = dict[key]!;
      if (value !== null && typeof value === 'object') nested.push(key);
      else scalars.push(pyStr(value, dict, key));
    }
  } else {
    for (const key of scalarKeys) scalars.push(cellText(dict, key));
    const listed = new Set(scalarKeys);
    for (const key of sortedKeys(dict)) if (!listed.has(key)) nested.push(key);
  }
  if (scalars.length > 0) {
    if (identifier !== undefined) scalars.unshift(identifier.toUpperCase());
    out.push(scalars.join('\t'), '\n');
  }
  for (const key of nested) writeItem(dict[key]!, dict, key, key, undefined, out);
}

/** A column of a list-of-dicts line: blank when absent, Python's repr when this element's value is not a scalar. */
function cellText(dict: JsonObject, key: string): string {
  if (!Object.prototype.hasOwnProperty.call(dict, key)) return '';
  const value = dict[key]!;
  return value !== null && typeof value === 'object' ? pyRepr(value, dict, key) : pyStr(value, dict, key);
}

function allScalarKeys(list: JsonArray): string[] {
  const seen: JsonObject = {};
  for (const element of list) {
    if (!isObject(element)) continue;
    for (const key of Object.keys(element)) {
      const value = element[key]!;
      if (value === null || typeof value !== 'object') seen[key] = null;
    }
  }
  return sortedKeys(seen);
}
