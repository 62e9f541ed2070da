/**
 * What one subscription receives, as a mailbox entry: the confirmation SNS sends when an
 * endpoint subscribes, and each notification once it has confirmed. Only the protocols
 * whose endpoints are outside the sandbox land in the mailbox; SQS, Lambda and the rest
 * are other services' business.
 */
import { randomUUID } from 'node:crypto';
import { SNS_SENDER_ADDRESS, type InboxMessage } from '../../inbox.js';
import {
  CONFIRMATION_SUBJECT, confirmationDocument, confirmationEmail, DEFAULT_SUBJECT, notificationDocument, notificationEmail, type Addressed,
} from './messages.js';
import { messageFor, type Publication } from './publishing.js';

/** Protocols whose messages go to the mailbox. */
export const MAILBOX_PROTOCOLS = new Set(['email', 'email-json', 'sms', 'http', 'https']);

/** What delivery needs of a topic and one of its subscriptions. */
export interface Recipient {
  topicArn: string;
  region: string;
  subscriptionArn: string;
  protocol: string;
  endpoint: string;
  /** The topic's DisplayName: the email's sender name. */
  displayName: string;
  /** The topic's SignatureVersion, `1` unless set. */
  signatureVersion: string;
}

export function confirmationFor(recipient: Recipient, token: string, at: Date): InboxMessage {
  const to = addressed(recipient);
  const id = randomUUID();
  const body = recipient.protocol === 'email'
    ? confirmationEmail(to, token)
    : confirmationDocument(to, token, id, at, recipient.signatureVersion);
  return entry(recipient, id, at, 'confirmation', CONFIRMATION_SUBJECT, body, token);
}

/** The entry a confirmed subscription receives for a publish; SMS carries the text alone. */
export function notificationFor(recipient: Recipient, published: Publication, messageId: string, at: Date): InboxMessage {
  const to = addressed(recipient);
  const message = messageFor(published, recipient.protocol);
  const id = randomUUID();
  if (recipient.protocol === 'sms') return { ...entry(recipient, id, at, 'notification', '', message), messageId };
  const body = recipient.protocol === 'email'
    ? notificationEmail(to, message)
    : notificationDocument(to, message, published.Subject, messageId, at, recipient.signatureVersion);
  return { ...entry(recipient, id, at, 'notification', published.Subject ?? DEFAULT_SUBJECT, body), messageId };
}

function addressed(recipient: Recipient): Addressed {
  return { region: recipient.region, topicArn: recipient.topicArn, subscriptionArn: recipient.subscriptionArn, endpoint: recipient.endpoint };
}

function entry(
  recipient: Recipient, id: string, at: Date, kind: InboxMessage['kind'], subject: string, body: string, token?: string,
): InboxMessage {
  return {
    id,
    at: at.toISOString(),
    protocol: recipient.protocol,
    to: recipient.endpoint,
    from: `${recipient.displayName === '' ? 'AWS Notifications' : recipient.displayName} <${SNS_SENDER_ADDRESS}>`,
    topicArn: recipient.topicArn,
    subscriptionArn: recipient.subscriptionArn,
    kind,
    subject,
    body,
    ...(token === undefined ? {} : { token }),
  };
}
