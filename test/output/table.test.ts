import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { FormatError } from '../../src/output/format-error.js';
import { parseJsonDocument } from '../../src/output/parse-json.js';
import { formatTable } from '../../src/output/table.js';
import { textWidth } from '../../src/output/table-width.js';
import { doc } from '../../src/output/value.js';

// Expected outputs come from the AWS CLI 2.9.19's own TableFormatter: make-fixtures.py.
const fixtures = new URL('../../../test/output/table/', import.meta.url);

interface Case {
  name: string;
  input: string;
  title: string;
  columns: number;
  color: boolean;
  outcome: 'stdout' | 'error';
}

const cases = JSON.parse(readFileSync(new URL('cases.json', fixtures), 'utf8')) as Case[];

function run(c: Case): { outcome: Case['outcome']; text: string } {
  const document = parseJsonDocument(readFileSync(new URL(`inputs/${c.input}.json`, fixtures), 'utf8'));
  try {
    return { outcome: 'stdout', text: formatTable(document, { title: c.title, columns: c.columns, color: c.color }) };
  } catch (error) {
    if (error instanceof FormatError) return { outcome: 'error', text: error.message };
    throw error;
  }
}

for (const c of cases) {
  test(`${c.input} at ${c.columns} columns${c.color ? ' in colour' : ''} prints what the AWS CLI prints`, () => {
    const expected = readFileSync(new URL(`expected/${c.name}.txt`, fixtures), 'utf8');
    assert.deepEqual(run(c), { outcome: c.outcome, text: expected });
  });
}

interface RandomCase {
  document: string;
  title: string;
  columns: number;
  color: boolean;
  outcome: Case['outcome'];
  expected: string;
}

test('250 seeded random documents print what the AWS CLI prints', () => {
  const randoms = JSON.parse(readFileSync(new URL('random.json', fixtures), 'utf8')) as RandomCase[];
  assert.equal(randoms.length, 250);
  randoms.forEach((c, index) => {
    let actual: { outcome: Case['outcome']; text: string };
    try {
      actual = { outcome: 'stdout', text: formatTable(parseJsonDocument(c.document), c) };
    } catch (error) {
      if (!(error instanceof FormatError)) throw error;
      actual = { outcome: 'error', text: error.message };
    }
    assert.deepEqual(actual, { outcome: c.outcome, text: c.expected }, `random document ${index}: ${c.document}`);
  });
});

test('the corpus covers realistic responses, every width, colour and the CLI errors', () => {
  assert.ok(cases.length >= 80);
  assert.deepEqual([...new Set(cases.map((c) => c.columns))].sort((a, b) => a - b), [20, 40, 80, 120, 200]);
  assert.ok(cases.some((c) => c.color));
  assert.ok(cases.filter((c) => c.outcome === 'error').length >= 10);
});

test('widths follow Python 3.11: wide, fullwidth and ambiguous count two, per code point', () => {
  assert.equal(textWidth('vpc-0f1e2d3c4b5a69788'), 21);
  assert.equal(textWidth('中文'), 4);
  assert.equal(textWidth('ＡＢ'), 4);
  // Vietnamese precomposed letters are neutral, but à and é are ambiguous.
  assert.equal(textWidth('ạếữ'), 3);
  assert.equal(textWidth('àé'), 4);
  // A combining acute accent is ambiguous too, so a decomposed é is three columns.
  assert.equal(textWidth('e\u0301'), 3);
  // An astral emoji is one code point (two UTF-16 units) of width two; a skin tone adds two more.
  assert.equal(textWidth('😀'), 2);
  assert.equal(textWidth('👍🏽'), 4);
  // Unicode 16 made the trigrams wide; Python 3.11 (Unicode 14) does not, and calls unassigned code points F.
  assert.equal(textWidth('☰'), 1);
  assert.equal(textWidth('\u0378'), 2);
  // A lone surrogate is one narrow code point to Python.
  assert.equal(textWidth('\ud800x'), 2);
});

test('a 10,000-item DynamoDB Scan prints the same bytes as the CLI, one section per item', () => {
  const items = Array.from({ length: 10_000 }, (_, i) => ({ Id: { S: `item-${i}` }, Score: { N: String(i) } }));
  const output = formatTable(doc({ Items: items, Count: items.length, ScannedCount: items.length }), {
    title: 'Scan',
    columns: 80,
    color: false,
  });
  // The CLI's 90,007 lines are too big to commit: their last item and their SHA-256 stand in.
  const lastItem = [
    '||         Items         ||',
    '|||         Id          |||',
    '||+----+----------------+||',
    '|||  S |  item-9999     |||',
    '||+----+----------------+||',
    '|||        Score        |||',
    '||+-------+-------------+||',
    '|||  N    |  9999       |||',
    '||+-------+-------------+||',
    '',
  ];
  assert.ok(output.endsWith(lastItem.join('\n')));
  assert.equal(createHash('sha256').update(output).digest('hex'), 'b7fc4d53c8b05096ce7b96e31752efcab2981c53af4cc67b3775475e1a1a5ba5');
});
