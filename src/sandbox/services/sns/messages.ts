/**
 * What SNS sends each kind of endpoint, in AWS's words and layouts: the subscription
 * confirmation (an email with a link, or a JSON document for email-json and HTTP), and a
 * notification (the message with AWS's unsubscribe footer, or the JSON envelope).
 * Texts are those of real SNS emails (the confirmation's and the footer's wording, the
 * confirmation.html and unsubscribe.html links) and of the developer guide's JSON examples.
 */
import { createHash } from 'node:crypto';

export const DEFAULT_SUBJECT = 'AWS Notification Message';
export const CONFIRMATION_SUBJECT = 'AWS Notification - Subscription Confirmation';

/** The certificate AWS names in SigningCertURL; the sandbox signs nothing, so any name does. */
const SIGNING_CERT = 'SimpleNotificationService-sandbox.pem';

export interface Addressed {
  region: string;
  topicArn: string;
  subscriptionArn: string;
  endpoint: string;
}

/** The plain-text part of the confirmation email (the HTML part links "Confirm subscription" to the same URL). */
export function confirmationEmail(to: Addressed, token: string): string {
  const link = `https://sns.${to.region}.amazonaws.com/confirmation.html?TopicArn=${to.topicArn}&Token=${token}&Endpoint=${to.endpoint}`;
  return [
    'You have chosen to subscribe to the topic: ',
    to.topicArn,
    '',
    'To confirm this subscription, click or visit the link below (If this was in error no action is necessary): ',
    link,
    '',
    'Please do not reply directly to this email. If you wish to remove yourself from receiving all future SNS subscription confirmation requests please send an email to sns-opt-out',
    '',
  ].join('\n');
}

/** The SubscriptionConfirmation document email-json and HTTP endpoints receive. */
export function confirmationDocument(to: Addressed, token: string, messageId: string, at: Date, signatureVersion: string): string {
  return awsJson(signed({
    Type: 'SubscriptionConfirmation',
    MessageId: messageId,
    Token: token,
    TopicArn: to.topicArn,
    Message: `You have chosen to subscribe to the topic ${to.topicArn}.\nTo confirm the subscription, visit the SubscribeURL included in this message.`,
    SubscribeURL: `https://sns.${to.region}.amazonaws.com/?Action=ConfirmSubscription&TopicArn=${to.topicArn}&Token=${token}`,
    Timestamp: at.toISOString(),
  }, to.region, signatureVersion));
}

/** An email notification: the message, then the footer SNS appends to every one. */
export function notificationEmail(to: Addressed, message: string): string {
  return [
    message,
    '',
    '--',
    'If you wish to stop receiving notifications from this topic, please click or visit the link below to unsubscribe:',
    `https://sns.${to.region}.amazonaws.com/unsubscribe.html?SubscriptionArn=${to.subscriptionArn}&Endpoint=${to.endpoint}`,
    '',
    'Please do not reply directly to this email. If you have any questions or comments regarding this email, please contact us at https://aws.amazon.com/support',
    '',
  ].join('\n');
}

/** The Notification envelope email-json and HTTP endpoints receive; Subject only when the publisher gave one. */
export function notificationDocument(
  to: Addressed, message: string, subject: string | undefined, messageId: string, at: Date, signatureVersion: string,
): string {
  return awsJson(signed({
    Type: 'Notification',
    MessageId: messageId,
    TopicArn: to.topicArn,
    ...(subject === undefined ? {} : { Subject: subject }),
    Message: message,
    Timestamp: at.toISOString(),
  }, to.region, signatureVersion, { UnsubscribeURL: `https://sns.${to.region}.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${to.subscriptionArn}` }));
}

/**
 * The signature members, after the signed ones, as AWS orders them. The sandbox holds no
 * SNS private key, so Signature is a digest of the signed text, not an RSA signature: it
 * has the right place and shape, and a verifier that fetches the certificate will refuse it.
 */
function signed(fields: Record<string, string>, region: string, signatureVersion: string, after: Record<string, string> = {}): Record<string, string> {
  const digest = createHash(signatureVersion === '2' ? 'sha256' : 'sha1').update(JSON.stringify(fields)).digest('base64');
  return {
    ...fields,
    SignatureVersion: signatureVersion,
    Signature: digest,
    SigningCertURL: `https://sns.${region}.amazonaws.com/${SIGNING_CERT}`,
    ...after,
  };
}

/** SNS writes its JSON documents one member a line, `"Name" : value`. */
function awsJson(document: Record<string, string>): string {
  const members = Object.entries(document).map(([name, value]) => `  ${JSON.stringify(name)} : ${JSON.stringify(value)}`);
  return `{\n${members.join(',\n')}\n}`;
}
