/**
 * What a new learner hit in `lab` (issue "The learner's walk"), each driven as they drove
 * it: the real program against a real sandbox, its stdout parsed the way a script would.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { DeleteBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { checkSandboxPort } from '../../src/doctor/sandbox-port.js';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/server.js';
import { startLab } from '../support/lab-process.js';
import { KEYS, labInTerminal } from '../support/pseudo-terminal.js';

let sandbox: RunningSandbox;
let configDir: string;

before(async () => {
  sandbox = await startSandbox({ port: 0 });
  configDir = await mkdtemp(join(tmpdir(), 'lab-walk-'));
});

after(async () => {
  await sandbox.stop();
  await rm(configDir, { recursive: true, force: true });
});

const lab = (...args: string[]) => startLab(args, { LAB_CONFIG_DIR: configDir }).done;
const onSandbox = (...args: string[]) => lab(...args, '--endpoint-url', sandbox.url);

test('a bare `lab` prints its help on stdout and exits 0', async () => {
  const result = await lab();
  assert.equal(result.code, 0);
  assert.match(result.stdout, /^Usage: lab /);
  assert.equal(result.stderr, '');
});

test('`lab run` and `lab show` without a lab point at the labs', async () => {
  for (const command of ['run', 'show']) {
    const result = await lab(command);
    assert.equal(result.code, 252, command);
    assert.match(result.stderr, new RegExp(`lab ${command}: name a lab, e\\.g\\. 'lab ${command} week4-tue'\\. Labs: week4-tue, week4-thu, .* \\(see lab list\\)`));
  }
});

test('a lab the README lists as coming says so', async () => {
  const result = await lab('show', 'week4-mon');
  assert.equal(result.code, 252);
  assert.match(result.stderr, /week4-mon \(.*Auto Scaling\) is not built yet; it is coming\. Labs you can run now: /);
});

test('a reversed step range is named as reversed', async () => {
  const result = await onSandbox('run', 'week4-fri', '--steps', '5-3', '--yes');
  assert.equal(result.code, 252);
  assert.match(result.stderr, /'5-3' runs backwards \(write 3-5\)/);
});

test('`lab cleanup --lab` with an unknown lab is a usage error listing the labs', async () => {
  const result = await onSandbox('cleanup', '--lab', 'nope', '--yes');
  assert.equal(result.code, 252);
  assert.match(result.stderr, /there is no lab 'nope'\. Labs: week4-tue, week4-thu, /);
  assert.equal(result.stdout, '');
});

test('with --output json, status and cleanup print one JSON document on stdout, and notes on stderr', async () => {
  const empty = await onSandbox('status', '--output', 'json');
  assert.equal(empty.code, 0);
  assert.deepEqual(JSON.parse(empty.stdout), { Resources: [] });
  assert.match(empty.stderr, /Nothing the labs created is alive/);

  const made = await onSandbox('run', 'week4-fri', '--steps', '3', '--yes');
  assert.equal(made.code, 0, made.stderr);

  const status = await onSandbox('status', '--output', 'json');
  assert.equal(status.code, 0);
  const alive = (JSON.parse(status.stdout) as { Resources: Array<{ Resource: string }> }).Resources;
  assert.deepEqual(alive.map((resource) => resource.Resource), ['S3 bucket']);
  assert.match(status.stderr, /Remove them with: lab cleanup/);

  const plan = await onSandbox('cleanup', '--dry-run', '--output', 'json');
  assert.equal((JSON.parse(plan.stdout) as { Plan: unknown[] }).Plan.length, 1);
  assert.match(plan.stderr, /Dry run: nothing was deleted\. Run without --dry-run to delete this resource\./);

  const done = await onSandbox('cleanup', '--yes', '--output', 'json');
  assert.equal(done.code, 0, done.stderr);
  assert.deepEqual((JSON.parse(done.stdout) as { Results: Array<{ Result: string }> }).Results.map((result) => result.Result), ['deleted']);
  assert.match(done.stderr, /Cleanup plan/);

  const nothing = await onSandbox('cleanup', '--yes', '--output', 'json');
  assert.deepEqual(JSON.parse(nothing.stdout), { Results: [] });
});

test('`lab show --output json` is a document a --query can read', async () => {
  const result = await lab('show', 'week4-fri', '--output', 'json', '--query', 'Steps[1].{n: Number, c: Commands}');
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(JSON.parse(result.stdout), { n: 2, c: ['aws sts get-caller-identity'] });
});

test('lab doctor takes a port held by a running lab sandbox as ready, not busy', async () => {
  const result = await checkSandboxPort(sandbox.port);
  assert.equal(result.status, 'ok');
  assert.match(result.detail, new RegExp(`127\\.0\\.0\\.1:${sandbox.port} is held by a running lab sandbox`));
});

test('the cleanup prompt keeps everything on Enter alone', async (t) => {
  const made = await onSandbox('run', 'week4-fri', '--steps', '3', '--yes');
  assert.equal(made.code, 0, made.stderr);
  t.after(async () => void (await onSandbox('cleanup', '--yes')));

  const terminal = labInTerminal(t, `cleanup --endpoint-url ${sandbox.url}`, { LAB_CONFIG_DIR: configDir });
  await terminal.waitFor('Delete this resource?');
  await terminal.waitFor('(y/N)');
  terminal.press(KEYS.ENTER);
  assert.equal(await terminal.exited, 0, terminal.screen());
  assert.match(terminal.screen(), /Nothing was deleted\./);

  const status = await onSandbox('status', '--output', 'json');
  assert.equal((JSON.parse(status.stdout) as { Resources: unknown[] }).Resources.length, 1, 'the bucket is still recorded');
});

test("the printed command carries the learner's --output and --query, and a query that misses says so once", async (t) => {
  t.after(async () => void (await onSandbox('cleanup', '--yes')));
  const result = await onSandbox('run', 'week4-fri', '--steps', '2-4', '--yes', '--output', 'text', '--query', 'Arn');
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /\$ aws sts get-caller-identity .*--output text --query Arn\narn:aws:iam::\d{12}:root\n/);
  assert.match(result.stdout, /\$ aws s3api create-bucket .*--output text --query Arn\nNone\n/);
  const misses = result.stderr.match(/--query 'Arn' matched nothing in this \w+ response/g) ?? [];
  assert.deepEqual(misses, ["--query 'Arn' matched nothing in this CreateBucket response"]);
});

test('a step that waits shows the resource as it is after the wait', async (t) => {
  t.after(async () => void (await onSandbox('cleanup', '--yes')));
  const result = await onSandbox('run', 'week4-fri', '--steps', '18', '--yes', '--output', 'text');
  assert.equal(result.code, 0, result.stderr);
  const waited = /\$ aws ec2 describe-instances --instance-ids (i-\w+) .*--query .*# repeated until instance i-\w+ to be running\n(.*)\n/.exec(result.stdout);
  assert.ok(waited, result.stdout);
  assert.match(waited[2]!, new RegExp(`^${waited[1]}\\t10\\.0\\.1\\.\\d+\\trunning\\tt2\\.micro$`));
});

test('an endpoint that does not answer gets the CLI message, a hint and a summary, and leaves no ledger file', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'lab-unreachable-'));
  try {
    const result = await startLab(['run', 'week4-fri', '--steps', '2', '--yes', '--endpoint-url', 'http://127.0.0.1:1'], { LAB_CONFIG_DIR: dir }).done;
    assert.equal(result.code, 1);
    assert.match(result.stderr, /Could not connect to the endpoint URL: "http:\/\/127\.0\.0\.1:1\/" \(connect ECONNREFUSED 127\.0\.0\.1:1\)/);
    assert.match(result.stderr, /Hint: nothing answers at http:\/\/127\.0\.0\.1:1\. For a lab sandbox there, start one in another terminal \(lab sandbox start --port 1\)/);
    assert.match(result.stdout, /Stopped at an error in week4-fri \(run [\w-]+\): 0 resources recorded in the ledger\./);
    assert.doesNotMatch(result.stderr, /^lab: /m);
    await assert.rejects(readdir(join(dir, 'ledgers')), { code: 'ENOENT' });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('Ctrl-C at a prompt stops as Ctrl-C during a step does: 130 and one calm line', async (t) => {
  const atChoice = labInTerminal(t, `run week4-fri --endpoint-url ${sandbox.url}`, { LAB_CONFIG_DIR: configDir });
  await atChoice.waitFor('Steps of week4-fri to run');
  atChoice.press(KEYS.CTRL_C);
  assert.equal(await atChoice.exited, 130, atChoice.screen());
  assert.match(atChoice.screen(), /Interrupted: nothing more was done\./);
  assert.doesNotMatch(atChoice.screen(), /force closed|^lab: /m);

  const atStep = labInTerminal(t, `run week4-fri --endpoint-url ${sandbox.url} --steps 1-2`, { LAB_CONFIG_DIR: configDir });
  await atStep.waitFor('Run this step?');
  atStep.press(KEYS.CTRL_C);
  assert.equal(await atStep.exited, 130, atStep.screen());
  assert.match(atStep.screen(), /Interrupted week4-fri \(run [\w-]+\): 0 resources recorded/);
});

test('a skipped prerequisite is offered when a step needs it; a second run says what is done and what it reuses', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'lab-rerun-'));
  t.after(async () => {
    await startLab(['cleanup', '--yes', '--endpoint-url', sandbox.url], { LAB_CONFIG_DIR: dir }).done;
    await rm(dir, { recursive: true, force: true });
  });
  const first = labInTerminal(t, `run week4-fri --endpoint-url ${sandbox.url} --steps 3-4`, { LAB_CONFIG_DIR: dir });
  await first.waitFor('Step 3/19');
  await first.waitFor('Run this step?');
  first.press(KEYS.DOWN + KEYS.ENTER); // Skip the bucket
  await first.waitFor('Step 4/19');
  await first.waitFor('This step needs what step 3 (Create an S3 bucket) makes, which was skipped. What now?');
  first.press(KEYS.ENTER); // Run step 3 now, then this one
  await first.waitFor('Step 3/19');
  await first.waitFor('Run this step?');
  first.press(KEYS.ENTER);
  await first.waitFor('Step 4/19');
  await first.waitFor('Run this step?');
  first.press(KEYS.ENTER);
  assert.equal(await first.exited, 0, first.screen());
  assert.match(first.screen(), /Finished week4-fri \(run [\w-]+\): 1 resource recorded/);

  const again = await startLab(['run', 'week4-fri', '--steps', '4', '--yes', '--endpoint-url', sandbox.url], { LAB_CONFIG_DIR: dir }).done;
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stderr, /Reusing from an earlier run: bucketName fcj-cli-lab-[\w-]+\./);

  const listed = labInTerminal(t, `run week4-fri --endpoint-url ${sandbox.url}`, { LAB_CONFIG_DIR: dir });
  await listed.waitFor('3. Create an S3 bucket  (done in an earlier run)');
  listed.press(KEYS.CTRL_C);
  assert.equal(await listed.exited, 130);
});

test('the files printed commands name are written where the commands say', async (t) => {
  t.after(async () => void (await onSandbox('cleanup', '--yes')));
  const result = await onSandbox('run', 'week4-fri', '--steps', '4', '--yes');
  assert.equal(result.code, 0, result.stderr);
  const body = /--body (\S+)/.exec(result.stdout)?.[1];
  assert.equal(body, join(configDir, 'files', 'week4-fri', 'hello.txt'));
  assert.equal(await readFile(body!, 'utf8'), 'Hello from Cloud Journey Lab!\n');
});

test('`lab sandbox env` prints what points a shell at the sandbox', async () => {
  const result = await lab('sandbox', 'env', '--port', '4599');
  assert.equal(result.code, 0);
  assert.equal(result.stdout, 'export AWS_ENDPOINT_URL=http://127.0.0.1:4599\nexport AWS_ACCESS_KEY_ID=test\nexport AWS_SECRET_ACCESS_KEY=test\nexport AWS_REGION=us-east-1\n');
});

test('what the learner deleted by hand before cleanup is reported as already gone', async () => {
  const made = await onSandbox('run', 'week4-fri', '--steps', '3', '--yes', '--output', 'json', '--query', 'Location');
  assert.equal(made.code, 0, made.stderr);
  const bucket = /--bucket (\S+)/.exec(made.stdout)![1]!;
  const s3 = new S3Client({ endpoint: sandbox.url, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  await s3.send(new DeleteBucketCommand({ Bucket: bucket }));
  s3.destroy();
  const cleanup = await onSandbox('cleanup', '--yes', '--output', 'json');
  assert.equal(cleanup.code, 0, cleanup.stderr);
  assert.deepEqual((JSON.parse(cleanup.stdout) as { Results: Array<{ Id: string; Result: string }> }).Results, [{ Resource: 'S3 bucket', Id: bucket, Result: 'already gone' }]);
});
