/**
 * What SNS offers the services that publish to topics: CloudWatch alarm actions today; Auto
 * Scaling notifications next. A publish goes through the same checks and delivery as the
 * Publish API, so what a subscriber receives is the same either way.
 */
import type { Caller } from '../ec2/backend.js';
import type { SnsState } from './state.js';

export interface PublishedMessage {
  /** The notification's subject line (an email's subject). */
  Subject?: string;
  Message: string;
}

export interface SnsBackend {
  /** Whether the topic exists (an alarm action naming a deleted topic fails quietly, as on AWS). */
  topicExists(topicArn: string): boolean;
  /** Publishes to the topic; its message id. `NotFound` when the topic does not exist. */
  publish(caller: Caller, topicArn: string, message: PublishedMessage): string;
}

export function snsBackend(state: SnsState): SnsBackend {
  return {
    topicExists: (topicArn) => state.topics[topicArn] !== undefined,
    publish: (_caller, topicArn, message) => state.publish(topicArn, message.Message),
  };
}
