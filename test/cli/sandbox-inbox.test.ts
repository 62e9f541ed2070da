/**
 * `lab sandbox inbox` against a real sandbox on a free port: the confirmation email with
 * the command that confirms it, the notification as AWS formats it, --json, the mailbox a
 * stopped sandbox saved, and the words when there is none.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { after, test } from 'node:test';
import { ConfirmSubscriptionCommand, CreateTopicCommand, PublishCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { inbox } from '../../src/cli/commands/sandbox.js';
import type { CommandIo } from '../../src/cli/io.js';
import type { InboxMessage } from '../../src/sandbox/inbox.js';
import { startSandbox } from '../../src/sandbox/server.js';
import { createServices } from '../../src/sandbox/services/index.js';
import { capturedOutput, type CapturedOutput } from '../support/captured-output.js';

const labBin = fileURLToPath(new URL('../../../bin/lab.js', import.meta.url));
const dirs: string[] = [];
after(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

function captureIo(): CommandIo & CapturedOutput {
  return { stdin: new PassThrough(), env: {}, terminal: { isTTY: false, columns: 80 }, ...capturedOutput() };
}

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'lab-inbox-'));
  dirs.push(dir);
  return dir;
}

test('lab sandbox inbox prints the confirmation and the notification as AWS\'s emails, oldest first', async () => {
  const stateDir = await tempDir();
  const sandbox = await startSandbox({ port: 0, services: await createServices(['sns']), stateDir });
  const sns = new SNSClient({ endpoint: sandbox.url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  const port = String(sandbox.port);

  const empty = captureIo();
  assert.equal(await inbox({ color: 'off', port }, [], empty), 0);
  assert.match(empty.out(), new RegExp(`^The mailbox of the sandbox running at ${sandbox.url} is empty\\.`));
  assert.match(empty.out(), /sns subscribe --topic-arn <topic arn> --protocol email --notification-endpoint you@example\.com/);

  const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'lab-alerts' }));
  await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'email', Endpoint: 'learner@example.com' }));
  const pending = captureIo();
  assert.equal(await inbox({ color: 'off', port }, [], pending), 0);
  const [confirmation] = JSON.parse(await jsonOf(port)) as InboxMessage[];
  const token = confirmation!.token!;
  assert.match(pending.out(), new RegExp([
    `^1 message\\(s\\) from the sandbox running at ${sandbox.url}, oldest first:\\n\\n-{72}\\n`,
    'From: AWS Notifications <no-reply@sns\\.amazonaws\\.com>\\n',
    'To: learner@example\\.com\\n',
    'Subject: AWS Notification - Subscription Confirmation\\n',
    'Date: \\w{3}, \\d\\d \\w{3} \\d{4} \\d\\d:\\d\\d:\\d\\d \\+0000\\n\\n',
    'You have chosen to subscribe to the topic: \\n',
  ].join('')));
  assert.ok(pending.out().includes(`confirmation.html?TopicArn=${TopicArn}&Token=${token}&Endpoint=learner@example.com`));
  assert.ok(pending.out().includes(`aws --endpoint-url ${sandbox.url} sns confirm-subscription --topic-arn ${TopicArn} --token ${token}\n`));

  await sns.send(new ConfirmSubscriptionCommand({ TopicArn, Token: token }));
  await sns.send(new PublishCommand({ TopicArn, Subject: 'Hello', Message: 'It works' }));
  const delivered = captureIo();
  assert.equal(await inbox({ color: 'off', port }, [], delivered), 0);
  const [, second] = delivered.out().split(/-{72}\n/).slice(1);
  assert.match(second ?? '', /^From: AWS Notifications <no-reply@sns\.amazonaws\.com>\nTo: learner@example\.com\nSubject: Hello\nDate: .+\n\nIt works\n\n--\nIf you wish to stop receiving notifications from this topic/);
  assert.doesNotMatch(second ?? '', /confirm-subscription/);

  const json = captureIo();
  assert.equal(await inbox({ color: 'off', port, json: true }, [], json), 0);
  const document = JSON.parse(json.out()) as { messages: InboxMessage[] };
  assert.deepEqual(document.messages.map((message) => [message.kind, message.subject]), [
    ['confirmation', 'AWS Notification - Subscription Confirmation'], ['notification', 'Hello'],
  ]);

  sns.destroy();
  await sandbox.stop();
  // Stopped: the mailbox is read from the state the sandbox saved.
  const saved = captureIo();
  assert.equal(await inbox({ color: 'off', port, stateDir }, [], saved), 0);
  assert.match(saved.out(), new RegExp(`^2 message\\(s\\) from the state a stopped sandbox saved in ${stateDir}, oldest first:`));
  assert.match(saved.out(), /Subject: Hello\n/);
});

test('lab sandbox inbox says so when no sandbox answers and no mailbox was saved', async () => {
  const probe = await startSandbox({ port: 0, services: [] });
  const port = String(probe.port);
  await probe.stop();
  const stateDir = await tempDir();
  const io = captureIo();
  assert.equal(await inbox({ color: 'off', port, stateDir }, [], io), 1);
  assert.equal(io.out(), `No sandbox is answering at http://127.0.0.1:${port}, and ${stateDir} holds no saved mailbox. Start one with: lab sandbox start --port ${port}\n`);
  const bad = captureIo();
  assert.equal(await inbox({ color: 'off', port: 'mail' }, [], bad), 252);
  assert.match(bad.err(), /--port must be a whole number/);
});

test('lab sandbox inbox --help teaches the confirmation round trip', () => {
  const result = spawnSync(process.execPath, [labBin, 'sandbox', 'inbox', '--help'], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
  assert.equal(result.status, 0);
  assert.match(result.stdout, /Example:/);
  assert.match(result.stdout, /sns confirm-subscription --topic-arn <topic arn> --token <token>/);
  assert.match(result.stdout, /newest 1,000 messages/);
});

/** The messages as `lab sandbox inbox --json` prints them. */
async function jsonOf(port: string): Promise<string> {
  const io = captureIo();
  await inbox({ color: 'off', port, json: true }, [], io);
  return JSON.stringify((JSON.parse(io.out()) as { messages: InboxMessage[] }).messages);
}
