/**
 * The Logs Insights query language without a sandbox: queries from AWS's "CloudWatch Logs
 * Insights language query syntax" pages parse to the commands they say, and malformed ones
 * fail with the offending text's offsets, as StartQuery's MalformedQueryException carries them.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Command, Expression } from '../../../src/sandbox/services/cloudwatch-logs/insights/ast.js';
import { runQuery } from '../../../src/sandbox/services/cloudwatch-logs/insights/executor.js';
import { globPattern, parseQuery } from '../../../src/sandbox/services/cloudwatch-logs/insights/parser.js';
import { Row } from '../../../src/sandbox/services/cloudwatch-logs/insights/rows.js';
import { QuerySyntaxError } from '../../../src/sandbox/services/cloudwatch-logs/insights/syntax-error.js';
import { toText } from '../../../src/sandbox/services/cloudwatch-logs/insights/values.js';

function commands(query: string): Command[] {
  return parseQuery(query).commands;
}

function syntaxError(query: string): QuerySyntaxError {
  try {
    parseQuery(query);
  } catch (error) {
    assert.ok(error instanceof QuerySyntaxError, `expected a QuerySyntaxError, got ${String(error)}`);
    return error;
  }
  assert.fail(`${query} should not parse`);
}

/** Rows of plain fields, run through a query; each row's shown fields as text. */
function run(query: string, rows: Record<string, string | number>[]): Record<string, string>[] {
  const input = rows.map((fields) => {
    const row = new Row();
    for (const [name, value] of Object.entries(fields)) row.put(name, value);
    return row;
  });
  const outcome = runQuery(parseQuery(query), input);
  return outcome.rows.map((row) => Object.fromEntries((outcome.shown ?? row.defaultNames()).filter((name) => row.get(name) !== undefined).map((name) => [name, toText(row.get(name))])));
}

