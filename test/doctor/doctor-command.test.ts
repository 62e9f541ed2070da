import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import { doctor } from '../../src/cli/commands/doctor.js';
import { ACCESS_KEY_ID, SECRET_ACCESS_KEY, assertNoSecrets, captureIo, closedUrl, tempHome } from './helpers.js';

const labBin = fileURLToPath(new URL('../../../bin/lab.js', import.meta.url));

test('by default: a table of the local checks and a verdict, no AWS checks', async () => {
  const { home, cleanup } = await tempHome();
  try {
    const io = captureIo({ PATH: home, HOME: home });
    const code = await doctor({ color: 'off' }, [], io);
    const out = io.out();
    assert.equal(code, 0, out);
    assert.match(out, /│ Check\s+│ Status │ Detail/);
    assert.match(out, /│ Node\.js\s+│ ok\s+│ v\d+\.\d+\.\d+/);
    assert.match(out, /│ sandbox port\s+│ (ok|warn)\s+│ 127\.0\.0\.1:4566/);
    assert.match(out, /│ redis-server\*\s+│ warn\s+│ not found on PATH/);
    assert.ok(out.includes('redis-server: to fix,\n  Debian/Ubuntu: sudo apt-get install -y redis-server\n'), out);
    assert.match(out, /\nReady \(\d warnings?\)\.\n$/);
    assert.doesNotMatch(out, /AWS (credentials|region|identity)/);
    assert.equal(stripVTControlCharacters(out), out);
    assert.equal(io.err(), '');
  } finally {
    await cleanup();
  }
});

test('--color on paints statuses; the table fits $COLUMNS, the fixes stay whole', async () => {
  const io = captureIo({ PATH: '', COLUMNS: '60' });
  await doctor({ color: 'on' }, [], io);
  assert.ok(io.out().includes('\u001b[32mok\u001b[0m'));
  const tableLines = io.out().split('\n').filter((line) => /^[┌│├└]/.test(line));
  assert.ok(tableLines.length >= 5);
  for (const line of tableLines) assert.ok(stripVTControlCharacters(line).length <= 60, line);
  assert.ok(io.out().includes('\n  Windows: in WSL, sudo apt-get install -y redis-server; or Docker: docker run -p 6379:6379 redis\n'));
});

test('an explicit --output prints the checks as a document, and --query applies', async () => {
  const json = captureIo({ PATH: '' });
  await doctor({ color: 'off', output: 'json' }, [], json);
  const document = JSON.parse(json.out()) as { Checks: { Name: string; Status: string; Required: boolean; Fix?: string }[]; Ready: boolean };
  assert.deepEqual(
    document.Checks.map((check) => check.Name),
    ['Node.js', 'sandbox port', 'redis-server'],
  );
  assert.equal(document.Ready, true);
  assert.equal(document.Checks[2]!.Required, false);
  assert.match(document.Checks[2]!.Fix!, /brew install redis/);

  const text = captureIo({ PATH: '' });
  await doctor({ color: 'off', output: 'text', query: "Checks[?Name=='redis-server'].Status" }, [], text);
  assert.equal(text.out(), 'warn\n');

  const queryAlone = captureIo({ PATH: '' });
  await doctor({ color: 'off', query: 'Ready' }, [], queryAlone);
  assert.equal(queryAlone.out(), 'true\n');
});

test('lab doctor through the real program: JSON out, exit 1 for a missing profile, no secret anywhere', async () => {
  const { home, cleanup } = await tempHome({
    '.aws/credentials': `[default]\naws_access_key_id = ${ACCESS_KEY_ID}\naws_secret_access_key = ${SECRET_ACCESS_KEY}\n`,
  });
  try {
    const env = { PATH: process.env.PATH ?? '', HOME: home, AWS_EC2_METADATA_DISABLED: 'true', COLUMNS: '200' };
    const ready = spawnSync(process.execPath, [labBin, 'doctor', '--output', 'json'], { encoding: 'utf8', env });
    assert.equal(ready.status, 0, ready.stderr);
    assert.equal((JSON.parse(ready.stdout) as { Ready: boolean }).Ready, true);

    const args = [labBin, '--debug', 'doctor', '--target', 'aws', '--region', 'us-east-1', '--endpoint-url', await closedUrl()];
    const onAws = spawnSync(process.execPath, args, { encoding: 'utf8', env });
    assert.equal(onAws.status, 0, onAws.stdout + onAws.stderr);
    assert.match(onAws.stdout, /profile 'default' in ~\/\.aws\/credentials; access key \*{16}TOR1/);
    assertNoSecrets(onAws.stdout + onAws.stderr, assert);

    const missing = spawnSync(process.execPath, [labBin, 'doctor', '--profile', 'nope'], { encoding: 'utf8', env });
    assert.equal(missing.status, 1);
    assert.match(missing.stdout, /aws configure --profile nope/);
  } finally {
    await cleanup();
  }
});
