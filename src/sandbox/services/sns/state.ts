/**
 * SNS topics and their subscriptions, per region (a topic's ARN names its region). Topics
 * are created idempotently by name; deleting one removes its subscriptions. Email and HTTP
 * subscriptions wait for the endpoint to confirm, as on SNS; the sandbox sends no mail,
 * so they stay pending.
 */
import { randomUUID } from 'node:crypto';
import { SANDBOX_ACCOUNT_ID } from '../../constants.js';
import { withoutTags, withTags, type Tag } from '../../kit/tags.js';
import { invalidParameter, resourceNotFound, subscriptionNotFound, tagLimitExceeded, topicNotFound } from './errors.js';

export type { Tag };

export interface Topic {
  TopicArn: string;
  Name: string;
  region: string;
  /** Attributes the caller set; the reported ones are derived at read time. */
  Attributes: Record<string, string>;
  Tags: Tag[];
}

export interface Subscription {
  SubscriptionArn: string;
  TopicArn: string;
  Protocol: string;
  Endpoint: string;
  Owner: string;
  confirmed: boolean;
}

/** Protocols whose endpoint must confirm before it receives messages. */
const CONFIRMED_BY_ENDPOINT = new Set(['email', 'email-json', 'http', 'https']);
const PROTOCOLS = new Set(['http', 'https', 'email', 'email-json', 'sms', 'sqs', 'application', 'lambda', 'firehose']);
const TAGS_PER_TOPIC = 50;
const MESSAGE_BYTES = 256 * 1024;

export class SnsState {
  topics: Record<string, Topic> = {};
  subscriptions: Record<string, Subscription> = {};

  /** The existing topic when one of that name exists with the same attributes and tags. */
  createTopic(name: string, region: string, attributes: Record<string, string>, tags: Tag[]): Topic {
    const fifo = attributes['FifoTopic'] === 'true';
    if (!/^[A-Za-z0-9_-]{1,256}$/.test(fifo ? name.replace(/\.fifo$/, '') : name) || fifo !== name.endsWith('.fifo')) {
      throw invalidParameter('Topic Name');
    }
    const TopicArn = `arn:aws:sns:${region}:${SANDBOX_ACCOUNT_ID}:${name}`;
    const existing = this.topics[TopicArn];
    if (existing) {
      if (Object.entries(attributes).some(([key, value]) => existing.Attributes[key] !== value)) {
        throw invalidParameter('Attributes Reason: Topic already exists with different attributes');
      }
      if (tags.some((tag) => !existing.Tags.some((held) => held.Key === tag.Key && held.Value === tag.Value))) {
        throw invalidParameter('Tags Reason: Topic already exists with different tags');
      }
      return existing;
    }
    const topic: Topic = { TopicArn, Name: name, region, Attributes: { ...attributes }, Tags: [] };
    this.tag(topic, tags);
    this.topics[TopicArn] = topic;
    return topic;
  }

  topic(arn: string): Topic {
    const topic = this.topics[arn];
    if (!topic) throw topicNotFound();
    return topic;
  }

  /** Topics of one region, in ARN order. */
  listTopics(region: string): Topic[] {
    return Object.values(this.topics).filter((topic) => topic.region === region).sort((a, b) => compare(a.TopicArn, b.TopicArn));
  }

  /** Deleting a topic that does not exist succeeds, as on SNS. */
  deleteTopic(arn: string): void {
    delete this.topics[arn];
    for (const subscription of Object.values(this.subscriptions)) {
      if (subscription.TopicArn === arn) delete this.subscriptions[subscription.SubscriptionArn];
    }
  }

