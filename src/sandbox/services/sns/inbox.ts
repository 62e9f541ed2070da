/**
 * The mailbox as the sandbox's control path reads it: from whichever served service is
 * SNS, through its backend, so the server knows nothing of SNS but this function.
 */
import type { InboxMessage } from '../../inbox.js';
import type { SandboxService } from '../../service.js';
import type { SnsBackend } from './backend.js';

/** What SNS sent, oldest first; empty when the sandbox does not serve SNS. */
export function sandboxMailbox(services: readonly SandboxService[]): InboxMessage[] {
  const sns = services.find((service) => service.name === 'sns');
  return (sns?.backend as SnsBackend | undefined)?.inbox() ?? [];
}
