/**
 * `--output table`, as awscli/formatter.py's TableFormatter lays a response out.
 *
 * The response gets a section titled with the operation name. A dict puts its scalar values
 * in one row under their sorted keys (a lone scalar as a `key | value` row), and each
 * non-scalar value in a section of its own, one level deeper, titled with its key. A list
 * of dicts is one row per element under the union of their scalar keys, except that when
 * any element holds something nested, each element gets its own section so its nested
 * sections follow it. Scalars and lists of scalars become rows of the current section.
 * Empty and false values print nothing; a top-level scalar prints only the title.
 */
import { FormatError, pyTypeName } from './format-error.js';
import { pyRepr } from './py-repr.js';
import { renderSections, Section } from './table-render.js';
import { isObject, isScalar, keysInOrder, numberText, pyStr, sortedKeys, type Doc, type Json, type JsonArray, type JsonObject } from './value.js';

export interface TableOptions {
  /** The operation name, e.g. `DescribeVpcs`. */
  title: string;
  /** Terminal width: a table wider than this turns its single-row sections on their side. */
  columns: number;
  color: boolean;
}

export function formatTable(document: Doc, options: TableOptions): string {
  const table = new TableBuilder();
  if (!table.add(options.title, document.value, 0)) return '';
  return renderSections(table.sections, options.columns, options.color);
}

class TableBuilder {
  readonly sections: Section[] = [];
  /** Rows always go to the newest section, wherever in the document it came from, as in the CLI. */
  private current: Section | undefined;

  /** Adds `value` under a new section titled `title`, or to the current section when `title` is null. */
  add(title: string | null, value: Json, indentLevel: number): boolean {
    if (isFalsy(value)) return false;
    if (title !== null) this.newSection(title, indentLevel);
    if (Array.isArray(value)) {
      if (isObject(value[0])) this.addListOfDicts(value, title, indentLevel);
      else this.addList(value);
    } else if (isObject(value)) {
      this.addDict(value, indentLevel);
    }
    return true;
  }

  private get section(): Section {
    if (!this.current) throw new Error('a table row needs a section first');
    return this.current;
  }

  private newSection(title: string | null, indentLevel: number): void {
    this.current = new Section(title, indentLevel);
    this.sections.push(this.current);
  }

  private addList(list: JsonArray): void {
    list.forEach((item, index) => {
      if (isScalar(item)) this.section.addRow([pyStr(item, list, index)]);
      // The CLI iterates a dict here as it would a list: its row is the dict's keys.
      else if (isObject(item)) this.section.addRow(keysInOrder(item));
      else if (item.every(isScalar)) this.section.addRow(item.map((element, i) => pyStr(element, item, i)));
      else this.add(null, item, 0);
    });
  }

  private addDict(dict: JsonObject, indentLevel: number): void {
    const { scalars, nested } = groupKeys(dict);
    if (scalars.length === 1) {
      const key = scalars[0]!;
      this.section.addRow([key, pyStr(dict[key]!, dict, key)]);
    } else if (scalars.length > 0) {
      this.section.setHeaders(scalars);
      this.section.addRow(scalars.map((key) => pyStr(dict[key]!, dict, key)));
    }
    for (const key of nested) this.add(key, dict[key]!, indentLevel + 1);
  }

  private addListOfDicts(list: JsonArray, title: string | null, indentLevel: number): void {
    const { scalars, nested } = groupKeysOfList(list);
    this.section.setHeaders(scalars);
    list.forEach((element, index) => {
      if (index > 0 && nested.length > 0) {
        this.newSection(title, indentLevel);
        this.section.setHeaders(scalars);
      }
      if (!isObject(element)) {
        // Only an empty string or list gets this far; the CLI then calls `.get` on it.
        if (scalars.length > 0) throw new FormatError(`'${pyTypeName(element)}' object has no attribute 'get'`);
        this.section.addRow([]);
        return;
      }
      this.section.addRow(scalars.map((key) => cellText(element, key)));
      for (const key of nested) {
        if (Object.hasOwn(element, key)) this.add(key, element[key]!, indentLevel + 1);
      }
    });
  }
}

interface KeyGroups {
  /** Keys of scalar values, sorted: the columns. */
  scalars: string[];
  /** Keys of dicts and lists, sorted: each becomes a nested section. */
  nested: string[];
}

function groupKeys(dict: JsonObject): KeyGroups {
  const groups: KeyGroups = { scalars: [], nested: [] };
  for (const key of sortedKeys(dict)) (isScalar(dict[key]) ? groups.scalars : groups.nested).push(key);
  return groups;
}

/** The union over every element; a key can be a column in one element and nested in another. */
function groupKeysOfList(list: JsonArray): KeyGroups {
  const scalars: JsonObject = {};
  const nested: JsonObject = {};
  let intKeys = false;
  list.forEach((element, index) => {
    if (!isObject(element)) {
      intKeys = indexesOfNonDict(element, list, index) || intKeys;
      return;
    }
    for (const key of Object.keys(element)) {
      if (isScalar(element[key])) scalars[key] = null;
      else nested[key] = null;
    }
  });
  // A list of ints indexes itself, so the CLI ends up sorting int keys among string ones.
  if (intKeys) throw new FormatError("'<' not supported between instances of 'int' and 'str'");
  return { scalars: sortedKeys(scalars), nested: sortedKeys(nested) };
}

/**
 * The CLI reads every element of a list that starts with a dict as a dict, looking up
 * `element[key]` for each `key in element`, and fails with Python's error where another
 * kind of element makes that impossible. A list of in-range ints gets through (they index
 * it): true is returned for those. Empty strings and lists have no key to look up.
 */
function indexesOfNonDict(element: Json, list: JsonArray, index: number): boolean {
  if (typeof element === 'string') {
    if (element !== '') throw new FormatError("string indices must be integers, not 'str'");
    return false;
  }
  if (!Array.isArray(element)) throw new FormatError(`'${pythonType(element, list, index)}' object is not iterable`);
  element.forEach((key, position) => {
    const isInt = typeof key === 'boolean' || (typeof key === 'number' && pythonType(key, element, position) === 'int');
    if (!isInt) throw new FormatError(`list indices must be integers or slices, not ${pythonType(key, element, position)}`);
    const at = Number(key);
    if (at >= element.length || at < -element.length) throw new FormatError('list index out of range');
  });
  return element.length > 0;
}

/** Python's type name, telling a float that prints as `2.0` from an int. */
function pythonType(value: Json, container: object, key: string | number): string {
  if (typeof value !== 'number') return pyTypeName(value);
  return /^-?\d+$/.test(numberText(container, key, value)) ? 'int' : 'float';
}

/** A column of a list-of-dicts row: blank when absent, Python's str() (a repr, for a dict or list) otherwise. */
function cellText(element: JsonObject, key: string): string {
  if (!Object.hasOwn(element, key)) return '';
  const value = element[key]!;
  return isScalar(value) ? pyStr(value, element, key) : pyRepr(value, element, key);
}

/** Python's `not value`. */
function isFalsy(value: Json): boolean {
  if (Array.isArray(value)) return value.length === 0;
  if (isObject(value)) {
    for (const _key in value) return false;
    return true;
  }
  return value === null || value === false || value === 0 || value === '';
}
