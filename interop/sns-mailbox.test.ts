/**
 * The real AWS CLI v2 against `lab sandbox start`, round the mailbox: subscribe an email
 * address (pending confirmation), read the token from `/_lab/inbox`, refuse a wrong one,
 * confirm, publish, and find AWS's email in the mailbox and in `lab sandbox inbox`.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { cliSession, type CliJson } from './cli-session.js';
import { LAB_BIN } from './lab-sandbox.js';
import type { InboxMessage } from '../src/sandbox/inbox.js';

const { aws, ok, url } = cliSession();

async function inbox(): Promise<InboxMessage[]> {
  return ((await (await fetch(`${url()}/_lab/inbox`)).json()) as { messages: InboxMessage[] }).messages;
}

test('an email subscription round trip with the AWS CLI: pending, the token from the mailbox, confirmed, a delivered publish', async () => {
  const topicArn = String(ok('sns', 'create-topic', '--name', 'fcj-mailbox').TopicArn);
  assert.deepEqual(ok('sns', 'subscribe', '--topic-arn', topicArn, '--protocol', 'email', '--notification-endpoint', 'learner@example.com'),
    { SubscriptionArn: 'pending confirmation' });
  const pending = ok('sns', 'list-subscriptions-by-topic', '--topic-arn', topicArn).Subscriptions;
  assert.deepEqual(pending.map((subscription: CliJson) => [subscription.Protocol, subscription.Endpoint, subscription.SubscriptionArn]), [
    ['email', 'learner@example.com', 'PendingConfirmation'],
  ]);
  assert.equal(ok('sns', 'get-topic-attributes', '--topic-arn', topicArn).Attributes.SubscriptionsPending, '1');

  const [confirmation] = await inbox();
  assert.equal(confirmation?.subject, 'AWS Notification - Subscription Confirmation');
  const token = confirmation.token!;

  const wrong = aws('sns', 'confirm-subscription', '--topic-arn', topicArn, '--token', 'f'.repeat(256));
  assert.equal(wrong.code, 254, wrong.stdout + wrong.stderr);
  assert.match(wrong.stderr, /An error occurred \(InvalidParameter\) when calling the ConfirmSubscription operation( \(reached max retries: \d+\))?: Invalid parameter: Token/);

  const { SubscriptionArn } = ok('sns', 'confirm-subscription', '--topic-arn', topicArn, '--token', token, '--authenticate-on-unsubscribe', 'true');
  assert.match(String(SubscriptionArn), new RegExp(`^${topicArn}:[0-9a-f-]{36}$`));
  assert.deepEqual(ok('sns', 'get-subscription-attributes', '--subscription-arn', SubscriptionArn).Attributes, {
    Owner: '123456789012',
    RawMessageDelivery: 'false',
    TopicArn: topicArn,
    Endpoint: 'learner@example.com',
    Protocol: 'email',
    PendingConfirmation: 'false',
    ConfirmationWasAuthenticated: 'true',
    SubscriptionArn,
  });
  assert.equal(ok('sns', 'list-subscriptions-by-topic', '--topic-arn', topicArn).Subscriptions[0].SubscriptionArn, SubscriptionArn);

  const { MessageId } = ok('sns', 'publish', '--topic-arn', topicArn, '--subject', 'CPU alarm', '--message', 'CPU above 80%');
  assert.match(String(MessageId), /^[0-9a-f-]{36}$/);
  const notification = (await inbox())[1]!;
  assert.deepEqual([notification.kind, notification.to, notification.subject, notification.subscriptionArn], [
    'notification', 'learner@example.com', 'CPU alarm', SubscriptionArn,
  ]);
  assert.match(notification.body, /^CPU above 80%\n\n--\nIf you wish to stop receiving notifications from this topic/);

  const printed = spawnSync(process.execPath, [LAB_BIN, 'sandbox', 'inbox', '--port', new URL(url()).port], { encoding: 'utf8' });
  assert.equal(printed.status, 0, printed.stderr);
  assert.match(printed.stdout, /^2 message\(s\) from the sandbox running at /);
  assert.match(printed.stdout, /From: AWS Notifications <no-reply@sns\.amazonaws\.com>\nTo: learner@example\.com\nSubject: CPU alarm\n/);
});

test('the AWS CLI\'s publish with --message-structure json and a bad subject', async () => {
  const topicArn = String(ok('sns', 'create-topic', '--name', 'fcj-mailbox-sms').TopicArn);
  const { SubscriptionArn } = ok('sns', 'subscribe', '--topic-arn', topicArn, '--protocol', 'sms', '--notification-endpoint', '+15555550100');
  assert.equal(ok('sns', 'get-subscription-attributes', '--subscription-arn', SubscriptionArn).Attributes.PendingConfirmation, 'false');
  ok('sns', 'publish', '--topic-arn', topicArn, '--message-structure', 'json', '--message', JSON.stringify({ default: 'all', sms: 'short text' }));
  const text = (await inbox()).findLast((message) => message.to === '+15555550100');
  assert.equal(text?.body, 'short text');

  const refused = aws('sns', 'publish', '--topic-arn', topicArn, '--subject', 'x'.repeat(101), '--message', 'm');
  assert.equal(refused.code, 254);
  assert.match(refused.stderr, /\(InvalidParameter\) when calling the Publish operation( \(reached max retries: \d+\))?: Invalid parameter: Subject/);
  const noDefault = aws('sns', 'publish', '--topic-arn', topicArn, '--message-structure', 'json', '--message', '{"sms": "x"}');
  assert.equal(noDefault.code, 254);
  assert.match(noDefault.stderr, /Invalid parameter: Message Structure - No default entry in JSON message body/);
});
