/** SNS topics and their subscriptions: subscriptions first, though deleting a topic ends them too. */
import { appendTags, ignoreNotFound, isNotFound, type Output, type ResourceType } from '../resource-type.js';
import type { ClientPool } from '../../aws/clients.js';

const sns = () => import('@aws-sdk/client-sns');

export const topic: ResourceType = {
  name: 'sns:topic',
  title: 'SNS topic',
  createdBy: 'CreateTopic',
  dependsOn: [],
  addTags: appendTags,
  created: (output: Output) => [{ resourceId: output.TopicArn }],
  intentAttributes: (input) => ({ name: String(input.Name) }),
  async resolveIntent(record, clients) {
    const { ListTagsForResourceCommand } = await sns();
    const arn = (await topicArns(clients)).find((candidate) => candidate.endsWith(`:${record.attributes?.name}`));
    if (!arn) return [];
    // CreateTopic is idempotent by name, so only the run's tag tells whether this run made it.
    const tags = await clients.send<Output>(new ListTagsForResourceCommand({ ResourceArn: arn }));
    return (tags.Tags ?? []).some((tag: Output) => tag.Key === 'lab:run' && tag.Value === record.run) ? [{ resourceId: arn }] : [];
  },
  async delete(record, clients) {
    const { DeleteTopicCommand } = await sns();
    await ignoreNotFound(() => clients.send(new DeleteTopicCommand({ TopicArn: record.resourceId! })));
  },
};

export const subscription: ResourceType = {
  name: 'sns:subscription',
  title: 'SNS subscription',
  createdBy: 'Subscribe',
  dependsOn: ['sns:topic'],
  // A subscription waiting for its endpoint has no ARN yet: `lab status` names it by its endpoint rather than "pending confirmation".
  created: (output: Output, input) => [{
    resourceId: String(output.SubscriptionArn).startsWith('arn:') ? output.SubscriptionArn : `${String(input.Endpoint)} (pending confirmation)`,
    attributes: { topicArn: String(input.TopicArn), endpoint: String(input.Endpoint) },
  }],
  intentAttributes: (input) => ({ topicArn: String(input.TopicArn), endpoint: String(input.Endpoint) }),
  async resolveIntent(record, clients, known) {
    const { ListSubscriptionsByTopicCommand } = await sns();
    let out: Output;
    try {
      out = await clients.send<Output>(new ListSubscriptionsByTopicCommand({ TopicArn: record.attributes?.topicArn }));
    } catch (error) {
      if (isNotFound(error)) return [];
      throw error;
    }
    return (out.Subscriptions ?? [])
      .filter((item: Output) => item.Endpoint === record.attributes?.endpoint && String(item.SubscriptionArn).startsWith('arn:') && !known.has(item.SubscriptionArn))
      .map((item: Output) => ({ resourceId: item.SubscriptionArn, attributes: { topicArn: String(record.attributes?.topicArn) } }));
  },
  async delete(record, clients) {
    const { UnsubscribeCommand } = await sns();
    // An email subscription answers "pending confirmation" instead of an ARN; once confirmed
    // (week4-tue confirms it) it has one, found on its topic by endpoint. One still pending
    // has none to unsubscribe, and AWS removes it with its topic.
    const arns = record.resourceId?.startsWith('arn:') ? [record.resourceId] : await confirmedArns(clients, record.attributes?.topicArn, record.attributes?.endpoint);
    for (const arn of arns) await ignoreNotFound(() => clients.send(new UnsubscribeCommand({ SubscriptionArn: arn })));
  },
};

async function confirmedArns(clients: ClientPool, topicArn: string | undefined, endpoint: string | undefined): Promise<string[]> {
  if (!topicArn || !endpoint) return [];
  const { ListSubscriptionsByTopicCommand } = await sns();
  const arns: string[] = [];
  let NextToken: string | undefined;
  try {
    do {
      const page = await clients.send<Output>(new ListSubscriptionsByTopicCommand({ TopicArn: topicArn, NextToken }));
      for (const item of page.Subscriptions ?? []) if (item.Endpoint === endpoint && String(item.SubscriptionArn).startsWith('arn:')) arns.push(String(item.SubscriptionArn));
      NextToken = page.NextToken;
    } while (NextToken);
  } catch (error) {
    if (isNotFound(error)) return [];
    throw error;
  }
  return arns;
}

async function topicArns(clients: ClientPool): Promise<string[]> {
  const { ListTopicsCommand } = await sns();
  const arns: string[] = [];
  let NextToken: string | undefined;
  do {
    const page = await clients.send<Output>(new ListTopicsCommand({ NextToken }));
    arns.push(...(page.Topics ?? []).map((topic: Output) => String(topic.TopicArn)));
    NextToken = page.NextToken;
  } while (NextToken);
  return arns;
}

export const snsResourceTypes: ResourceType[] = [topic, subscription];