describe('parsing', () => {
  it('reads the commands of the sample query fields | sort | limit', () => {
    const parsed = commands('fields @timestamp, @message | sort @timestamp desc | limit 20');
    assert.deepEqual(parsed.map((command) => command.kind), ['fields', 'sort', 'limit']);
    const [fields, sort, limit] = parsed as [Extract<Command, { kind: 'fields' }>, Extract<Command, { kind: 'sort' }>, Extract<Command, { kind: 'limit' }>];
    assert.deepEqual(fields.items.map((item) => item.name), ['@timestamp', '@message']);
    assert.deepEqual(sort.keys, [{ expression: { kind: 'field', name: '@timestamp' }, descending: true }]);
    assert.equal(limit.count, 20);
  });

  it('names stats columns by their text unless aliased, and reads bin periods in each unit', () => {
    const [filter, stats] = commands('filter @message like /eth0/ | stats count(*), count(*) as n by bin(5m)') as [Extract<Command, { kind: 'filter' }>, Extract<Command, { kind: 'stats' }>];
    assert.equal(filter.condition.kind, 'like');
    assert.deepEqual(stats.aggregates.map((item) => item.name), ['count(*)', 'n']);
    assert.deepEqual(stats.groups.map((item) => item.name), ['bin(5m)']);
    for (const [period, ms] of [['30s', 30_000], ['5m', 300_000], ['1h', 3_600_000], ['1d', 86_400_000]] as const) {
      const [only] = commands(`stats count(*) by bin(${period})`) as [Extract<Command, { kind: 'stats' }>];
      assert.deepEqual((only.groups[0]!.expression as Extract<Expression, { kind: 'call' }>).args[0], { kind: 'duration', ms });
    }
  });

  it('reads filter operators: comparisons, like, =~, not like, in, and/or/not, functions', () => {
    const [filter] = commands('filter (status >= 500 and method in ["GET", "PUT"]) or not ispresent(user) or @message not like "ok" or path =~ /^\\/api/') as [Extract<Command, { kind: 'filter' }>];
    assert.equal(filter.condition.kind, 'binary');
    const rows = run('filter (status >= 500 and method in ["GET", "PUT"]) or @message not like "ok" | display id', [
      { id: 1, status: 503, method: 'GET', '@message': 'ok' },
      { id: 2, status: 503, method: 'POST', '@message': 'ok' },
      { id: 3, status: 200, method: 'GET', '@message': 'failed' },
      { id: 4, status: '404', method: 'PUT', '@message': 'ok' },
    ]);
    assert.deepEqual(rows, [{ id: '1' }, { id: '3' }]);
  });

  it('compiles parse globs and named-group regexes once, at parse time', () => {
    const [glob] = commands('parse @message "user=*, method=*, latency=*" as user, method, latency') as [Extract<Command, { kind: 'parse' }>];
    assert.deepEqual(glob.names, ['user', 'method', 'latency']);
    assert.deepEqual(glob.pattern.exec('at 3: user=ann, method=GET, latency=12 ms')!.slice(1), ['ann', 'GET', '12 ms']);
    const [regex] = commands('parse @message /(?<user>\\w+) logged (?<how>in|out)/') as [Extract<Command, { kind: 'parse' }>];
    assert.deepEqual(regex.names, ['user', 'how']);
    assert.equal(globPattern('[*]').exec('x [a] [b]')![1], 'a');
  });

  it('treats (?i) as a case-insensitive flag, as AWS regexes do', () => {
    assert.deepEqual(run('filter msg like /(?i)error/ | display msg', [{ msg: 'An ERROR' }, { msg: 'fine' }]), [{ msg: 'An ERROR' }]);
  });

  it('evaluates the string and number functions', () => {
    assert.deepEqual(run('fields round(f) as r, tonumber(t) + 1 as n, startswith(s, "ab") as sw, endswith(s, "x") as ew | display r, n, sw, ew', [{ f: 2.5, t: '41', s: 'abc' }]),
      [{ r: '3', n: '42', sw: 'true', ew: 'false' }]);
    const rows = run('fields strlen(s) as len, toupper(s) as up, tolower(s) as low, concat(s, "-", n) as joined, substr(s, 1, 2) as part, replace(s, "b", "B") as swapped, trim(pad) as trimmed, abs(m) as a, ceil(f) as c, floor(f) as fl, n * 2 + 1 as calc | display len, up, low, joined, part, swapped, trimmed, a, c, fl, calc', [
      { s: 'abcb', n: 7, pad: '  x ', m: -3, f: 2.5 },
    ]);
    assert.deepEqual(rows, [{ len: '4', up: 'ABCB', low: 'abcb', joined: 'abcb-7', part: 'bc', swapped: 'aBcB', trimmed: 'x', a: '3', c: '3', fl: '2', calc: '15' }]);
  });

  it('aggregates: count, sum, avg, min, max, count_distinct, pct, by several keys, sorted on several keys', () => {
    const rows = run('stats count(*) as n, sum(ms) as total, avg(ms) as mean, min(ms) as low, max(ms) as high, count_distinct(user) as users, pct(ms, 50) as p50 by service | sort n desc, service asc', [
      { service: 'b', ms: 10, user: 'x' },
      { service: 'a', ms: 10, user: 'x' },
      { service: 'a', ms: 30, user: 'y' },
      { service: 'a', ms: 20, user: 'x' },
      { service: 'c', ms: 5, user: 'z' },
    ]);
    assert.deepEqual(rows, [
      { service: 'a', n: '3', total: '60', mean: '20', low: '10', high: '30', users: '2', p50: '20' },
      { service: 'b', n: '1', total: '10', mean: '10', low: '10', high: '10', users: '1', p50: '10' },
      { service: 'c', n: '1', total: '5', mean: '5', low: '5', high: '5', users: '1', p50: '5' },
    ]);
  });

  it('names a stats column by its text after the stats: sort count(*) desc', () => {
    assert.deepEqual(run('stats count(*) by host | sort count(*) desc | display host', [{ host: 'a' }, { host: 'b' }, { host: 'b' }]), [{ host: 'b' }, { host: 'a' }]);
  });

  it('runs a second stats over the first one\'s rows', () => {
    const rows = run('stats count(*) as n by host | stats avg(n) as perHost', [{ host: 'a' }, { host: 'a' }, { host: 'b' }, { host: 'b' }, { host: 'b' }, { host: 'b' }]);
    assert.deepEqual(rows, [{ perHost: '3' }]);
  });

  it('sorts as AWS documents: non-numbers first, chunks of digits by length then value, then numbers', () => {
    const values = ['0', 'a12345hfh', '@_', '111A', '5A', 'A', '#', '2345_', '0#', '*%04', '@', 'A9876fghj', '!:', '10', '9.5'];
    const sortedValues = run('sort v asc | display v', values.map((v) => ({ v }))).map((row) => row.v);
    assert.deepEqual(sortedValues, ['!:', '#', '*%04', '0#', '5A', '111A', '2345_', '@', '@_', 'A', 'A9876fghj', 'a12345hfh', '0', '9.5', '10']);
    assert.deepEqual(run('sort v desc | display v', [{ v: 'b' }, { v: 2 }, { v: 'a' }]).map((row) => row.v), ['2', 'b', 'a']);
  });

  it('dedups on fields, keeping the first row of each value', () => {
    assert.deepEqual(run('dedup host | display host, n', [{ host: 'a', n: 1 }, { host: 'b', n: 2 }, { host: 'a', n: 3 }]), [{ host: 'a', n: '1' }, { host: 'b', n: '2' }]);
  });
});

