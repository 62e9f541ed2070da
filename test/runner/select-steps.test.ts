/** Which steps run: `--steps` as `lab show` numbers them, and the prerequisites a choice needs. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Step } from '../../src/runner/lab.js';
import { parseStepList, StepsSyntaxError, withPrerequisites } from '../../src/runner/select-steps.js';

const step = (id: string, needs: string[] = []): Step => ({ id, title: `Make ${id}`, why: '', needs, run: async () => ({ operation: id, response: {} }) });

// A network built step by step: the subnet needs the VPC, the route needs the route table and the gateway.
const STEPS = [step('vpc'), step('igw', ['vpc']), step('subnet', ['vpc']), step('route-table', ['vpc']), step('route', ['route-table', 'igw'])];

test('--steps takes numbers, ranges and commas, 1-based, in lab order', () => {
  assert.deepEqual(parseStepList('11-14', 19), [10, 11, 12, 13]);
  assert.deepEqual(parseStepList('5, 1,3-4,3', 5), [0, 2, 3, 4]);
  assert.deepEqual(parseStepList('2', 5), [1]);
});

test('--steps outside the lab, backwards or not a number says what is allowed', () => {
  for (const spec of ['0', '6', '4-2', 'a', '1-', '1,,2']) {
    assert.throws(() => parseStepList(spec, 5), (error: unknown) => error instanceof StepsSyntaxError && /Use numbers from 1 to 5/.test(error.message), spec);
  }
});

test('a chosen step\'s prerequisite is added back, with a note saying which step needs it', () => {
  const selection = withPrerequisites(STEPS, [2], () => false);
  assert.deepEqual(selection.indexes, [0, 2]);
  assert.deepEqual(selection.notes, ['step 1 (Make vpc) added: step 3 needs it']);
});

test('prerequisites are followed through, each added once', () => {
  const selection = withPrerequisites(STEPS, [4], () => false);
  assert.deepEqual(selection.indexes, [0, 1, 3, 4]);
  assert.deepEqual(selection.notes, [
    'step 4 (Make route-table) added: step 5 needs it',
    'step 1 (Make vpc) added: step 4 needs it',
    'step 2 (Make igw) added: step 5 needs it',
  ]);
});

test('a prerequisite an earlier run already produced is not run again', () => {
  const selection = withPrerequisites(STEPS, [2, 3], (id) => id === 'vpc');
  assert.deepEqual(selection, { indexes: [2, 3], notes: [] });
});

test('a step naming a step the lab does not have is a bug in the lab, said at once', () => {
  assert.throws(() => withPrerequisites([step('a', ['missing'])], [0], () => false), /step a needs unknown step missing/);
});