  subscribe(topicArn: string, protocol: string, endpoint: string | undefined): Subscription {
    this.topic(topicArn);
    if (!PROTOCOLS.has(protocol)) throw invalidParameter(`Amazon SNS does not support this protocol string: ${protocol}`);
    validateEndpoint(protocol, endpoint ?? '');
    const existing = Object.values(this.subscriptions).find(
      (subscription) => subscription.TopicArn === topicArn && subscription.Protocol === protocol && subscription.Endpoint === endpoint,
    );
    if (existing) return existing;
    const subscription: Subscription = {
      SubscriptionArn: `${topicArn}:${randomUUID()}`,
      TopicArn: topicArn,
      Protocol: protocol,
      Endpoint: endpoint!,
      Owner: SANDBOX_ACCOUNT_ID,
      confirmed: !CONFIRMED_BY_ENDPOINT.has(protocol),
    };
    this.subscriptions[subscription.SubscriptionArn] = subscription;
    return subscription;
  }

  unsubscribe(arn: string): void {
    if (!this.subscriptions[arn]) throw subscriptionNotFound();
    delete this.subscriptions[arn];
  }

  /** Subscriptions in the region of `region`, or of one topic, in creation order. */
  listSubscriptions(filter: { region?: string; topicArn?: string }): Subscription[] {
    if (filter.topicArn !== undefined) this.topic(filter.topicArn);
    return Object.values(this.subscriptions).filter((subscription) =>
      filter.topicArn !== undefined
        ? subscription.TopicArn === filter.topicArn
        : this.topics[subscription.TopicArn]?.region === filter.region);
  }

  publish(topicArn: string, message: string): string {
    this.topic(topicArn);
    if (message === '') throw invalidParameter('Empty message');
    if (Buffer.byteLength(message) > MESSAGE_BYTES) throw invalidParameter('Message too long');
    return randomUUID();
  }

  setTopicAttribute(arn: string, name: string, value: string): void {
    this.topic(arn).Attributes[name] = value;
  }

  /** Tags of a taggable resource: topics are SNS's only one here. */
  resourceTags(arn: string): Tag[] {
    const topic = this.topics[arn];
    if (!topic) throw resourceNotFound();
    return topic.Tags;
  }

  tagResource(arn: string, tags: Tag[]): void {
    this.resourceTags(arn);
    this.tag(this.topics[arn]!, tags);
  }

  untagResource(arn: string, keys: string[]): void {
    const topic = this.topics[arn];
    if (!topic) throw resourceNotFound();
    topic.Tags = withoutTags(topic.Tags, keys.map((Key) => ({ Key })));
  }

  snapshot(): unknown {
    return { topics: this.topics, subscriptions: this.subscriptions };
  }

  restore(state: unknown): void {
    const saved = state as Partial<Pick<SnsState, 'topics' | 'subscriptions'>>;
    this.topics = saved.topics ?? {};
    this.subscriptions = saved.subscriptions ?? {};
  }

  /** New values replace old ones of the same key; a topic holds at most 50. */
  private tag(topic: Topic, tags: Tag[]): void {
    const merged = withTags(topic.Tags, tags);
    if (merged.length > TAGS_PER_TOPIC) throw tagLimitExceeded();
    topic.Tags = merged;
  }
}

function validateEndpoint(protocol: string, endpoint: string): void {
  const valid: Record<string, [RegExp, string]> = {
    email: [/^[^@\s]+@[^@\s]+$/, 'Email address'],
    'email-json': [/^[^@\s]+@[^@\s]+$/, 'Email address'],
    http: [/^http:\/\/\S+$/, 'Endpoint must match the specified protocol'],
    https: [/^https:\/\/\S+$/, 'Endpoint must match the specified protocol'],
    sqs: [/^arn:aws:sqs:[a-z0-9-]+:\d{12}:\S+$/, 'SQS endpoint ARN'],
    lambda: [/^arn:aws:lambda:[a-z0-9-]+:\d{12}:function:\S+$/, 'Lambda endpoint ARN'],
  };
  const rule = valid[protocol];
  if (rule && !rule[0].test(endpoint)) throw invalidParameter(rule[1]);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
