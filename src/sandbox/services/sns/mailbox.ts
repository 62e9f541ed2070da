/**
 * Where the sandbox keeps what SNS sends to endpoints it cannot reach (email, SMS, HTTP):
 * one list for the whole sandbox, oldest first, of at most INBOX_LIMIT entries, the oldest
 * dropped first. It is part of SNS's saved state.
 */
import { INBOX_LIMIT, type InboxMessage } from '../../inbox.js';

export class Mailbox {
  constructor(private entries: InboxMessage[] = []) {}

  deliver(message: InboxMessage): void {
    this.entries.push(message);
    if (this.entries.length > INBOX_LIMIT) this.entries.splice(0, this.entries.length - INBOX_LIMIT);
  }

  /** A copy, oldest first. */
  messages(): InboxMessage[] {
    return this.entries.map((entry) => ({ ...entry }));
  }

  snapshot(): InboxMessage[] {
    return this.entries;
  }
}

/** The mailbox in SNS's saved state (`<state dir>/sns.json`), for a reader when no sandbox runs. */
export function mailboxOfSavedState(saved: unknown): InboxMessage[] {
  const mailbox = (saved as { mailbox?: unknown } | null)?.mailbox;
  return Array.isArray(mailbox) ? (mailbox as InboxMessage[]) : [];
}
