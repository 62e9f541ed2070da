/**
 * `lab sandbox start|status|reset|inbox`: the local AWS emulator as a foreground process, a
 * question to whatever answers on its port, forgetting its state, and reading the mail SNS
 * sent (which cannot leave the machine).
 */
import { SANDBOX_DEFAULT_PORT } from '../../sandbox/constants.js';
import type { InboxMessage } from '../../sandbox/inbox.js';
import type { GlobalOptions } from '../global-options.js';
import { EXIT_USAGE, writeOut, type CommandIo } from '../io.js';

interface SandboxCommandOptions extends GlobalOptions {
  port?: unknown;
  stateDir?: unknown;
  json?: unknown;
}

/** Which signals stop a foreground sandbox; tests emit them on `process`. */
const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

export async function start(options: SandboxCommandOptions, _args: string[], io: CommandIo): Promise<number> {
  const port = parsePort(options.port);
  if (port === undefined) return usage(io, `lab sandbox start: --port must be a whole number from 0 to 65535, not '${String(options.port)}'`);
  const stateDir = await stateDirOf(options, io);
  const { startSandbox } = await import('../../sandbox/server.js');
  let sandbox;
  try {
    sandbox = await startSandbox({ port, stateDir, log: (message) => io.stderr.write(`${message}\n`) });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'EADDRINUSE' ? `port ${port} is in use (is a sandbox already running? try 'lab sandbox status')` : (error as Error).message;
    io.stderr.write(`lab sandbox start: cannot start: ${reason}\n`);
    return 1;
  }
  let onSignal: (signal: NodeJS.Signals) => void = () => {};
  const stopped = new Promise<NodeJS.Signals>((resolve) => {
    onSignal = resolve;
    for (const signal of STOP_SIGNALS) process.on(signal, onSignal);
  });
  await writeOut(io.stdout, startedBanner(sandbox.url, sandbox.router.serviceNames, stateDir));
  const signal = await stopped;
  for (const other of STOP_SIGNALS) process.off(other, onSignal);
  await sandbox.stop();
  await writeOut(io.stdout, `\nStopped (${signal}); state saved in ${stateDir}.\n`);
  return 0;
}

function startedBanner(url: string, services: readonly string[], stateDir: string): string {
  return [
    `Sandbox running at ${url}  (services: ${services.join(', ')})`,
    `State is kept in ${stateDir} (lab run and lab cleanup use the same one by default).`,
    '',
    'Point the AWS CLI at it (any credentials work):',
    `  aws --endpoint-url ${url} sts get-caller-identity`,
    'or every AWS CLI and SDK call in this shell:',
    `  export AWS_ENDPOINT_URL=${url} AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=us-east-1`,
    'and lab itself:',
    `  lab run week4-fri --endpoint-url ${url}`,
    '',
    'Ctrl-C stops it.',
    '',
  ].join('\n');
}

export async function status(options: SandboxCommandOptions, _args: string[], io: CommandIo): Promise<number> {
  const port = parsePort(options.port);
  if (port === undefined || port === 0) return usage(io, `lab sandbox status: --port must be a whole number from 1 to 65535, not '${String(options.port)}'`);
  const { askSandbox, HEALTH_PATH } = await import('../../sandbox/control.js');
  const url = `http://127.0.0.1:${port}`;
  const health = await askSandbox(url, HEALTH_PATH);
  if (health === undefined) {
    await writeOut(io.stdout, `No sandbox is answering at ${url}. Start one with: lab sandbox start --port ${port}\n`);
    return 1;
  }
  const services = Array.isArray(health.services) ? health.services.join(', ') : '?';
  await writeOut(io.stdout, `Sandbox running at ${url}  (services: ${services}; up ${formatUptime(Number(health.uptimeSeconds))})\n`);
  return 0;
}

export async function reset(options: SandboxCommandOptions, _args: string[], io: CommandIo): Promise<number> {
  const port = parsePort(options.port);
  if (port === undefined || port === 0) return usage(io, `lab sandbox reset: --port must be a whole number from 1 to 65535, not '${String(options.port)}'`);
  const stateDir = await stateDirOf(options, io);
  const { askSandbox, RESET_PATH } = await import('../../sandbox/control.js');
  const url = `http://127.0.0.1:${port}`;
  const answered = await askSandbox(url, RESET_PATH, { method: 'POST' });
  const lines: string[] = [];
  if (answered !== undefined) lines.push(`Reset the sandbox running at ${url}.`);
  const { clearState } = await import('../../sandbox/state-store.js');
  const { createServices } = await import('../../sandbox/services/index.js');
  const removed = await clearState(stateDir, await createServices());
  lines.push(removed.length === 0 ? `No saved state in ${stateDir}.` : `Removed ${removed.length} saved state file(s) from ${stateDir}.`);
  if (answered === undefined && removed.length === 0) {
    await writeOut(io.stdout, `No sandbox is answering at ${url}, and ${stateDir} holds no saved state: nothing to reset.\n`);
    return 1;
  }
  await writeOut(io.stdout, `${lines.join('\n')}\n`);
  return 0;
}