describe('malformed queries', () => {
  it('points at an unknown command', () => {
    const error = syntaxError('bogus command');
    assert.deepEqual([error.start, error.end], [0, 5]);
    assert.equal(error.describe('bogus command'), 'unexpected symbol found bogus at line 1 and position 0');
  });

  it('points at the end of a query that stops mid-command', () => {
    const query = 'fields @timestamp, @message |\n filter @message like';
    const error = syntaxError(query);
    assert.deepEqual([error.start, error.end], [query.length, query.length]);
    assert.equal(error.describe(query), 'unexpected symbol found <EOF> at line 2 and position 21');
  });

  it('refuses an unknown function, a non-aggregate in stats, a bad period, a wrong argument count, and limits out of range', () => {
    assert.equal(syntaxError('fields nosuch(@message)').found, 'nosuch');
    assert.match(syntaxError('stats strlen(@message)').message, /not an aggregate function/);
    assert.equal(syntaxError('stats count(*) by bin(5y)').found, '5y');
    assert.match(syntaxError('fields strlen(a, b)').message, /wrong number of arguments/);
    const outside = syntaxError('fields count(*) as n');
    assert.deepEqual([outside.start, outside.end, outside.message], [7, 12, 'count can only be used in stats']);
    assert.equal(syntaxError('limit 0').found, '0');
    assert.equal(syntaxError('limit 10001').found, '10001');
  });

  it('refuses an unterminated string or regex, a bad regex, and a parse with too few names', () => {
    assert.equal(syntaxError('filter @message like "abc').start, 21);
    assert.equal(syntaxError('filter @message like /abc').start, 21);
    assert.match(syntaxError('filter @message like /a(b/').message, /invalid regular expression/);
    assert.match(syntaxError('parse @message "* and *" as one').message, /2 wildcards but 1 field names/);
  });

  it('refuses an empty query, a dangling pipe, a third stats, and a sort after dedup', () => {
    syntaxError('');
    syntaxError('fields @message |');
    assert.equal(syntaxError('stats count(*) by a | stats count(*) by b | stats count(*)').start, 44);
    const afterDedup = 'dedup host | sort @timestamp asc';
    assert.equal(syntaxError(afterDedup).describe(afterDedup), 'unexpected symbol found sort at line 1 and position 13');
    parseQuery('sort @timestamp asc | dedup host | limit 5');
  });
});
