/**
 * The learner's email subscription to the alarm topic. Email subscriptions wait for their
 * owner: SNS mails a confirmation link carrying a token, and only ConfirmSubscription with
 * that token makes the subscription real. On the sandbox the mail is in the sandbox mailbox,
 * so the lab confirms it the way the link would; on AWS the learner clicks the link.
 */
import type { StepContext } from '../../src/runner/step-context.js';
import type { StepResult } from '../../src/runner/lab.js';
import { waitForMail } from './mailbox.js';

const sns = () => import('@aws-sdk/client-sns');

/** Where alarm mail goes on the sandbox when the learner names no address: its mailbox takes any. */
export const DEFAULT_ALERT_EMAIL = 'learner@example.com';

/**
 * The learner's address: `LAB_ALERT_EMAIL`, else the placeholder on the sandbox. On AWS a
 * placeholder would make SNS mail a stranger's domain, so there is none: undefined.
 */
export function alertEmail(ctx: StepContext): string | undefined {
  const chosen = process.env.LAB_ALERT_EMAIL?.trim();
  if (chosen) return chosen;
  return ctx.target.kind === 'aws' ? undefined : DEFAULT_ALERT_EMAIL;
}

export const NO_EMAIL_ON_AWS = 'No LAB_ALERT_EMAIL is set, so nothing was subscribed: the alarm still changes state and publishes, but no mail goes out. Run this step again with LAB_ALERT_EMAIL=you@example.org to get it by email.';

export async function confirmSubscription(ctx: StepContext, topicArn: string, email: string): Promise<StepResult> {
  const { ConfirmSubscriptionCommand, ListSubscriptionsByTopicCommand, SubscribeCommand } = await sns();
  const query = 'Subscriptions[].{Protocol: Protocol, Endpoint: Endpoint, SubscriptionArn: SubscriptionArn}';
  const listed = await ctx.call(new ListSubscriptionsByTopicCommand({ TopicArn: topicArn }));
  const mine = ctx.dryRun ? undefined : listed.Subscriptions?.find((subscription) => subscription.Protocol === 'email' && subscription.Endpoint === email);
  if (mine?.SubscriptionArn?.startsWith('arn:')) {
    ctx.note(`${email} is already subscribed and confirmed (an earlier run did it): reusing the subscription.`);
    return { operation: 'ListSubscriptionsByTopic', response: listed, query };
  }
  const since = new Date().toISOString();
  if (mine) ctx.note(`${email} is subscribed but still pending confirmation: asking SNS to send the confirmation again.`);
  // Subscribing again while pending sends a new confirmation mail, which is what a learner who lost the first one does.
  const subscribed = await ctx.call(new SubscribeCommand({ TopicArn: topicArn, Protocol: 'email', Endpoint: email }));
  if (ctx.dryRun) return { operation: 'Subscribe', response: subscribed };
  const mail = await waitForMail(ctx, `the confirmation mail to ${email}`, (message) => message.kind === 'confirmation' && message.topicArn === topicArn && message.to === email && message.at >= since && Boolean(message.token));
  if (!mail) {
    ctx.note(`SNS sent a confirmation mail to ${email}: open it and follow "Confirm subscription". Until then the subscription is pending and the alarm's mail goes nowhere.`);
    return { operation: 'Subscribe', response: subscribed };
  }
  ctx.note(`The sandbox mailbox has SNS's confirmation mail for ${email} ("${mail.subject}"): confirming with its token, as the link in it would.`);
  await ctx.call(new ConfirmSubscriptionCommand({ TopicArn: topicArn, Token: mail.token! }));
  return { operation: 'ListSubscriptionsByTopic', response: await ctx.call(new ListSubscriptionsByTopicCommand({ TopicArn: topicArn }), { query }), query };
}
