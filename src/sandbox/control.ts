/**
 * The sandbox's control paths beside the AWS APIs, and the one way lab's own code asks
 * them: `lab sandbox status/reset/inbox`, `lab doctor` (is the port held by a sandbox?) and
 * a lab step reading the mailbox. A leaf module, so asking never loads the sandbox itself.
 */

/** Answers `{ status: 'running', services, uptimeSeconds }` to GET. */
export const HEALTH_PATH = '/_lab/health';
/** Forgets every service's state on POST. */
export const RESET_PATH = '/_lab/reset';
/** Answers `{ "messages": InboxMessage[] }` to GET, oldest first (inbox.ts). */
export const INBOX_PATH = '/_lab/inbox';

export interface AskOptions {
  method?: 'GET' | 'POST';
  /** How long to wait for an answer; 2 s when absent. */
  timeoutMs?: number;
  /** Stops the wait early (Ctrl-C during a step). */
  signal?: AbortSignal;
}

/** The JSON object a sandbox answers at `baseUrl` + `path`; undefined when nothing (or something else) answers. */
export async function askSandbox(baseUrl: string, path: string, options: AskOptions = {}): Promise<Record<string, unknown> | undefined> {
  const timeout = AbortSignal.timeout(options.timeoutMs ?? 2_000);
  try {
    const response = await fetch(`${baseUrl}${path}`, { method: options.method ?? 'GET', signal: options.signal ? AbortSignal.any([timeout, options.signal]) : timeout });
    if (!response.ok) return undefined;
    const document: unknown = await response.json();
    return document !== null && typeof document === 'object' ? (document as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
