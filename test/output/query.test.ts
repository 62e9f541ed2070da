import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatJson } from '../../src/output/json.js';
import { parseJsonDocument } from '../../src/output/parse-json.js';
import { CompiledQuery, QueryRuntimeError, QuerySyntaxError } from '../../src/output/query.js';
import { formatText } from '../../src/output/text.js';
import type { JsonObject } from '../../src/output/value.js';

const vpcs: JsonObject = {
  Vpcs: [
    { VpcId: 'vpc-1', CidrBlock: '10.0.0.0/16', IsDefault: false, Tags: [{ Key: 'Name', Value: 'AutoScaling-Lab' }] },
    { VpcId: 'vpc-2', CidrBlock: '172.31.0.0/16', IsDefault: true },
  ],
};

test('projections, filters, multiselects and functions', () => {
  const search = (expression: string) => CompiledQuery.compile(expression).search(vpcs);
  assert.deepEqual(search('Vpcs[].VpcId'), ['vpc-1', 'vpc-2']);
  assert.deepEqual(search('Vpcs[?IsDefault].CidrBlock | [0]'), '172.31.0.0/16');
  assert.deepEqual(search("Vpcs[?Tags[?Key=='Name' && Value=='AutoScaling-Lab']].VpcId"), ['vpc-1']);
  assert.deepEqual(search('Vpcs[].{id: VpcId, default: IsDefault}'), [
    { id: 'vpc-1', default: false },
    { id: 'vpc-2', default: true },
  ]);
  assert.equal(search('length(Vpcs)'), 2);
  assert.deepEqual(search('sort_by(Vpcs, &CidrBlock)[-1].VpcId'), 'vpc-2');
  assert.equal(search('max_by(Vpcs, &VpcId).VpcId'), 'vpc-2');
  assert.equal(search('Subnets'), null);
  assert.equal(search('constructor'), null, 'a key is looked up in the document, never in a prototype');
});

test('numbers keep their Python type through a query: 2.0 stays a float, big ints stay exact', () => {
  const document = parseJsonDocument('{"a": 64.0, "b": -0.0, "c": 1e20, "d": 10000000000000000001, "l": [1.0, 2.5, 1e20]}');
  const json = (expression: string) => formatJson(CompiledQuery.compile(expression).searchDocument(document));
  const text = (expression: string) => formatText(CompiledQuery.compile(expression).searchDocument(document));
  assert.equal(text('a'), '64.0\n');
  assert.equal(text('[b, c, d]'), '-0.0\t1e+20\t10000000000000000001\n');
  assert.equal(json('d == `10000000000000000000`'), 'false\n');
  assert.equal(json('{x: `{"c": 1.0}`, y: to_number(\'2.0\'), z: to_string(`1.5e-7`), w: to_string(a)}'),
    '{\n    "x": {\n        "c": 1.0\n    },\n    "y": 2.0,\n    "z": "1.5e-07",\n    "w": "64.0"\n}\n');
  assert.equal(json('[sum(l), max(l), avg(l), floor(a), length(l)]'), '[\n    1e+20,\n    1e+20,\n    3.333333333333333e+19,\n    64,\n    3\n]\n');
});

test('a value reached twice is one object in the result, as the YAML formatter needs for anchors', () => {
  const result = CompiledQuery.compile('[Vpcs[0], Vpcs[0]]').search(vpcs) as JsonObject[];
  assert.equal(result[0], result[1]);
});

test('a query that does not parse fails with jmespath.py\'s message and marker', () => {
  const reason = (expression: string) => {
    try {
      CompiledQuery.compile(expression);
    } catch (error) {
      if (error instanceof QuerySyntaxError) return error.reason;
    }
    return assert.fail(`${expression} compiled`);
  };
  assert.equal(reason('Vpcs['), 'Invalid jmespath expression: Incomplete expression:\n"Vpcs["\n      ^');
  assert.equal(reason(''), 'Invalid JMESPath expression: cannot be empty.');
  assert.equal(reason('Vpcs[?]'), 'invalid token: Parse error at column 6, token "]" (RBRACKET), for expression:\n"Vpcs[?]"\n       ^');
  assert.equal(reason('Tên'), 'Bad jmespath expression: Unknown token ê:\nTên\n ^');
  for (const expression of ['a + b', '$.a', 'a ? b : c', '-a', 'let $x = a in $x']) {
    assert.match(reason(expression), /^Bad jmespath expression: Unknown token /, expression);
  }
});

test('failures while applying a query are runtime errors worded as jmespath.py words them', () => {
  assert.throws(() => CompiledQuery.compile("abs('x')").search({}), QueryRuntimeError);
  assert.throws(() => CompiledQuery.compile("abs('x')").search({}), /In function abs\(\), invalid type for value: x, expected one of: \['number'\], received: "string"/);
  assert.throws(() => CompiledQuery.compile('upper(Vpcs[0].VpcId)').search(vpcs), /^QueryRuntimeError: Unknown function: upper\(\)$/);
  assert.throws(() => CompiledQuery.compile('Vpcs[::0]').search(vpcs), /slice step cannot be zero/);
  assert.throws(() => CompiledQuery.compile('not_null()').search(vpcs), /Expected at least 1 argument for function not_null\(\), received 0/);
});

test('an unknown function is only an error when it is called', () => {
  assert.deepEqual(CompiledQuery.compile('Subnets[].upper(@)').search(vpcs), null);
});

test('ordering follows jmespath.py: strings compare by code point, sort is numeric', () => {
  const search = (expression: string, data: JsonObject | null) => CompiledQuery.compile(expression).search(data);
  const instances = { Instances: [{ Id: 'i-1', LaunchTime: '2026-01-05T10:00:00+00:00' }, { Id: 'i-2', LaunchTime: '2025-12-31T23:00:00+00:00' }] };
  assert.deepEqual(search("Instances[?LaunchTime > '2026-01-01'].Id", instances), ['i-1']);
  assert.deepEqual(search('sort(`[10, 9, 1, 2.5]`)', null), [1, 2.5, 9, 10]);
  assert.equal(search('max(`["b", "a", "C"]`)', null), 'b');
  assert.equal(search('min(`["b", "a", "C"]`)', null), 'C');
  assert.equal(search('`true` < `1`', null), null);
  assert.throws(() => search('`"a"` > `1`', null), /^QueryRuntimeError: '>' not supported between instances of 'str' and 'int'$/);
  assert.throws(() => search('`1` <= `"a"`', null), /^QueryRuntimeError: '<=' not supported between instances of 'int' and 'str'$/);
});