/**
 * The running sandbox's mailbox, else the one a stopped sandbox saved in the state dir,
 * printed as the emails (and texts) AWS sends, oldest first, or as JSON with --json.
 */
export async function inbox(options: SandboxCommandOptions, _args: string[], io: CommandIo): Promise<number> {
  const port = parsePort(options.port);
  if (port === undefined || port === 0) return usage(io, `lab sandbox inbox: --port must be a whole number from 1 to 65535, not '${String(options.port)}'`);
  const { inboxMessagesOf, formatInboxMessage } = await import('../../sandbox/inbox.js');
  const { askSandbox, INBOX_PATH } = await import('../../sandbox/control.js');
  const url = `http://127.0.0.1:${port}`;
  let messages = inboxMessagesOf(await askSandbox(url, INBOX_PATH));
  let source = `the sandbox running at ${url}`;
  if (messages === undefined) {
    const stateDir = await stateDirOf(options, io);
    messages = await savedMailbox(stateDir);
    if (messages === undefined) {
      await writeOut(io.stdout, `No sandbox is answering at ${url}, and ${stateDir} holds no saved mailbox. Start one with: lab sandbox start --port ${port}\n`);
      return 1;
    }
    source = `the state a stopped sandbox saved in ${stateDir}`;
  }
  if (options.json === true) {
    await writeOut(io.stdout, `${JSON.stringify({ messages }, null, 2)}\n`);
    return 0;
  }
  if (messages.length === 0) {
    await writeOut(io.stdout, `The mailbox of ${source} is empty. Subscribe an email address to a topic and its confirmation arrives here:\n  aws --endpoint-url ${url} sns subscribe --topic-arn <topic arn> --protocol email --notification-endpoint you@example.com\n`);
    return 0;
  }
  const rule = `${'-'.repeat(72)}\n`;
  // A confirmation email holds its token inside a link; the command that uses it is spelled out.
  const confirmHint = (message: InboxMessage): string => message.kind !== 'confirmation' || message.token === undefined ? '' :
    `\n[lab] Confirm this subscription from the command line (as clicking the link does):\n  aws --endpoint-url ${url} sns confirm-subscription --topic-arn ${message.topicArn} --token ${message.token}\n`;
  const shown = messages.map((message) => `${rule}${formatInboxMessage(message)}${confirmHint(message)}`).join('\n');
  await writeOut(io.stdout, `${messages.length} message(s) from ${source}, oldest first:\n\n${shown}`);
  return 0;
}

/** The mailbox in `<stateDir>/sns.json`, or undefined when no state was saved there. */
async function savedMailbox(stateDir: string): Promise<InboxMessage[] | undefined> {
  const { readFile } = await import('node:fs/promises');
  const { join } = await import('node:path');
  let text: string;
  try {
    text = await readFile(join(stateDir, 'sns.json'), 'utf8');
  } catch {
    return undefined;
  }
  const { mailboxOfSavedState } = await import('../../sandbox/services/sns/mailbox.js');
  try {
    return mailboxOfSavedState(JSON.parse(text));
  } catch {
    return undefined;
  }
}

/** --state-dir, else the directory `lab run` keeps the default sandbox's state in, so both see one world. */
async function stateDirOf(options: SandboxCommandOptions, io: CommandIo): Promise<string> {
  if (typeof options.stateDir === 'string') return options.stateDir;
  const { defaultSandboxStateDir } = await import('../../ledger/paths.js');
  return defaultSandboxStateDir(io.env);
}

function parsePort(value: unknown): number | undefined {
  if (value === undefined) return SANDBOX_DEFAULT_PORT;
  const text = String(value);
  if (!/^\d{1,5}$/.test(text)) return undefined;
  const port = Number(text);
  return port <= 65535 ? port : undefined;
}

async function usage(io: CommandIo, message: string): Promise<number> {
  await writeOut(io.stderr, `${message}\n`);
  return EXIT_USAGE;
}

/** The sandbox's control document, or undefined when nothing (or not a sandbox) answers. */
function formatUptime(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  if (seconds < 60) return `${Math.floor(seconds)}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m ${Math.floor(seconds % 60)}s`;
  return `${Math.floor(seconds / 3600)}h ${Math.floor((seconds % 3600) / 60)}m`;
}

/** `lab sandbox env`: export lines for a POSIX shell, so `eval "$(lab sandbox env)"` points aws and the SDKs at the sandbox. */
export async function env(options: SandboxCommandOptions, _args: string[], io: CommandIo): Promise<number> {
  const port = parsePort(options.port);
  if (port === undefined || port === 0) return usage(io, `lab sandbox env: --port must be a whole number from 1 to 65535, not '${String(options.port)}'`);
  const { SANDBOX_DEFAULT_REGION } = await import('../../sandbox/constants.js');
  // The sandbox takes any credentials; these say so, as the start banner's do.
  const exports = { AWS_ENDPOINT_URL: `http://127.0.0.1:${port}`, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_REGION: SANDBOX_DEFAULT_REGION };
  await writeOut(io.stdout, Object.entries(exports).map(([name, value]) => `export ${name}=${value}\n`).join(''));
  return 0;
}
