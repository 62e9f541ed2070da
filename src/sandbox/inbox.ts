/**
 * The sandbox's mailbox: what SNS would have sent to email, SMS and HTTP endpoints, which
 * cannot leave the machine. SNS keeps it; `GET /_lab/inbox` answers it; `lab sandbox inbox`
 * prints it and a lab step reads it through `ctx.sandboxInbox()`. This module is the shape
 * all three agree on, and how an entry reads as the email AWS sends.
 */

/** How many entries the mailbox keeps: the newest ones. */
export const INBOX_LIMIT = 1_000;

export interface InboxMessage {
  id: string;
  /** When SNS sent it, on the sandbox clock (ISO 8601). */
  at: string;
  /** The subscription's protocol: email, email-json, sms, http, https. */
  protocol: string;
  /** The subscription's endpoint: an address, a phone number, a URL. */
  to: string;
  /** The sender as the email shows it: the topic's DisplayName, else AWS Notifications. */
  from: string;
  topicArn: string;
  subscriptionArn: string;
  kind: 'confirmation' | 'notification';
  /** The email's subject line; empty for SMS. */
  subject: string;
  /** What the endpoint receives: the email's text, the JSON document, the SMS text. */
  body: string;
  /** The token `ConfirmSubscription` takes, on a confirmation. */
  token?: string;
  /** The MessageId Publish answered, on a notification (every subscriber's copy has the same). */
  messageId?: string;
}

export const SNS_SENDER_ADDRESS = 'no-reply@sns.amazonaws.com';

/** The entries of a `/_lab/inbox` answer, or undefined when the document is not one. */
export function inboxMessagesOf(document: unknown): InboxMessage[] | undefined {
  if (document === null || typeof document !== 'object') return undefined;
  const messages = (document as { messages?: unknown }).messages;
  return Array.isArray(messages) ? (messages as InboxMessage[]) : undefined;
}

/** One entry as a mail client shows it (an SMS as the phone does), headers first. */
export function formatInboxMessage(message: InboxMessage): string {
  const date = new Date(message.at).toUTCString().replace(/GMT$/, '+0000');
  const headers = message.protocol === 'sms'
    ? [`SMS to ${message.to}`, `Date: ${date}`]
    : [
        `From: ${message.from}`,
        `To: ${message.to}${message.protocol.startsWith('http') ? ` (an HTTP POST, ${message.protocol})` : ''}`,
        `Subject: ${message.subject}`,
        `Date: ${date}`,
      ];
  return `${headers.join('\n')}\n\n${message.body.replace(/\n+$/, '')}\n`;
}
