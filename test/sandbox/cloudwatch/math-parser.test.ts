/**
 * Metric math text without a sandbox: the lexer and parser ("Metric math syntax and
 * functions", CloudWatch User Guide), the evaluator on hand-made series, and SEARCH's query
 * strings and tokens ("CloudWatch search expression syntax").
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MathContext } from '../../../src/sandbox/services/cloudwatch/math/context.js';
import { MathError } from '../../../src/sandbox/services/cloudwatch/math/errors.js';
import { evaluate } from '../../../src/sandbox/services/cloudwatch/math/evaluator.js';
import { renderLabel } from '../../../src/sandbox/services/cloudwatch/math/labels.js';
import { parseExpression, referencedIds } from '../../../src/sandbox/services/cloudwatch/math/parser.js';
import { parseSearch, searchMatches, tokensOf } from '../../../src/sandbox/services/cloudwatch/math/search.js';
import { seriesOf, type Series, type Value } from '../../../src/sandbox/services/cloudwatch/math/values.js';

const MINUTE = 60_000;
const T0 = Date.parse('2026-06-01T11:00:00Z');

/** A 60-second series from values by minute; undefined is a gap. */
function series(label: string, values: Array<number | undefined>): Series {
  return seriesOf(values.flatMap((v, i) => (v === undefined ? [] : [[T0 + i * MINUTE, v] as const])), { label, period: 60 });
}

const context: MathContext = {
  start: T0, end: T0 + 5 * MINUTE, now: T0 + 5 * MINUTE, period: 60,
  metrics: () => [],
  search: () => [],
};

function run(expression: string, refs: Record<string, Series> = {}): Value {
  return evaluate(parseExpression(expression), (id) => ({ kind: 'series', series: refs[id]! }), context);
}

const points = (value: Value): Array<[number, number]> => {
  assert.equal(value.kind, 'series');
  const s = (value as { series: Series }).series;
  return s.timestamps.map((t, i) => [(t - T0) / MINUTE, s.values[i]!]);
};

describe('the metric math parser', () => {
  it('reads the User Guide examples: m1/m2*100, e1-MIN(e1), SUM([m1,m2]), FILL(METRICS(), 0)', () => {
    assert.deepEqual(parseExpression('m1/m2*100'), {
      type: 'binary', operator: '*', right: { type: 'number', value: 100 },
      left: { type: 'binary', operator: '/', left: { type: 'name', name: 'm1' }, right: { type: 'name', name: 'm2' } },
    });
    assert.deepEqual(parseExpression('e1-MIN(e1)'), {
      type: 'binary', operator: '-', left: { type: 'name', name: 'e1' }, right: { type: 'call', name: 'MIN', args: [{ type: 'name', name: 'e1' }] },
    });
    assert.deepEqual(parseExpression('SUM([m1, m2])'), { type: 'call', name: 'SUM', args: [{ type: 'list', items: [{ type: 'name', name: 'm1' }, { type: 'name', name: 'm2' }] }] });
    assert.deepEqual(parseExpression('FILL(METRICS(), 0)'), { type: 'call', name: 'FILL', args: [{ type: 'call', name: 'METRICS', args: [] }, { type: 'number', value: 0 }] });
  });

  it('binds ^ tighter than unary minus, * tighter than +, comparisons tighter than AND, AND tighter than OR', () => {
    assert.deepEqual(parseExpression('-2^2'), { type: 'unary', operator: '-', operand: { type: 'binary', operator: '^', left: { type: 'number', value: 2 }, right: { type: 'number', value: 2 } } });
    const tree = parseExpression('m1 > 1 AND m2 < 2 OR NOT m3');
    assert.equal(tree.type === 'binary' && tree.operator, '||');
    assert.deepEqual(parseExpression('m1 && m2'), parseExpression('m1 AND m2'));
    assert.deepEqual(parseExpression('!m1'), parseExpression('NOT m1'));
  });

  it('reads SEARCH with its quoted query and SORT with its keywords', () => {
    assert.deepEqual(parseExpression(`SEARCH('{CWAgent,InstanceId,path} MetricName="disk_used_percent"', 'Average', 300)`), {
      type: 'call', name: 'SEARCH',
      args: [{ type: 'string', value: '{CWAgent,InstanceId,path} MetricName="disk_used_percent"' }, { type: 'string', value: 'Average' }, { type: 'number', value: 300 }],
    });
    assert.deepEqual(parseExpression('SORT(e1, SUM, DESC, 3)').type, 'call');
    assert.deepEqual(referencedIds(parseExpression('SORT(e1, SUM, DESC, 3) + IF(m1 > 2, m2, 0)')), ['e1', 'm1', 'm2']);
  });

  it('refuses what is not an expression, saying where', () => {
    assert.throws(() => parseExpression('m1 +'), new MathError('Syntax error: unexpected end of expression'));
    assert.throws(() => parseExpression('(m1 + m2'), /expected '\)' but found end of expression/);
    assert.throws(() => parseExpression('m1 m2'), /unexpected 'm2' at character 4/);
    assert.throws(() => parseExpression('m1 # 2'), /Unexpected character '#' at character 4/);
    assert.throws(() => parseExpression("SEARCH('abc"), /Unterminated string/);
    assert.throws(() => parseExpression('  '), /empty/);
  });
});

