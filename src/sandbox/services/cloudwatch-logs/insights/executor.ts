/**
 * Runs a parsed query over rows in its commands' order. Rows come in newest first, which is
 * the order a query without `sort` answers in (the console's default query sorts so too);
 * AWS does not document the order of an unsorted query, so this is the plausible one.
 */
import { AGGREGATES, type Accumulator } from './aggregates.js';
import type { Command, Named, Query } from './ast.js';
import { compileExpression, type Evaluate } from './expressions.js';
import { MAX_RESULTS } from './parser.js';
import { Row } from './rows.js';
import { compareValues, isPresent, isTruthy, toText, type Value } from './values.js';

export interface QueryOutcome {
  rows: Row[];
  /** The fields shown, in order; undefined when each row shows its own (no fields, display or stats). */
  shown?: string[];
  /** Whether stats made the rows (they carry no @ptr). */
  aggregated: boolean;
  /** The events that got through the filters: those the first stats, limit or dedup read, else all the rows left. */
  matched: number;
}

/**
 * `limit` is StartQuery's: it applies when the query has no limit command of its own (a
 * limit in the query wins, as AWS answers), and the answer never passes 10,000 rows.
 */
export function runQuery(query: Query, input: Row[], limit?: number): QueryOutcome {
  let rows = input;
  let shown: string[] | undefined;
  let aggregated = false;
  let matched: number | undefined;
  let limited = false;
  for (const command of query.commands) {
    switch (command.kind) {
      case 'filter': {
        const condition = compileExpression(command.condition);
        rows = rows.filter((row) => isTruthy(condition(row)));
        break;
      }
      case 'fields':
        for (const item of command.items) applyField(rows, item);
        shown = withNames(shown, command.items.map((item) => item.name));
        break;
      case 'display':
        shown = [...command.names];
        break;
      case 'parse':
        applyParse(rows, command);
        break;
      case 'stats':
        matched ??= rows.length;
        rows = aggregate(rows, command);
        shown = [...command.groups, ...command.aggregates].map((item) => item.name);
        aggregated = true;
        break;
      case 'sort':
        rows = sorted(rows, command);
        break;
      case 'limit':
        matched ??= rows.length;
        rows = rows.slice(0, command.count);
        limited = true;
        break;
      case 'dedup':
        matched ??= rows.length;
        rows = deduplicated(rows, command.names);
        break;
    }
  }
  matched ??= rows.length;
  const cap = limited ? MAX_RESULTS : Math.min(limit ?? MAX_RESULTS, MAX_RESULTS);
  return { rows: rows.slice(0, cap), ...(shown ? { shown } : {}), aggregated, matched };
}

function applyField(rows: readonly Row[], item: Named): void {
  // `fields @message` only shows a field; an expression or an alias makes one.
  if (item.expression.kind === 'field' && item.expression.name === item.name) return;
  const evaluate = compileExpression(item.expression);
  for (const row of rows) row.put(item.name, evaluate(row));
}

function applyParse(rows: readonly Row[], command: Extract<Command, { kind: 'parse' }>): void {
  const source = compileExpression(command.source);
  const { pattern, names } = command;
  for (const row of rows) {
    const value = source(row);
    if (value === undefined) continue;
    const match = pattern.exec(toText(value));
    if (match === null) continue;
    names.forEach((name, i) => row.put(name, match.groups?.[name] ?? match[i + 1]));
  }
}

interface Group {
  keys: Value[];
  accumulators: Accumulator[];
}

function aggregate(rows: readonly Row[], command: Extract<Command, { kind: 'stats' }>): Row[] {
  const keyOf = command.groups.map((group) => compileExpression(group.expression));
  const inputs = command.aggregates.map((item) => {
    const call = item.expression as Extract<Named['expression'], { kind: 'call' }>;
    const spec = AGGREGATES.get(call.name)!;
    const [field, parameter] = call.args;
    const read: Evaluate = call.star || field === undefined ? () => true : compileExpression(field);
    const level = parameter?.kind === 'literal' ? Number(parameter.value) : 50;
    return { read, make: () => spec.make(level) };
  });
  const groups = new Map<string | number, Group>();
  for (const row of rows) {
    const keys = keyOf.map((key) => key(row));
    const id = keys.length === 1 ? groupId(keys[0]) : keys.map(groupId).join('\u0000');
    let group = groups.get(id);
    if (group === undefined) {
      group = { keys, accumulators: inputs.map((input) => input.make()) };
      groups.set(id, group);
    }
    const time = row.time();
    for (let i = 0; i < inputs.length; i++) group.accumulators[i]!.add(inputs[i]!.read(row), time);
  }
  if (groups.size === 0 && keyOf.length === 0) groups.set('', { keys: [], accumulators: inputs.map((input) => input.make()) });
  return [...groups.values()].map((group) => {
    const row = new Row();
    command.groups.forEach((item, i) => row.put(item.name, group.keys[i]));
    command.aggregates.forEach((item, i) => row.put(item.name, group.accumulators[i]!.result()));
    return row;
  });
}

function groupId(value: Value): string | number {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'number') return value;
  return value === undefined ? '\u0001' : `s${String(value)}`;
}

function sorted(rows: readonly Row[], command: Extract<Command, { kind: 'sort' }>): Row[] {
  const keys = command.keys.map((key) => ({ read: sortReader(key.expression), direction: key.descending ? -1 : 1 }));
  // Each key read once per row, then a stable sort; rows without the field go last.
  const decorated = rows.map((row, index) => ({ row, index, values: keys.map((key) => key.read(row)) }));
  decorated.sort((a, b) => {
    for (let i = 0; i < keys.length; i++) {
      const x = a.values[i];
      const y = b.values[i];
      if (x === undefined || y === undefined) {
        if (x !== y) return x === undefined ? 1 : -1;
        continue;
      }
      const order = typeof x === 'number' && typeof y === 'number' ? x - y : compareValues(x, y);
      if (order !== 0) return order * keys[i]!.direction;
    }
    return a.index - b.index;
  });
  return decorated.map((item) => item.row);
}

/** @timestamp sorts by the event's milliseconds, without a Date per event. */
function sortReader(expression: Extract<Command, { kind: 'sort' }>['keys'][number]['expression']): (row: Row) => Value {
  if (expression.kind === 'field' && expression.name === '@timestamp') {
    return (row) => (row.event !== undefined && !row.hasOwn('@timestamp') ? row.time() : row.get('@timestamp'));
  }
  return compileExpression(expression);
}

/** The first row of each combination of the fields' values; rows missing any of the fields are all kept. */
function deduplicated(rows: readonly Row[], names: readonly string[]): Row[] {
  const seen = new Set<string>();
  return rows.filter((row) => {
    const values = names.map((name) => row.get(name));
    if (values.some((value) => !isPresent(value))) return true;
    const id = values.map((value) => toText(value)).join('\u0000');
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

function withNames(shown: string[] | undefined, names: readonly string[]): string[] {
  const all = [...(shown ?? [])];
  for (const name of names) if (!all.includes(name)) all.push(name);
  return all;
}
