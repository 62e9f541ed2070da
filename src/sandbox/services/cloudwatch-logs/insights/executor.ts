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
import { isPresent, isTruthy, sortOrder, toText, type Value } from './values.js';

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
 *
 * Rows stream through filter, fields, parse and dedup one at a time, so `stats` over 100,000
 * events holds none of them; only sort gathers its input. Rows past a limit are still read,
 * to count what matched.
 */
export function runQuery(query: Query, input: Iterable<Row>, limit?: number): QueryOutcome {
  let rows: Iterable<Row> = input;
  let shown: string[] | undefined;
  let aggregated = false;
  let limited = false;
  let matched: { count: number } | undefined;
  // What matched is what reaches the first stats, limit or dedup (or the end).
  const countHere = (): void => {
    if (matched !== undefined) return;
    matched = { count: 0 };
    rows = counted(rows, matched);
  };
  for (const command of query.commands) {
    switch (command.kind) {
      case 'filter': {
        const condition = compileExpression(command.condition);
        rows = filtered(rows, (row) => isTruthy(condition(row)));
        break;
      }
      case 'fields': {
        const setters = command.items.map(fieldSetter).filter((setter) => setter !== undefined);
        if (setters.length > 0) rows = each(rows, (row) => setters.forEach((set) => set(row)));
        shown = withNames(shown, command.items.map((item) => item.name));
        break;
      }
      case 'display':
        shown = [...command.names];
        break;
      case 'parse':
        rows = each(rows, parser(command));
        break;
      case 'stats':
        countHere();
        rows = aggregate(rows, command);
        shown = [...command.groups, ...command.aggregates].map((item) => item.name);
        aggregated = true;
        break;
      case 'sort':
        rows = sorted([...rows], command);
        break;
      case 'limit':
        countHere();
        rows = taken(rows, command.count);
        limited = true;
        break;
      case 'dedup':
        countHere();
        rows = filtered(rows, firstOfEach(command.names));
        break;
    }
  }
  countHere();
  const answer = taken(rows, limited ? MAX_RESULTS : Math.min(limit ?? MAX_RESULTS, MAX_RESULTS));
  return { rows: answer, ...(shown ? { shown } : {}), aggregated, matched: matched!.count };
}

function* filtered(rows: Iterable<Row>, keep: (row: Row) => boolean): Iterable<Row> {
  for (const row of rows) if (keep(row)) yield row;
}

function* each(rows: Iterable<Row>, change: (row: Row) => void): Iterable<Row> {
  for (const row of rows) {
    change(row);
    yield row;
  }
}

function* counted(rows: Iterable<Row>, tally: { count: number }): Iterable<Row> {
  for (const row of rows) {
    tally.count++;
    yield row;
  }
}

/** The first `count` rows, reading the rest too (so what is counted upstream is counted whole). */
function taken(rows: Iterable<Row>, count: number): Row[] {
  const kept: Row[] = [];
  for (const row of rows) if (kept.length < count) kept.push(row);
  return kept;
}

/** `fields @message` only shows a field; an expression or an alias makes one. */
function fieldSetter(item: Named): ((row: Row) => void) | undefined {
  if (item.expression.kind === 'field' && item.expression.name === item.name) return undefined;
  const evaluate = compileExpression(item.expression);
  const name = item.name;
  return (row) => row.put(name, evaluate(row));
}

/** A row that does not match keeps no parsed fields, as AWS leaves them empty. */
function parser(command: Extract<Command, { kind: 'parse' }>): (row: Row) => void {
  const source = compileExpression(command.source);
  const { pattern, names } = command;
  return (row) => {
    const value = source(row);
    if (value === undefined) return;
    const match = pattern.exec(toText(value));
    if (match === null) return;
    names.forEach((name, i) => row.put(name, match.groups?.[name] ?? match[i + 1]));
  };
}

interface Group {
  keys: Value[];
  accumulators: Accumulator[];
}

