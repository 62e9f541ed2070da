/**
 * What SNS offers the services that publish to topics: CloudWatch alarm actions today; Auto
 * Scaling notifications next. A publish goes through the same checks and delivery as the
 * Publish API, so what a subscriber receives is the same either way. It also answers the
 * sandbox's mailbox, for the `/_lab/inbox` control path.
 */
import type { InboxMessage } from '../../inbox.js';
import type { Caller } from '../ec2/backend.js';
import { publication } from './publishing.js';
import type { SnsState } from './state.js';

export interface PublishedMessage {
  /** The notification's subject line (an email's subject); AWS's rules for Publish's Subject apply. */
  Subject?: string;
  Message: string;
}

export interface SnsBackend {
  /** Whether the topic exists (an alarm action naming a deleted topic fails quietly, as on AWS). */
  topicExists(topicArn: string): boolean;
  /** Publishes to the topic; its message id. `NotFound` when the topic does not exist. */
  publish(caller: Caller, topicArn: string, message: PublishedMessage): string;
  /** What SNS sent to email, SMS and HTTP endpoints, oldest first. */
  inbox(): InboxMessage[];
}

/** A publish is stamped with the caller's clock, the one its requests see. */
export function snsBackend(state: SnsState): SnsBackend {
  return {
    topicExists: (topicArn) => state.topics[topicArn] !== undefined,
    publish: (caller, topicArn, message) =>
      state.publish(topicArn, publication(message.Message, message.Subject, undefined), caller.clock.now()),
    inbox: () => state.inbox(),
  };
}
