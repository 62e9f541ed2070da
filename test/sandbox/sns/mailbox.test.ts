/**
 * The sandbox's mailbox, through the real SNSClient over HTTP and the `/_lab/inbox` control
 * path: an email subscription waits for its confirmation, which lands in the mailbox with
 * its token; ConfirmSubscription with that token confirms; publishes reach confirmed email,
 * email-json and SMS endpoints in AWS's formats, and nothing reaches an unconfirmed one.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import {
  ConfirmSubscriptionCommand, CreateTopicCommand, GetSubscriptionAttributesCommand, GetTopicAttributesCommand,
  ListSubscriptionsByTopicCommand, ListSubscriptionsCommand, PublishCommand, SetTopicAttributesCommand, SNSClient, SubscribeCommand,
} from '@aws-sdk/client-sns';
import { INBOX_LIMIT, type InboxMessage } from '../../../src/sandbox/inbox.js';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox/server.js';
import { createServices } from '../../../src/sandbox/services/index.js';
import type { SnsBackend } from '../../../src/sandbox/services/sns/backend.js';
import { assertError, failure } from '../../support/aws-errors.js';

let sandbox: RunningSandbox;
let sns: SNSClient;

function client(url: string): SNSClient {
  return new SNSClient({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
}

before(async () => {
  sandbox = await startSandbox({ port: 0, services: await createServices(['sns']) });
  sns = client(sandbox.url);
});

after(async () => {
  sns.destroy();
  await sandbox.stop();
});

beforeEach(() => sandbox.router.reset());

async function inbox(url = sandbox.url): Promise<InboxMessage[]> {
  const response = await fetch(`${url}/_lab/inbox`);
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('content-type'), 'application/json');
  return ((await response.json()) as { messages: InboxMessage[] }).messages;
}

async function topic(name = 'lab-alerts'): Promise<string> {
  return (await sns.send(new CreateTopicCommand({ Name: name }))).TopicArn!;
}

/** Subscribes and confirms with the token the confirmation carried; the subscription's ARN. */
async function confirmed(TopicArn: string, Protocol: string, Endpoint: string): Promise<string> {
  await sns.send(new SubscribeCommand({ TopicArn, Protocol, Endpoint }));
  const confirmation = (await inbox()).findLast((message) => message.kind === 'confirmation' && message.to === Endpoint)!;
  return (await sns.send(new ConfirmSubscriptionCommand({ TopicArn, Token: confirmation.token! }))).SubscriptionArn!;
}

