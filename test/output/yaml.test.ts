import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parseJsonDocument } from '../../src/output/parse-json.js';
import { CompiledQuery } from '../../src/output/query.js';
import { doc, type Json } from '../../src/output/value.js';
import { formatYaml, formatYamlStream } from '../../src/output/yaml.js';

// Each NAME.json here has NAME.yaml and NAME.yaml-stream beside it, written by AWS CLI
// 2.9.19's own YAMLFormatter and StreamedYAMLFormatter (ruamel.yaml 0.17.21, C emitter)
// through regenerate.py.
const fixtures = new URL('../../../test/output/yaml/', import.meta.url);
const read = (name: string): string => readFileSync(new URL(name, fixtures), 'utf8');

const yaml = (text: string): string => formatYaml(parseJsonDocument(text));
const yamlStream = (text: string): string => formatYamlStream(parseJsonDocument(text));

const inputs = readdirSync(fixtures).filter((name) => name.endsWith('.json'));

test('the response fixtures are all found', () => {
  assert.deepEqual(inputs.sort(), ['describe-instances', 'describe-vpcs', 'dynamodb-query', 'keys', 'numbers', 'shapes', 'strings'].map((name) => `${name}.json`));
});

for (const input of inputs) {
  const name = input.slice(0, -'.json'.length);
  test(`${name}: yaml and yaml-stream match the AWS CLI byte for byte`, () => {
    const text = read(input);
    assert.equal(yaml(text), read(`${name}.yaml`));
    assert.equal(yamlStream(text), read(`${name}.yaml-stream`));
  });
}

interface CorpusCase {
  input: string;
  yaml: string;
  'yaml-stream': string;
}

// Random documents (nasty strings, deep nesting, long keys, numbers) with the CLI's outputs;
// regenerate.py rewrites the outputs.
test('212 random documents match the AWS CLI byte for byte', () => {
  const lines = read('corpus.jsonl').split('\n').slice(0, -1);
  assert.equal(lines.length, 212);
  for (const line of lines) {
    const { input, yaml: expectedYaml, 'yaml-stream': expectedStream } = JSON.parse(line) as CorpusCase;
    assert.equal(yaml(input), expectedYaml, input);
    assert.equal(yamlStream(input), expectedStream, input);
  }
});

test('keys are sorted; a list under a key is not indented, a map is', () => {
  assert.equal(
    yaml('{"Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16", "Tags": [{"Key": "Name", "Value": "lab"}]}], "NextToken": "abc"}'),
    'NextToken: abc\nVpcs:\n- CidrBlock: 10.0.0.0/16\n  Tags:\n  - Key: Name\n    Value: lab\n  VpcId: vpc-1\n',
  );
  assert.equal(yaml('{"State": {"Code": 16, "Name": "running"}}'), 'State:\n  Code: 16\n  Name: running\n');
  assert.equal(yaml('[[1, [2]], {"a": []}, {}]'), '- - 1\n  - - 2\n- a: []\n- {}\n');
});

test('strings YAML 1.2 would read as another type are single-quoted; 1.1-only words are not', () => {
  assert.equal(
    yaml('{"a": "123", "b": "1e20", "c": "true", "d": "null", "e": "2024-05-06", "f": "", "g": "yes", "h": "off", "i": "1:20"}'),
    "a: '123'\nb: '1e20'\nc: 'true'\nd: 'null'\ne: '2024-05-06'\nf: ''\ng: yes\nh: off\ni: 1:20\n",
  );
});

test('indicators, blanks and line breaks force single quotes; unprintables force double quotes', () => {
  assert.equal(
    yaml('{"a": "- x", "b": "a: b", "c": "a #b", "d": "it\'s", "e": " x", "f": "a\\nb", "g": "a\\tb", "h": "ok 🚀", "i": "Hà Nội"}'),
    "a: '- x'\nb: 'a: b'\nc: 'a #b'\nd: it's\ne: ' x'\nf: 'a\n\n  b'\ng: \"a\\tb\"\nh: \"ok \\U0001F680\"\ni: Hà Nội\n",
  );
});