describe('the metric math evaluator', () => {
  const m1 = series('m1', [1, 2, undefined, 4]);
  const m2 = series('m2', [10, 0, 30, undefined]);

  it('aligns two series by timestamp, a missing point counting as 0, and drops a division by zero', () => {
    assert.deepEqual(points(run('m1 + m2', { m1, m2 })), [[0, 11], [1, 2], [2, 30], [3, 4]]);
    assert.deepEqual(points(run('m2 / m1', { m1, m2 })), [[0, 10], [1, 0], [3, 0]]);
    assert.deepEqual(points(run('m1 * 2 ^ 2', { m1 })), [[0, 4], [1, 8], [3, 16]]);
  });

  it('reduces one series to a scalar and an array to a series', () => {
    assert.deepEqual(run('SUM(m1)', { m1 }), { kind: 'scalar', value: 7 });
    assert.deepEqual(run('MAX(m2)', { m2 }), { kind: 'scalar', value: 30 });
    assert.deepEqual(points(run('SUM([m1, m2])', { m1, m2 })), [[0, 11], [1, 2], [2, 30], [3, 4]]);
    assert.deepEqual(points(run('AVG([m1, m2])', { m1, m2 })), [[0, 5.5], [1, 1], [2, 30], [3, 4]]);
    assert.deepEqual(run('STDDEV(m1)', { m1: series('m1', [2, 4, 4, 4, 5, 5, 7, 9]) }), { kind: 'scalar', value: 2 });
  });

  it('fills gaps with a value, by repeating, or linearly, over the whole range', () => {
    const gappy = series('g', [undefined, 2, undefined, undefined, 8]);
    assert.deepEqual(points(run('FILL(g, 0)', { g: gappy })), [[0, 0], [1, 2], [2, 0], [3, 0], [4, 8]]);
    assert.deepEqual(points(run('FILL(g, REPEAT)', { g: gappy })), [[0, 2], [1, 2], [2, 2], [3, 2], [4, 8]]);
    assert.deepEqual(points(run('FILL(g, LINEAR)', { g: gappy })), [[1, 2], [2, 4], [3, 6], [4, 8]]);
  });

  it('gives RATE per second, DIFF, DIFF_TIME, RUNNING_SUM, PERIOD and IF', () => {
    const counter = series('c', [60, 120, undefined, 300]);
    assert.deepEqual(points(run('RATE(c)', { c: counter })), [[1, 1], [3, 1.5]]);
    assert.deepEqual(points(run('DIFF(c)', { c: counter })), [[1, 60], [3, 180]]);
    assert.deepEqual(points(run('DIFF_TIME(c)', { c: counter })), [[1, 60], [3, 120]]);
    assert.deepEqual(points(run('RUNNING_SUM(c)', { c: counter })), [[0, 60], [1, 180], [3, 480]]);
    assert.deepEqual(run('PERIOD(c)', { c: counter }), { kind: 'scalar', value: 60 });
    assert.deepEqual(points(run('IF(c > 100, c, 0)', { c: counter })), [[0, 0], [1, 120], [3, 300]]);
    assert.deepEqual(points(run('IF(c > 100, c)', { c: counter })), [[1, 120], [3, 300]]);
    assert.deepEqual(points(run('c > 100 AND c < 200', { c: counter })), [[0, 0], [1, 1], [3, 0]]);
  });

  it('sorts an array by a statistic and keeps the first N; FIRST and LAST pick from it', () => {
    const a = series('a', [1, 1]);
    const b = series('b', [5, 5]);
    const c = series('c', [3, 3]);
    const sorted = run('SORT([a, b, c], SUM, DESC, 2)', { a, b, c });
    assert.deepEqual(sorted.kind === 'array' && sorted.series.map((s) => s.source.label), ['b', 'c']);
    assert.deepEqual(run('LAST(SORT([a, b, c], MAX, ASC))', { a, b, c }).kind === 'series' && points(run('LAST(SORT([a, b, c], MAX, ASC))', { a, b, c })), [[0, 5], [1, 5]]);
    assert.throws(() => run('SORT([a, b], MEDIAN, DESC)', { a, b }), /SORT takes one of SUM, AVG, MIN, MAX here/);
  });

  it('names an unknown function and a wrong number of arguments', () => {
    assert.throws(() => run('FOO(m1)', { m1 }), new MathError('Unknown function FOO'));
    assert.throws(() => run('FILL(m1)', { m1 }), new MathError('FILL takes 2 arguments, not 1'));
    assert.throws(() => run('SUM([m1, 2])', { m1 }), /An array can hold only time series, not a scalar/);
  });

  it('renders dynamic labels over the series: ${LABEL}, ${PROP(...)}, ${AVG}, ${MAX}, ${LAST}', () => {
    const s = seriesOf([[T0, 2], [T0 + MINUTE, 6]], {
      label: 'i-1 disk_used_percent', namespace: 'CWAgent', metricName: 'disk_used_percent', dimensions: [{ Name: 'InstanceId', Value: 'i-1' }], stat: 'Average', period: 300,
    });
    assert.equal(
      renderLabel("${PROP('Dim.InstanceId')} ${PROP('MetricName')} in ${PROP('Namespace')} (${PROP('Stat')}/${PROP('Period')}): avg ${AVG} max ${MAX} min ${MIN} sum ${SUM} first ${FIRST} last ${LAST} [${LABEL}] ${UNKNOWN}", s),
      'i-1 disk_used_percent in CWAgent (Average/300): avg 4 max 6 min 2 sum 8 first 2 last 6 [i-1 disk_used_percent] ${UNKNOWN}',
    );
  });
});