describe('email subscriptions', () => {
  it('wait for confirmation, get AWS\'s confirmation email with a token, and are confirmed by ConfirmSubscription', async () => {
    const TopicArn = await topic();
    const subscribed = await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'email', Endpoint: 'learner@example.com' }));
    assert.equal(subscribed.SubscriptionArn, 'pending confirmation');
    const [listed] = (await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn }))).Subscriptions ?? [];
    assert.equal(listed?.SubscriptionArn, 'PendingConfirmation');
    assert.equal((await sns.send(new ListSubscriptionsCommand({}))).Subscriptions?.[0]?.SubscriptionArn, 'PendingConfirmation');
    let attributes = (await sns.send(new GetTopicAttributesCommand({ TopicArn }))).Attributes;
    assert.deepEqual([attributes?.SubscriptionsPending, attributes?.SubscriptionsConfirmed], ['1', '0']);

    const [confirmation, ...rest] = await inbox();
    assert.equal(rest.length, 0);
    assert.equal(confirmation?.kind, 'confirmation');
    assert.equal(confirmation.protocol, 'email');
    assert.equal(confirmation.to, 'learner@example.com');
    assert.equal(confirmation.from, 'AWS Notifications <no-reply@sns.amazonaws.com>');
    assert.equal(confirmation.subject, 'AWS Notification - Subscription Confirmation');
    assert.equal(confirmation.topicArn, TopicArn);
    assert.equal(confirmation.messageId, undefined);
    assert.match(confirmation.token ?? '', /^[0-9a-f]{256}$/);
    assert.match(confirmation.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.equal(confirmation.body, [
      'You have chosen to subscribe to the topic: ',
      TopicArn,
      '',
      'To confirm this subscription, click or visit the link below (If this was in error no action is necessary): ',
      `https://sns.us-east-1.amazonaws.com/confirmation.html?TopicArn=${TopicArn}&Token=${confirmation.token}&Endpoint=learner@example.com`,
      '',
      'Please do not reply directly to this email. If you wish to remove yourself from receiving all future SNS subscription confirmation requests please send an email to sns-opt-out',
      '',
    ].join('\n'));

    const { SubscriptionArn } = await sns.send(new ConfirmSubscriptionCommand({ TopicArn, Token: confirmation.token! }));
    assert.match(SubscriptionArn ?? '', new RegExp(`^${TopicArn}:[0-9a-f-]{36}$`));
    assert.equal(confirmation.subscriptionArn, SubscriptionArn);
    // Confirming again is harmless and answers the same subscription.
    assert.equal((await sns.send(new ConfirmSubscriptionCommand({ TopicArn, Token: confirmation.token! }))).SubscriptionArn, SubscriptionArn);
    assert.equal((await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn }))).Subscriptions?.[0]?.SubscriptionArn, SubscriptionArn);
    attributes = (await sns.send(new GetTopicAttributesCommand({ TopicArn }))).Attributes;
    assert.deepEqual([attributes?.SubscriptionsPending, attributes?.SubscriptionsConfirmed], ['0', '1']);
    assert.deepEqual((await sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn }))).Attributes, {
      Owner: '123456789012',
      RawMessageDelivery: 'false',
      TopicArn,
      Endpoint: 'learner@example.com',
      Protocol: 'email',
      PendingConfirmation: 'false',
      ConfirmationWasAuthenticated: 'true',
      SubscriptionArn,
    });
    // Subscribing a confirmed endpoint again answers its ARN and sends nothing.
    const again = await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'email', Endpoint: 'learner@example.com' }));
    assert.equal(again.SubscriptionArn, SubscriptionArn);
    assert.equal((await inbox()).length, 1);
  });

  it('delivers a publish as AWS\'s email, Subject or the default one, with the unsubscribe footer', async () => {
    const TopicArn = await topic();
    const SubscriptionArn = await confirmed(TopicArn, 'email', 'learner@example.com');
    const { MessageId } = await sns.send(new PublishCommand({ TopicArn, Subject: 'CPU alarm', Message: 'CPU above 80%' }));
    await sns.send(new PublishCommand({ TopicArn, Message: 'second' }));
    const [, first, second] = await inbox();
    assert.match(MessageId ?? '', /^[0-9a-f-]{36}$/);
    assert.equal(first?.kind, 'notification');
    assert.equal(first.subject, 'CPU alarm');
    assert.equal(first.subscriptionArn, SubscriptionArn);
    assert.equal(first.token, undefined);
    assert.equal(first.messageId, MessageId);
    assert.equal(first.body, [
      'CPU above 80%',
      '',
      '--',
      'If you wish to stop receiving notifications from this topic, please click or visit the link below to unsubscribe:',
      `https://sns.us-east-1.amazonaws.com/unsubscribe.html?SubscriptionArn=${SubscriptionArn}&Endpoint=learner@example.com`,
      '',
      'Please do not reply directly to this email. If you have any questions or comments regarding this email, please contact us at https://aws.amazon.com/support',
      '',
    ].join('\n'));
    assert.equal(second?.subject, 'AWS Notification Message');
    assert.match(second.body, /^second\n\n--\n/);
    assert.notEqual(first.id, second.id);
  });

  it('sends the topic\'s DisplayName as the sender', async () => {
    const TopicArn = await topic();
    await sns.send(new SetTopicAttributesCommand({ TopicArn, AttributeName: 'DisplayName', AttributeValue: 'Lab Alarms' }));
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'email', Endpoint: 'learner@example.com' }));
    assert.equal((await inbox())[0]?.from, 'Lab Alarms <no-reply@sns.amazonaws.com>');
  });

  it('gives an unconfirmed subscription nothing, and re-sends the confirmation with a new token on a second Subscribe', async () => {
    const TopicArn = await topic();
    const { SubscriptionArn } = await sns.send(new SubscribeCommand({
      TopicArn, Protocol: 'email', Endpoint: 'learner@example.com', ReturnSubscriptionArn: true,
    }));
    assert.match(SubscriptionArn ?? '', new RegExp(`^${TopicArn}:`));
    assert.equal((await sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn }))).Attributes?.PendingConfirmation, 'true');
    await sns.send(new PublishCommand({ TopicArn, Message: 'nobody hears this' }));
    assert.deepEqual((await inbox()).map((message) => message.kind), ['confirmation']);

    const again = await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'email', Endpoint: 'learner@example.com' }));
    assert.equal(again.SubscriptionArn, 'pending confirmation');
    const [first, second] = await inbox();
    assert.equal(second?.kind, 'confirmation');
    assert.equal(second.subscriptionArn, SubscriptionArn);
    assert.notEqual(second.token, first?.token);
    assert.equal((await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn }))).Subscriptions?.length, 1);
    // Either token confirms.
    assert.equal((await sns.send(new ConfirmSubscriptionCommand({ TopicArn, Token: first!.token! }))).SubscriptionArn, SubscriptionArn);
  });

  it('refuses a token it never sent, or one sent for another topic, with AWS\'s words', async () => {
    const TopicArn = await topic();
    const other = await topic('other-topic');
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'email', Endpoint: 'learner@example.com' }));
    const [confirmation] = await inbox();
    assertError(await failure(sns.send(new ConfirmSubscriptionCommand({ TopicArn, Token: 'not-a-token' }))), 'InvalidParameterException',
      'Invalid parameter: Token', 400);
    assertError(await failure(sns.send(new ConfirmSubscriptionCommand({ TopicArn: other, Token: confirmation!.token! }))),
      'InvalidParameterException', 'Invalid parameter: Token', 400);
    assertError(await failure(sns.send(new ConfirmSubscriptionCommand({
      TopicArn: 'arn:aws:sns:us-east-1:123456789012:no-such-topic', Token: confirmation!.token!,
    }))), 'NotFoundException', 'Topic does not exist', 404);
    assert.equal((await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn }))).Subscriptions?.[0]?.SubscriptionArn, 'PendingConfirmation');
  });
});

