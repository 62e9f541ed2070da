/**
 * The sandbox's mailbox, where SNS delivers email (confirmation requests and notifications)
 * instead of sending it. On AWS there is no such thing: the mail goes to the learner's real
 * inbox, and `sandboxMailbox` answers undefined.
 */
import type { StepContext } from '../../src/runner/step-context.js';

/** A mail SNS delivered on the sandbox, as src/sandbox/inbox.ts keeps it. */
export interface MailboxMessage {
  id: string;
  at: string;
  protocol: string;
  to: string;
  topicArn: string;
  subscriptionArn?: string;
  kind: 'confirmation' | 'notification';
  subject: string;
  body: string;
  token?: string;
}

type WithInbox = { sandboxInbox?: () => Promise<MailboxMessage[] | undefined> };

export async function sandboxMailbox(ctx: StepContext): Promise<MailboxMessage[] | undefined> {
  if (ctx.target.kind !== 'sandbox' || ctx.dryRun) return undefined;
  const inbox = (ctx as unknown as WithInbox).sandboxInbox;
  return inbox ? inbox.call(ctx) : undefined;
}

/** Asks the mailbox again until `wanted` finds a message, showing progress; undefined after the timeout. */
export async function waitForMail(ctx: StepContext, what: string, wanted: (message: MailboxMessage) => boolean, timeoutMs = 90_000): Promise<MailboxMessage | undefined> {
  const started = Date.now();
  for (;;) {
    const messages = await sandboxMailbox(ctx);
    if (messages === undefined) return undefined;
    const found = messages.filter(wanted).at(-1);
    if (found) return found;
    const elapsed = Math.round((Date.now() - started) / 1000);
    if (Date.now() - started > timeoutMs) return undefined;
    ctx.progress(`waiting for ${what} in the sandbox mailbox (${elapsed} s)`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}