describe('SEARCH query strings', () => {
  const metric = (Namespace: string, MetricName: string, dims: Record<string, string>) => ({ Namespace, MetricName, Dimensions: Object.entries(dims).map(([Name, Value]) => ({ Name, Value })) });
  const disk = metric('CWAgent', 'disk_used_percent', { InstanceId: 'i-0abc', path: '/' });
  const cpu = metric('AWS/EC2', 'CPUUtilization', { InstanceId: 'i-0abc' });
  const micro = metric('AWS/EC2', 'CPUUtilization', { InstanceType: 't2.micro' });
  const matches = (text: string, m: ReturnType<typeof metric>): boolean => searchMatches(parseSearch(text), m);

  it('cuts names into tokens as the User Guide shows (CustomCount1, SDBFailure, Project2-trial333)', () => {
    assert.deepEqual(new Set(tokensOf('CustomCount1')), new Set(['customcount1', 'custom', 'count', '1']));
    assert.deepEqual(new Set(tokensOf('SDBFailure')), new Set(['sdbfailure', 'sdb', 'failure']));
    // The User Guide's tokens, and each part between punctuation whole besides (the sandbox's reading: `t2` finds `t2.micro`).
    for (const token of ['project2trial333', 'project', '2', 'trial', '333']) assert.ok(tokensOf('Project2-trial333').includes(token), token);
  });

  it("keeps a schema's namespace and exactly its dimension set (the CloudWatch agent workshop's disk_used_percent)", () => {
    assert.equal(matches('{CWAgent,InstanceId,path} MetricName="disk_used_percent"', disk), true);
    assert.equal(matches('{CWAgent,InstanceId} MetricName="disk_used_percent"', disk), false);
    assert.equal(matches('{CWAgent,path,InstanceId}', disk), true);
    assert.equal(matches('disk_used_percent', disk), true);
    assert.equal(matches('{AWS/EC2,InstanceId} MetricName="CPUUtilization"', cpu), true);
    assert.equal(matches('{AWS/EC2} MetricName="CPUUtilization"', cpu), false);
  });

  it('matches whole tokens case-insensitively, quoted terms exactly, designators on their property only', () => {
    assert.equal(matches('utilization', cpu), true);
    assert.equal(matches('Utiliz', cpu), false);
    assert.equal(matches('"CPU"', cpu), false);
    assert.equal(matches('"CPUUtilization"', cpu), true);
    assert.equal(matches('{AWS/EC2,InstanceType} InstanceType=micro MetricName="CPUUtilization"', micro), true);
    assert.equal(matches('InstanceType="t2.micro"', micro), true);
    assert.equal(matches('InstanceType="micro"', micro), false);
    assert.equal(matches('MetricName=EC2', cpu), false);
    assert.equal(matches('Namespace=EC2', cpu), true);
    assert.equal(matches('used_percent', disk), true);
  });

  it('combines terms: side by side all, AND, OR, NOT, parentheses', () => {
    assert.equal(matches('CPUUtilization i-0abc', cpu), true);
    assert.equal(matches('CPUUtilization i-0def', cpu), false);
    assert.equal(matches('NetworkIn OR CPUUtilization', cpu), true);
    assert.equal(matches('CPUUtilization AND NOT InstanceType=micro', micro), false);
    assert.equal(matches('(disk OR cpu) AND NOT "AWS/EC2"', disk), true);
  });

  it('refuses a search with neither schema nor term, and unbalanced parentheses', () => {
    assert.throws(() => parseSearch('   '), /needs a metric schema, a search term, or both/);
    assert.throws(() => parseSearch('(cpu OR disk'), /unbalanced parentheses/);
    assert.throws(() => parseSearch('{CWAgent'), /no closing brace/);
  });
});