test('a long string folds at the first space past column 80, continuing two spaces in', () => {
  const words = 'word '.repeat(20).trim();
  assert.equal(
    yaml(JSON.stringify({ Description: words })),
    `Description: ${'word '.repeat(13)}word\n  ${'word '.repeat(5)}word\n`,
  );
});

test('numbers keep Python\'s spelling; the non-finite ones use YAML\'s', () => {
  assert.equal(
    yaml('{"a": 2.0, "b": 1e20, "c": 10000000000000000001, "d": NaN, "e": -Infinity, "f": 1e-05}'),
    'a: 2.0\nb: 1e+20\nc: 10000000000000000001\nd: .nan\ne: -.inf\nf: 1e-05\n',
  );
});

test('an object without output prints nothing; an empty list prints []', () => {
  assert.equal(yaml('{}'), '');
  assert.equal(yamlStream('{}'), '');
  assert.equal(yaml('[]'), '[]\n');
  assert.equal(yamlStream('[]'), '- []\n');
});

test('a scalar left by a query prints as JSON in yaml, as a one-item list in yaml-stream', () => {
  const cases: [string, string, string][] = [
    ['"x"', '"x"\n', '- x\n'],
    ['"2024-05-06"', '"2024-05-06"\n', "- '2024-05-06'\n"],
    ['"Hà Nội 🚀"', '"Hà Nội 🚀"\n', '- "Hà Nội \\U0001F680"\n'],
    ['"a\\nb"', '"a\\nb"\n', "- 'a\n\n  b'\n"],
    ['2.0', '2.0\n', '- 2.0\n'],
    ['10000000000000000001', '10000000000000000001\n', '- 10000000000000000001\n'],
    ['NaN', 'NaN\n', '- .nan\n'],
    ['-Infinity', '-Infinity\n', '- -.inf\n'],
    ['null', 'null\n', '- null\n'],
    ['true', 'true\n', '- true\n'],
  ];
  for (const [input, expectedYaml, expectedStream] of cases) {
    assert.equal(yaml(input), expectedYaml, input);
    assert.equal(yamlStream(input), expectedStream, input);
  }
});

test('yaml-stream writes the response as the only item of a list', () => {
  assert.equal(yamlStream('{"Count": 1, "Items": [{"Id": {"S": "a"}}]}'), '- Count: 1\n  Items:\n  - Id:\n      S: a\n');
});

test('the same object reached twice is anchored once and aliased after, as after a query', () => {
  const response = parseJsonDocument('{"Vpcs": [{"VpcId": "vpc-1", "Tags": [{"Key": "Name", "Value": "lab"}]}]}').value;
  const twice = doc(CompiledQuery.compile('[Vpcs[0], Vpcs[0]]').search(response));
  assert.equal(formatYaml(twice), '- &id001\n  Tags:\n  - Key: Name\n    Value: lab\n  VpcId: vpc-1\n- *id001\n');
  assert.equal(formatYamlStream(twice), '- - &id001\n    Tags:\n    - Key: Name\n      Value: lab\n    VpcId: vpc-1\n  - *id001\n');
  const nested = doc(CompiledQuery.compile('{a: Vpcs[0].Tags, b: Vpcs[].Tags[]}').search(response));
  assert.equal(formatYaml(nested), 'a:\n- &id001\n  Key: Name\n  Value: lab\nb:\n- *id001\n');
});

test('anchors are numbered in the order objects are met a second time', () => {
  const a: Json = { a: 1 };
  const list: Json = [1, 2];
  const empty: Json = {};
  assert.equal(
    formatYaml(doc([a, list, list, a])),
    '- &id002\n  a: 1\n- &id001\n  - 1\n  - 2\n- *id001\n- *id002\n',
  );
  assert.equal(formatYaml(doc({ s: list, t: list, u: empty, v: empty })), 's: &id001\n- 1\n- 2\nt: *id001\nu: &id002 {}\nv: *id002\n');
  // Equal but distinct objects are not shared.
  assert.equal(formatYaml(doc([{ a: 1 }, { a: 1 }])), '- a: 1\n- a: 1\n');
});