describe('email-json, HTTP and SMS', () => {
  it('sends email-json the JSON confirmation and notification documents', async () => {
    const TopicArn = await topic();
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'email-json', Endpoint: 'robot@example.com' }));
    const [confirmation] = await inbox();
    assert.equal(confirmation?.subject, 'AWS Notification - Subscription Confirmation');
    const document = JSON.parse(confirmation.body) as Record<string, string>;
    assert.deepEqual(Object.keys(document), [
      'Type', 'MessageId', 'Token', 'TopicArn', 'Message', 'SubscribeURL', 'Timestamp', 'SignatureVersion', 'Signature', 'SigningCertURL',
    ]);
    assert.equal(document['Type'], 'SubscriptionConfirmation');
    assert.equal(document['Token'], confirmation.token);
    assert.equal(document['Message'], `You have chosen to subscribe to the topic ${TopicArn}.\nTo confirm the subscription, visit the SubscribeURL included in this message.`);
    assert.equal(document['SubscribeURL'], `https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn=${TopicArn}&Token=${confirmation.token}`);
    assert.match(confirmation.body, /^\{\n {2}"Type" : "SubscriptionConfirmation",\n/);

    const { SubscriptionArn } = await sns.send(new ConfirmSubscriptionCommand({ TopicArn, Token: confirmation.token! }));
    const { MessageId } = await sns.send(new PublishCommand({ TopicArn, Subject: 'Report', Message: '{"cpu": 93}' }));
    const notification = (await inbox())[1]!;
    assert.equal(notification.subject, 'Report');
    const envelope = JSON.parse(notification.body) as Record<string, string>;
    assert.deepEqual(Object.keys(envelope), [
      'Type', 'MessageId', 'TopicArn', 'Subject', 'Message', 'Timestamp', 'SignatureVersion', 'Signature', 'SigningCertURL', 'UnsubscribeURL',
    ]);
    assert.equal(envelope['Type'], 'Notification');
    assert.equal(envelope['MessageId'], MessageId);
    assert.equal(envelope['TopicArn'], TopicArn);
    assert.equal(envelope['Message'], '{"cpu": 93}');
    assert.equal(envelope['Timestamp'], notification.at);
    assert.equal(envelope['SignatureVersion'], '1');
    assert.match(envelope['Signature'] ?? '', /^[A-Za-z0-9+/]+=*$/);
    assert.match(envelope['SigningCertURL'] ?? '', /^https:\/\/sns\.us-east-1\.amazonaws\.com\/SimpleNotificationService-.+\.pem$/);
    assert.equal(envelope['UnsubscribeURL'], `https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${SubscriptionArn}`);

    await sns.send(new PublishCommand({ TopicArn, Message: 'no subject' }));
    assert.equal('Subject' in (JSON.parse((await inbox())[2]!.body) as object), false);
  });

  it('keeps what an HTTP endpoint would be POSTed, pending until confirmed', async () => {
    const TopicArn = await topic();
    const subscribed = await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'https', Endpoint: 'https://example.com/hook' }));
    assert.equal(subscribed.SubscriptionArn, 'pending confirmation');
    const [confirmation] = await inbox();
    assert.equal(confirmation?.protocol, 'https');
    assert.equal((JSON.parse(confirmation.body) as { Type: string }).Type, 'SubscriptionConfirmation');
    await sns.send(new ConfirmSubscriptionCommand({ TopicArn, Token: confirmation.token! }));
    await sns.send(new PublishCommand({ TopicArn, Message: 'hook' }));
    assert.equal((JSON.parse((await inbox())[1]!.body) as { Message: string }).Message, 'hook');
  });

  it('confirms SMS at once and delivers the text alone', async () => {
    const TopicArn = await topic();
    const { SubscriptionArn } = await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sms', Endpoint: '+15555550100' }));
    assert.match(SubscriptionArn ?? '', new RegExp(`^${TopicArn}:`));
    assert.equal((await sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn }))).Attributes?.PendingConfirmation, 'false');
    assert.deepEqual(await inbox(), []);
    await sns.send(new PublishCommand({ TopicArn, Subject: 'Ignored by SMS', Message: 'Disk almost full' }));
    const [text] = await inbox();
    assert.deepEqual([text?.protocol, text?.to, text?.kind, text?.subject, text?.body], ['sms', '+15555550100', 'notification', '', 'Disk almost full']);
    assertError(await failure(sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sms', Endpoint: '+15--555' }))), 'InvalidParameterException',
      'Invalid SMS endpoint: +15--555', 400);
  });

  it('gives each protocol its own message under MessageStructure json, default for the others', async () => {
    const TopicArn = await topic();
    await confirmed(TopicArn, 'email', 'learner@example.com');
    await confirmed(TopicArn, 'email-json', 'robot@example.com');
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sms', Endpoint: '+15555550100' }));
    const Message = JSON.stringify({ default: 'for everyone', email: 'for email', sms: 42 });
    await sns.send(new PublishCommand({ TopicArn, Message, MessageStructure: 'json' }));
    const delivered = (await inbox()).filter((message) => message.kind === 'notification');
    const byProtocol = Object.fromEntries(delivered.map((message) => [message.protocol, message]));
    assert.match(byProtocol['email']?.body ?? '', /^for email\n\n--\n/);
    assert.equal((JSON.parse(byProtocol['email-json']?.body ?? '{}') as { Message: string }).Message, 'for everyone');
    // A member that is not a string is ignored: SMS gets the default.
    assert.equal(byProtocol['sms']?.body, 'for everyone');

    assertError(await failure(sns.send(new PublishCommand({ TopicArn, Message: '{"email": "x"}', MessageStructure: 'json' }))),
      'InvalidParameterException', 'Invalid parameter: Message Structure - No default entry in JSON message body', 400);
    assertError(await failure(sns.send(new PublishCommand({ TopicArn, Message: 'not json', MessageStructure: 'json' }))),
      'InvalidParameterException', 'Invalid parameter: Message Structure - JSON message body failed to parse', 400);
  });
});

