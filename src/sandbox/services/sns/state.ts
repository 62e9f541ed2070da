/**
 * SNS topics and their subscriptions, per region (a topic's ARN names its region), and the
 * mailbox of what SNS sent. Topics are created idempotently by name; deleting one removes
 * its subscriptions. Email and HTTP subscriptions wait for the endpoint to confirm, as on
 * SNS: the confirmation, with its token, goes to the mailbox, and ConfirmSubscription with
 * that token confirms. Publishing delivers to every confirmed subscription.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { SANDBOX_ACCOUNT_ID } from '../../constants.js';
import type { InboxMessage } from '../../inbox.js';
import { withoutTags, withTags, type Tag } from '../../kit/tags.js';
import { confirmationFor, MAILBOX_PROTOCOLS, notificationFor, type Recipient } from './delivery.js';
import { invalidParameter, invalidSmsEndpoint, resourceNotFound, subscriptionNotFound, tagLimitExceeded, topicNotFound } from './errors.js';
import { Mailbox } from './mailbox.js';
import type { Publication } from './publishing.js';

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
  /** Every token sent to the endpoint; any of them confirms (a re-subscribe sends another). */
  tokens?: string[];
  /** Whether the confirming call was signed (ConfirmationWasAuthenticated). */
  confirmationAuthenticated?: boolean;
  /** ConfirmSubscription's AuthenticateOnUnsubscribe. */
  authenticateOnUnsubscribe?: boolean;
}

/** Protocols whose endpoint must confirm before it receives messages. */
const CONFIRMED_BY_ENDPOINT = new Set(['email', 'email-json', 'http', 'https']);
const PROTOCOLS = new Set(['http', 'https', 'email', 'email-json', 'sms', 'sqs', 'application', 'lambda', 'firehose']);
const TAGS_PER_TOPIC = 50;
/** AWS's confirmation tokens are 256 hex digits. */
const TOKEN_BYTES = 128;

export class SnsState {
  topics: Record<string, Topic> = {};
  subscriptions: Record<string, Subscription> = {};
  mailbox = new Mailbox();

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

  /**
   * A new subscription, or the existing one of this endpoint. One still pending is sent a
   * fresh confirmation each time, as the console's "Request confirmation" does by subscribing again.
   */
  subscribe(topicArn: string, protocol: string, endpoint: string | undefined, now: number): Subscription {
    this.topic(topicArn);
    if (!PROTOCOLS.has(protocol)) throw invalidParameter(`Amazon SNS does not support this protocol string: ${protocol}`);
    validateEndpoint(protocol, endpoint ?? '');
    const existing = Object.values(this.subscriptions).find(
      (subscription) => subscription.TopicArn === topicArn && subscription.Protocol === protocol && subscription.Endpoint === endpoint,
    );
    const subscription: Subscription = existing ?? {
      SubscriptionArn: `${topicArn}:${randomUUID()}`,
      TopicArn: topicArn,
      Protocol: protocol,
      Endpoint: endpoint!,
      Owner: SANDBOX_ACCOUNT_ID,
      confirmed: !CONFIRMED_BY_ENDPOINT.has(protocol),
      confirmationAuthenticated: !CONFIRMED_BY_ENDPOINT.has(protocol),
    };
    this.subscriptions[subscription.SubscriptionArn] = subscription;
    if (!subscription.confirmed) {
      const token = randomBytes(TOKEN_BYTES).toString('hex');
      subscription.tokens = [...(subscription.tokens ?? []), token];
      this.mailbox.deliver(confirmationFor(this.recipient(subscription), token, new Date(now)));
    }
    return subscription;
  }

  /**
   * Confirms the subscription a token was sent for; confirming again answers the same ARN.
   * A token of no subscription of this topic is AWS's `Invalid parameter: Token`.
   */
  confirmSubscription(topicArn: string, token: string, authenticateOnUnsubscribe: boolean): Subscription {
    this.topic(topicArn);
    const subscription = Object.values(this.subscriptions).find(
      (candidate) => candidate.TopicArn === topicArn && (candidate.tokens ?? []).includes(token),
    );
    if (!subscription) throw invalidParameter('Token');
    if (!subscription.confirmed) {
      subscription.confirmed = true;
      // The call reached SNS through a signed API request, not an unsigned click on the link.
      subscription.confirmationAuthenticated = true;
      subscription.authenticateOnUnsubscribe = authenticateOnUnsubscribe;
    }
    return subscription;
  }

  subscription(arn: string): Subscription {
    const subscription = this.subscriptions[arn];
    if (!subscription) throw subscriptionNotFound();
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

  /** Delivers to every confirmed subscription whose endpoint is outside the sandbox; the message id. */
  publish(topicArn: string, published: Publication, now: number): string {
    this.topic(topicArn);
    const messageId = randomUUID();
    for (const subscription of this.listSubscriptions({ topicArn })) {
      if (!subscription.confirmed || !MAILBOX_PROTOCOLS.has(subscription.Protocol)) continue;
      this.mailbox.deliver(notificationFor(this.recipient(subscription), published, messageId, new Date(now)));
    }
    return messageId;
  }

  inbox(): InboxMessage[] {
    return this.mailbox.messages();
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
    return { topics: this.topics, subscriptions: this.subscriptions, mailbox: this.mailbox.snapshot() };
  }

  restore(state: unknown): void {
    const saved = state as Partial<Pick<SnsState, 'topics' | 'subscriptions'>> & { mailbox?: InboxMessage[] };
    this.topics = saved.topics ?? {};
    this.subscriptions = saved.subscriptions ?? {};
    this.mailbox = new Mailbox(saved.mailbox ?? []);
  }

  private recipient(subscription: Subscription): Recipient {
    const topic = this.topic(subscription.TopicArn);
    return {
      topicArn: topic.TopicArn,
      region: topic.region,
      subscriptionArn: subscription.SubscriptionArn,
      protocol: subscription.Protocol,
      endpoint: subscription.Endpoint,
      displayName: topic.Attributes['DisplayName'] ?? '',
      signatureVersion: topic.Attributes['SignatureVersion'] ?? '1',
    };
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
  if (protocol === 'sms' && !isPhoneNumber(endpoint)) throw invalidSmsEndpoint(endpoint);
}

/**
 * An E.164 number, optionally written with single `-`, `.` or `/` between digits (moto's
 * and LocalStack's reading of AWS's rule; SNS answers `Invalid SMS endpoint: <endpoint>`).
 */
function isPhoneNumber(endpoint: string): boolean {
  if (/[./-]{2,}|^[./-]|[./-]$/.test(endpoint)) return false;
  return /^\+?[1-9]\d{1,14}$/.test(endpoint.replace(/[./-]/g, ''));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
