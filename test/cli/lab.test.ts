import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';

const labBin = fileURLToPath(new URL('../../../bin/lab.js', import.meta.url));

function lab(args: string[], input?: string, env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [labBin, ...args], {
    input: input ?? '',
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
  });
  return { stdout: result.stdout, stderr: result.stderr, code: result.status };
}

test('lab --help lists every command', () => {
  const { stdout, code } = lab(['--help']);
  assert.equal(code, 0);
  for (const command of ['run', 'list', 'show', 'cleanup', 'status', 'sandbox', 'format', 'doctor']) {
    assert.match(stdout, new RegExp(`^  ${command}\\b`, 'm'), command);
  }
  for (const option of ['--output', '--query', '--profile', '--region', '--endpoint-url', '--color', '--debug', '--target']) {
    assert.ok(stdout.includes(option), option);
  }
});

test('each command teaches by example in its own --help', () => {
  for (const command of ['run', 'list', 'show', 'cleanup', 'status', 'sandbox', 'format', 'doctor']) {
    const { stdout, code } = lab([command, '--help']);
    assert.equal(code, 0, command);
    assert.match(stdout, /Example/, command);
  }
});

test('an unknown lab is a usage error that lists the labs', () => {
  const { stderr, code } = lab(['run', 'week9-mon', '--yes']);
  assert.equal(code, 252);
  assert.match(stderr, /there is no lab 'week9-mon'\. Labs: week4-tue, week4-thu, week4-fri, week8-day2, .*, week8-day7 \(see lab list\)/);
});

test('lab format prints stdin the way the AWS CLI does', () => {
  const input = '{"Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16"}], "ResponseMetadata": {"RequestId": "r-1"}}';
  assert.deepEqual(lab(['format', '--output', 'text'], input), { stdout: 'VPCS\t10.0.0.0/16\tvpc-1\n', stderr: '', code: 0 });
  assert.equal(lab(['format', '--query', 'Vpcs[0].VpcId'], input).stdout, '"vpc-1"\n');
  assert.equal(lab(['--output', 'text', 'format'], '{"a": 2.0}').stdout, '2.0\n');
  assert.equal(lab(['format'], '{"n": 2.0}', { AWS_DEFAULT_OUTPUT: 'text' }).stdout, '2.0\n');
});

test('a bad --query fails first, with the CLI message and exit code 252', () => {
  const { stdout, stderr, code } = lab(['format', '--query', 'Vpcs['], 'this is not even JSON');
  assert.equal(code, 252);
  assert.equal(stdout, '');
  assert.match(stderr, /^\nBad value for --query Vpcs\[: /);
});

test('a query that fails on the data exits 255', () => {
  const { stdout, code } = lab(['format', '--query', "abs('x')"], '{}');
  assert.equal(code, 255);
  assert.equal(stdout, '');
});

test('invalid JSON gets one line and a non-zero exit', () => {
  const { stdout, stderr, code } = lab(['format'], '{"a": 1,}');
  assert.equal(code, 1);
  assert.equal(stdout, '');
  assert.equal(stderr, 'lab format: standard input is not valid JSON: Expecting property name enclosed in double quotes at line 1 column 9\n');
});

test('bad flags name the problem and exit 252, as the AWS CLI does', () => {
  const { stderr, code } = lab(['format', '--output', 'xml'], '{}');
  assert.equal(code, 252);
  assert.match(stderr, /--output.*xml.*json, yaml, yaml-stream, text, table/);
});

test('lab format reads a file argument too', () => {
  const file = fileURLToPath(new URL('../../../package.json', import.meta.url));
  const { stdout, code } = lab(['format', '--query', 'name', file]);
  assert.equal(code, 0);
  assert.equal(stdout, '"cloud-journey-lab"\n');
});

test('a reader that stops early (lab ... | head) ends lab quietly, with the SIGPIPE status', () => {
  // Far more output than a pipe holds, so lab is still writing when head has gone.
  const document = JSON.stringify({ Items: Array.from({ length: 20_000 }, (_, i) => ({ id: `item-${i}`, note: 'x'.repeat(40) })) });
  const result = spawnSync('bash', ['-c', `"${process.execPath}" "${labBin}" format --output text | head -c 1 >/dev/null; echo "status \${PIPESTATUS[0]}" >&2`], {
    input: document,
    encoding: 'utf8',
  });
  assert.equal(result.stderr, 'status 141\n');
});