describe('publishing', () => {
  it('checks Subject as AWS does: at most 100 printable ASCII characters, no line breaks', async () => {
    const TopicArn = await topic();
    await sns.send(new PublishCommand({ TopicArn, Message: 'm', Subject: 'x'.repeat(100) }));
    for (const Subject of ['x'.repeat(101), 'two\nlines', 'tab\there', '', ' leading space', 'Xin chào']) {
      assertError(await failure(sns.send(new PublishCommand({ TopicArn, Message: 'm', Subject }))), 'InvalidParameterException',
        'Invalid parameter: Subject', 400);
    }
  });

  it('delivers what another service publishes through the backend, Subject included, and checks it the same way', async () => {
    const TopicArn = await topic();
    await confirmed(TopicArn, 'email', 'learner@example.com');
    const backend = sandbox.router.services.find((service) => service.name === 'sns')!.backend as SnsBackend;
    const caller = { region: 'us-east-1', clock: sandbox.router.clock };
    backend.publish(caller, TopicArn, { Subject: 'ALARM: "cpu-high" in US East (N. Virginia)', Message: 'You are receiving this email because...' });
    const notification = (await inbox())[1]!;
    assert.equal(notification.subject, 'ALARM: "cpu-high" in US East (N. Virginia)');
    assert.match(notification.body, /^You are receiving this email because\.\.\.\n\n--\n/);
    assert.deepEqual(backend.inbox(), await inbox());
    assert.throws(() => backend.publish(caller, TopicArn, { Subject: 'a\nb', Message: 'm' }), /Invalid parameter: Subject/);
  });

  it('keeps the newest 1,000 entries', async () => {
    const TopicArn = await topic();
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sms', Endpoint: '+15555550100' }));
    const backend = sandbox.router.services.find((service) => service.name === 'sns')!.backend as SnsBackend;
    const caller = { region: 'us-east-1', clock: sandbox.router.clock };
    for (let n = 1; n <= INBOX_LIMIT + 5; n++) backend.publish(caller, TopicArn, { Message: `message ${n}` });
    const messages = await inbox();
    assert.equal(messages.length, INBOX_LIMIT);
    assert.equal(messages[0]?.body, 'message 6');
    assert.equal(messages.at(-1)?.body, `message ${INBOX_LIMIT + 5}`);
  });
});

