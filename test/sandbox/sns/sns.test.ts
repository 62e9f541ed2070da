/**
 * SNS in the sandbox, through the real SNSClient over HTTP (AWS query): topics, attributes,
 * subscriptions (email pending confirmation, SQS confirmed), publishing and tags.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import {
  CreateTopicCommand, DeleteTopicCommand, GetTopicAttributesCommand, ListSubscriptionsByTopicCommand, ListSubscriptionsCommand,
  ListTagsForResourceCommand, ListTopicsCommand, PublishCommand, SetTopicAttributesCommand, SNSClient, SubscribeCommand,
  TagResourceCommand, UnsubscribeCommand, UntagResourceCommand,
} from '@aws-sdk/client-sns';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox/server.js';
import { assertError, failure } from '../../support/aws-errors.js';
import { createServices } from '../../../src/sandbox/services/index.js';

let sandbox: RunningSandbox;
let sns: SNSClient;


function client(region: string): SNSClient {
  return new SNSClient({ endpoint: sandbox.url, region, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
}

const MISSING_TOPIC = 'arn:aws:sns:us-east-1:123456789012:no-such-topic';
const QUEUE_ARN = 'arn:aws:sqs:us-east-1:123456789012:lab-queue';

before(async () => {
  sandbox = await startSandbox({ port: 0, services: await createServices(['sns']) });
  sns = client('us-east-1');
});

after(async () => {
  sns.destroy();
  await sandbox.stop();
});

beforeEach(() => sandbox.router.reset());

describe('topics', () => {
  it('creates a topic once per name, lists it per region, and deletes it', async () => {
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'lab-alerts' }));
    assert.equal(TopicArn, 'arn:aws:sns:us-east-1:123456789012:lab-alerts');
    const again = await sns.send(new CreateTopicCommand({ Name: 'lab-alerts' }));
    assert.equal(again.TopicArn, TopicArn);

    const tokyo = client('ap-northeast-1');
    const far = await tokyo.send(new CreateTopicCommand({ Name: 'lab-alerts' }));
    assert.equal(far.TopicArn, 'arn:aws:sns:ap-northeast-1:123456789012:lab-alerts');
    assert.deepEqual((await tokyo.send(new ListTopicsCommand({}))).Topics, [{ TopicArn: far.TopicArn }]);
    tokyo.destroy();

    assert.deepEqual((await sns.send(new ListTopicsCommand({}))).Topics, [{ TopicArn }]);
    await sns.send(new DeleteTopicCommand({ TopicArn }));
    await sns.send(new DeleteTopicCommand({ TopicArn }));
    assert.equal((await sns.send(new ListTopicsCommand({}))).Topics?.length ?? 0, 0);
  });

  it('rejects invalid names and a re-creation with different attributes', async () => {
    assertError(await failure(sns.send(new CreateTopicCommand({ Name: 'bad name!' }))), 'InvalidParameterException',
      'Invalid parameter: Topic Name', 400);
    await sns.send(new CreateTopicCommand({ Name: 'lab-alerts', Attributes: { DisplayName: 'Alerts' } }));
    assertError(await failure(sns.send(new CreateTopicCommand({ Name: 'lab-alerts', Attributes: { DisplayName: 'Other' } }))),
      'InvalidParameterException', 'Invalid parameter: Attributes Reason: Topic already exists with different attributes', 400);
  });

  it('reports default and set attributes', async () => {
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'lab-alerts', Attributes: { DisplayName: 'Alerts' } }));
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'email', Endpoint: 'dev@example.com' }));
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: QUEUE_ARN }));
    await sns.send(new SetTopicAttributesCommand({ TopicArn, AttributeName: 'DeliveryPolicy', AttributeValue: '{"http":{}}' }));

    const { Attributes } = await sns.send(new GetTopicAttributesCommand({ TopicArn }));
    assert.equal(Attributes?.TopicArn, TopicArn);
    assert.equal(Attributes?.Owner, '123456789012');
    assert.equal(Attributes?.DisplayName, 'Alerts');
    assert.equal(Attributes?.DeliveryPolicy, '{"http":{}}');
    assert.equal(Attributes?.SubscriptionsConfirmed, '1');
    assert.equal(Attributes?.SubscriptionsPending, '1');
    assert.equal(JSON.parse(Attributes?.Policy ?? '{}').Statement[0].Resource, TopicArn);

    assertError(await failure(sns.send(new SetTopicAttributesCommand({ TopicArn, AttributeName: 'Colour', AttributeValue: 'red' }))),
      'InvalidParameterException', 'Invalid parameter: AttributeName', 400);
    assertError(await failure(sns.send(new GetTopicAttributesCommand({ TopicArn: MISSING_TOPIC }))), 'NotFoundException',
      'Topic does not exist', 404);
  });

  it('publishes to a topic and answers NotFound for one that does not exist', async () => {
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'lab-alerts' }));
    const published = await sns.send(new PublishCommand({ TopicArn, Message: 'CPU above 80%', Subject: 'Alarm' }));
    assert.match(published.MessageId ?? '', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    assertError(await failure(sns.send(new PublishCommand({ TopicArn: MISSING_TOPIC, Message: 'hi' }))), 'NotFoundException',
      'Topic does not exist', 404);
    assertError(await failure(sns.send(new PublishCommand({ TopicArn, Message: '' }))), 'InvalidParameterException',
      'Invalid parameter: Empty message', 400);
  });

  it('tags topics', async () => {
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'lab-alerts', Tags: [{ Key: 'lab:run', Value: 'r1' }] }));
    await sns.send(new TagResourceCommand({ ResourceArn: TopicArn, Tags: [{ Key: 'managed-by', Value: 'lab' }, { Key: 'lab:run', Value: 'r2' }] }));
    assert.deepEqual((await sns.send(new ListTagsForResourceCommand({ ResourceArn: TopicArn }))).Tags, [
      { Key: 'lab:run', Value: 'r2' }, { Key: 'managed-by', Value: 'lab' },
    ]);
    await sns.send(new UntagResourceCommand({ ResourceArn: TopicArn, TagKeys: ['lab:run'] }));
    assert.deepEqual((await sns.send(new ListTagsForResourceCommand({ ResourceArn: TopicArn }))).Tags, [{ Key: 'managed-by', Value: 'lab' }]);
    assertError(await failure(sns.send(new ListTagsForResourceCommand({ ResourceArn: MISSING_TOPIC }))), 'ResourceNotFoundException',
      'Resource does not exist', 404);
  });
});

describe('subscriptions', () => {
  it('keeps email subscriptions pending confirmation and confirms SQS and Lambda at once', async () => {
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'lab-alerts' }));
    const email = await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'email', Endpoint: 'dev@example.com' }));
    assert.equal(email.SubscriptionArn, 'pending confirmation');
    const sqs = await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: QUEUE_ARN }));
    assert.match(sqs.SubscriptionArn ?? '', new RegExp(`^${TopicArn}:[0-9a-f-]{36}$`));
    const again = await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: QUEUE_ARN }));
    assert.equal(again.SubscriptionArn, sqs.SubscriptionArn);
    const lambda = await sns.send(new SubscribeCommand({
      TopicArn, Protocol: 'lambda', Endpoint: 'arn:aws:lambda:us-east-1:123456789012:function:on-alert',
    }));
    const http = await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'http', Endpoint: 'http://example.com/hook', ReturnSubscriptionArn: true }));
    assert.match(http.SubscriptionArn ?? '', new RegExp(`^${TopicArn}:`));

    const byTopic = await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn }));
    assert.deepEqual(byTopic.Subscriptions?.map((subscription) => [subscription.Protocol, subscription.SubscriptionArn]), [
      ['email', 'PendingConfirmation'], ['sqs', sqs.SubscriptionArn], ['lambda', lambda.SubscriptionArn], ['http', 'PendingConfirmation'],
    ]);
    assert.equal(byTopic.Subscriptions?.[0]?.Endpoint, 'dev@example.com');
    assert.equal(byTopic.Subscriptions?.[0]?.Owner, '123456789012');
    assert.equal((await sns.send(new ListSubscriptionsCommand({}))).Subscriptions?.length, 4);

    await sns.send(new UnsubscribeCommand({ SubscriptionArn: sqs.SubscriptionArn }));
    assertError(await failure(sns.send(new UnsubscribeCommand({ SubscriptionArn: sqs.SubscriptionArn }))), 'NotFoundException',
      'Subscription does not exist', 404);
    assert.equal((await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn }))).Subscriptions?.length, 3);
  });

  it('validates protocols and endpoints, and the topic', async () => {
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'lab-alerts' }));
    assertError(await failure(sns.send(new SubscribeCommand({ TopicArn, Protocol: 'pigeon', Endpoint: 'coop' }))),
      'InvalidParameterException', 'Invalid parameter: Amazon SNS does not support this protocol string: pigeon', 400);
    assertError(await failure(sns.send(new SubscribeCommand({ TopicArn, Protocol: 'email', Endpoint: 'not-an-address' }))),
      'InvalidParameterException', 'Invalid parameter: Email address', 400);
    assertError(await failure(sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: 'lab-queue' }))),
      'InvalidParameterException', 'Invalid parameter: SQS endpoint ARN', 400);
    assertError(await failure(sns.send(new SubscribeCommand({ TopicArn: MISSING_TOPIC, Protocol: 'sqs', Endpoint: QUEUE_ARN }))),
      'NotFoundException', 'Topic does not exist', 404);
    assertError(await failure(sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: MISSING_TOPIC }))),
      'NotFoundException', 'Topic does not exist', 404);
  });

  it('removes a topic\'s subscriptions with the topic', async () => {
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'lab-alerts' }));
    const other = await sns.send(new CreateTopicCommand({ Name: 'lab-other' }));
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: QUEUE_ARN }));
    await sns.send(new SubscribeCommand({ TopicArn: other.TopicArn, Protocol: 'sqs', Endpoint: QUEUE_ARN }));
    await sns.send(new DeleteTopicCommand({ TopicArn }));
    const remaining = await sns.send(new ListSubscriptionsCommand({}));
    assert.deepEqual(remaining.Subscriptions?.map((subscription) => subscription.TopicArn), [other.TopicArn]);
  });
});
