import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fittedTable } from '../../src/cli/fitted-table.js';
import { startLab } from '../support/lab-process.js';

const headings = ['Lab', 'Run', 'Resource', 'Id', 'Age'];
const rows = [['week4-fri', '20261204-1522-0f24', 'S3 bucket', 'fcj-cli-lab-20261204-1522-0f24', '0 min']];

/** The characters a table holds, without borders, padding or line breaks, in order: wrapping moves them, never drops them. */
function charactersOf(table: string): string {
  return [...table.replace(/[│┌┐└┘├┤┬┴┼─\s]/g, '')].sort().join('');
}

test('a table that fits is left as wide as its content', () => {
  const table = fittedTable(headings, rows, { columns: 200, color: false });
  const widths = table.trimEnd().split('\n').map((line) => line.length);
  assert.equal(Math.max(...widths), 9 + 18 + 9 + 30 + 5 + 3 * 5 + 1);
  assert.match(table, /│ fcj-cli-lab-20261204-1522-0f24 │/);
});

test('a table wider than the terminal wraps, every line within the width, and loses no character', () => {
  for (const columns of [100, 80, 60, 45]) {
    const table = fittedTable(headings, rows, { columns, color: false });
    for (const line of table.trimEnd().split('\n')) assert.ok(line.length <= columns, `${columns}: ${line}`);
    assert.equal(charactersOf(table), charactersOf(headings.join('') + rows.flat().join('')), `${columns}`);
  }
});

test('words are kept whole while they fit; short columns stay whole before long ones', () => {
  const table = fittedTable(headings, rows, { columns: 80, color: false });
  assert.match(table, /│ Lab {7}│ Run {16}│ Resource │/);
  assert.match(table, /│ week4-fri │ 20261204-1522-0f24 │ S3 {7}│ fcj-cli-lab-\S+ │/);
});

test('lab list fits an 80-column terminal, and --output table keeps the CLI format', async () => {
  const fitted = await startLab(['list'], { COLUMNS: '80' }).done;
  assert.equal(fitted.code, 0);
  for (const line of fitted.stdout.trimEnd().split('\n')) assert.ok(line.length <= 80, line);
  assert.match(fitted.stdout, /│ week4-fri /);
  const cli = await startLab(['list', '--output', 'table'], { COLUMNS: '80' }).done;
  assert.match(cli.stdout, /^-+\n\|\s+ListLabs\s+\|\n/);
});