describe('saved state', () => {
  it('keeps the mailbox and pending tokens across a restart, and forgets them on reset', async () => {
    const stateDir = await mkdtemp(join(tmpdir(), 'lab-sns-mailbox-'));
    try {
      const first = await startSandbox({ port: 0, services: await createServices(['sns']), stateDir });
      const firstClient = client(first.url);
      const TopicArn = (await firstClient.send(new CreateTopicCommand({ Name: 'kept' }))).TopicArn!;
      await firstClient.send(new SubscribeCommand({ TopicArn, Protocol: 'email', Endpoint: 'learner@example.com' }));
      const before = await inbox(first.url);
      firstClient.destroy();
      await first.stop();
      const saved = JSON.parse(await readFile(join(stateDir, 'sns.json'), 'utf8')) as { mailbox: InboxMessage[] };
      assert.deepEqual(saved.mailbox, before);

      const second = await startSandbox({ port: 0, services: await createServices(['sns']), stateDir });
      const secondClient = client(second.url);
      assert.deepEqual(await inbox(second.url), before);
      const { SubscriptionArn } = await secondClient.send(new ConfirmSubscriptionCommand({ TopicArn, Token: before[0]!.token! }));
      assert.equal(SubscriptionArn, before[0]!.subscriptionArn);
      await fetch(`${second.url}/_lab/reset`, { method: 'POST' });
      assert.deepEqual(await inbox(second.url), []);
      secondClient.destroy();
      await second.stop();
    } finally {
      await rm(stateDir, { recursive: true, force: true });
    }
  });

  it('answers an empty mailbox when the sandbox does not serve SNS', async () => {
    const bare = await startSandbox({ port: 0, services: [] });
    assert.deepEqual(await inbox(bare.url), []);
    await bare.stop();
  });
});
