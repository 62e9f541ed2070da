/**
 * The sandbox's mailbox, where SNS delivers email (confirmation requests and notifications)
 * instead of sending it. On AWS there is no such thing: the mail goes to the learner's real
 * inbox, and the mailbox is undefined.
 */
import type { StepContext } from '../../src/runner/step-context.js';
import type { InboxMessage } from '../../src/sandbox/inbox.js';

export type { InboxMessage };

export async function sandboxMailbox(ctx: StepContext): Promise<InboxMessage[] | undefined> {
  if (ctx.dryRun) return undefined;
  return ctx.sandboxInbox();
}

/** Asks the mailbox again until `wanted` finds a message, showing progress; undefined after the timeout or off the sandbox. */
export async function waitForMail(ctx: StepContext, what: string, wanted: (message: InboxMessage) => boolean, timeoutMs = 90_000): Promise<InboxMessage | undefined> {
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