function aggregate(rows: Iterable<Row>, command: Extract<Command, { kind: 'stats' }>): Row[] {
  const keyOf = command.groups.map((group) => groupKey(group.expression));
  const inputs = command.aggregates.map((item) => {
    const call = item.expression as Extract<Named['expression'], { kind: 'call' }>;
    const spec = AGGREGATES.get(call.name)!;
    const [field, parameter] = call.args;
    const read: Evaluate = call.star || field === undefined ? () => true : compileExpression(field);
    const level = parameter?.kind === 'literal' ? Number(parameter.value) : 50;
    return { read, make: () => spec.make(level) };
  });
  const groups = new Map<string | number, Group>();
  const single = keyOf.length === 1 ? keyOf[0]! : undefined;
  for (const row of rows) {
    const id = single ? single.id(row) : keyOf.map((key) => key.id(row)).join('\u0000');
    let group = groups.get(id);
    if (group === undefined) {
      group = { keys: keyOf.map((key) => key.value(row)), accumulators: inputs.map((input) => input.make()) };
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

/**
 * A stats key: an id that tells groups apart, read per row, and the value the group shows,
 * read once per group. bin()'s id is the period's start in milliseconds, with no Date per event.
 */
function groupKey(expression: Named['expression']): { id: (row: Row) => string | number; value: Evaluate } {
  const value = compileExpression(expression);
  if (expression.kind === 'call' && expression.name === 'bin' && expression.args[0]?.kind === 'duration') {
    const period = expression.args[0].ms;
    return { id: (row) => Math.floor(row.time() / period) * period, value };
  }
  return { id: (row) => groupId(value(row)), value };
}

function groupId(value: Value): string | number {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'number') return value;
  return value === undefined ? '\u0001' : `s${String(value)}`;
}

function sorted(rows: readonly Row[], command: Extract<Command, { kind: 'sort' }>): Row[] {
  const keys = command.keys.map((key) => ({ read: sortReader(key.expression), direction: key.descending ? -1 : 1 }));
  // Each key read once per row, then a stable sort of positions; rows without the field go last.
  const values = keys.map((key) => rows.map((row) => key.read(row)));
  const order = (a: number, b: number): number => {
    for (let k = 0; k < keys.length; k++) {
      const x = values[k]![a];
      const y = values[k]![b];
      if (x === undefined || y === undefined) {
        if (x !== y) return x === undefined ? 1 : -1;
        continue;
      }
      const result = typeof x === 'number' && typeof y === 'number' ? x - y : sortOrder(x, y);
      if (result !== 0) return result * keys[k]!.direction;
    }
    return a - b;
  };
  // Rows often come in the asked order already (newest first, sorted by @timestamp desc).
  let inOrder = true;
  for (let i = 1; i < rows.length && inOrder; i++) inOrder = order(i - 1, i) <= 0;
  if (inOrder) return [...rows];
  const positions = rows.map((_, i) => i).sort(order);
  return positions.map((i) => rows[i]!);
}

/** @timestamp sorts by the event's milliseconds, without a Date per event. */
function sortReader(expression: Extract<Command, { kind: 'sort' }>['keys'][number]['expression']): (row: Row) => Value {
  if (expression.kind === 'field' && expression.name === '@timestamp') {
    return (row) => (row.event !== undefined && !row.hasOwn('@timestamp') ? row.time() : row.get('@timestamp'));
  }
  return compileExpression(expression);
}

/** Keeps the first row of each combination of the fields' values; rows missing any of the fields are all kept. */
function firstOfEach(names: readonly string[]): (row: Row) => boolean {
  const seen = new Set<string>();
  return (row) => {
    const values = names.map((name) => row.get(name));
    if (values.some((value) => !isPresent(value))) return true;
    const id = values.map((value) => toText(value)).join('\u0000');
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  };
}

function withNames(shown: string[] | undefined, names: readonly string[]): string[] {
  const all = [...(shown ?? [])];
  for (const name of names) if (!all.includes(name)) all.push(name);
  return all;
}
