/**
 * The golden corpus: every case in test/golden/expected/, rendered by `lab format`'s own
 * pipeline and compared byte for byte with what AWS CLI v2.9.19 printed for the same
 * document, query, mode and width (stdout, stderr and exit code). The expectations are
 * committed, so this needs neither Python nor the AWS CLI; test/golden/README.md says how
 * they are regenerated, and `npm run test:interop` checks they are current.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { renderJsonText } from '../../src/output/render.js';
import { documentText, expectedOutcome, labBin, labEnv, labFormatArgs, readManifest } from '../golden/corpus.js';

const cases = readManifest();

for (const goldenCase of cases) {
  test(goldenCase.id, () => {
    const actual = renderJsonText({
      input: documentText(goldenCase.document),
      output: goldenCase.output,
      ...(goldenCase.query === undefined ? {} : { query: goldenCase.query }),
      operation: goldenCase.operation,
      columns: goldenCase.columns,
      color: false,
    });
    assert.deepEqual(actual, expectedOutcome(goldenCase));
  });
}

// A few cases through the real command line, to pin the interface the corpus relies on:
// the document on stdin, --operation as the title, the width from $COLUMNS, the exit code.
const THROUGH_THE_CLI = ['vpcs.table-40', 'q-unicode-hash.table-80', 'numbers.yaml', 'strings.text', 'mixed-list.text', 'bad-unclosed-bracket.json'];

for (const id of THROUGH_THE_CLI) {
  test(`lab format, as a process: ${id}`, () => {
    const goldenCase = cases.find((candidate) => candidate.id === id);
    assert.ok(goldenCase, `${id} is in the corpus`);
    const child = spawnSync(process.execPath, [labBin, ...labFormatArgs(goldenCase)], {
      input: documentText(goldenCase.document),
      encoding: 'utf8',
      env: labEnv(goldenCase.columns),
    });
    assert.deepEqual({ stdout: child.stdout, stderr: child.stderr, exitCode: child.status }, expectedOutcome(goldenCase));
  });
}
