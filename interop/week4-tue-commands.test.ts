/**
 * Every `aws ...` command week4-tue prints must do what the lab's own SDK call did, as
 * printed-commands.test.ts checks for week4-fri: the lab runs against one recording
 * sandbox, each printed command is run by the real AWS CLI v2 against a second one, and
 * the two recordings must name the same operations with the same parameters. The members
 * the lab prints as `file://` (log events, metric data) are written from what the lab sent,
 * in the JSON the CLI reads.
 */
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { after, before, test } from 'node:test';
import { xformName } from '../src/aws/cli-equivalent.js';
import type { ObservedCall } from '../src/sandbox/router.js';
import { startSandbox, type RunningSandbox } from '../src/sandbox/server.js';
import { lab } from '../test/support/lab-process.js';
import { awsCliAsync, requireAwsCli } from './aws-cli.js';

let labSandbox: RunningSandbox;
let cliSandbox: RunningSandbox;
const labCalls: ObservedCall[] = [];
const cliCalls: ObservedCall[] = [];

before(async () => {
  requireAwsCli();
  labSandbox = await startSandbox({ port: 0, observe: (call) => labCalls.push(call) });
  cliSandbox = await startSandbox({ port: 0, observe: (call) => cliCalls.push(call) });
});

after(async () => {
  await labSandbox.stop();
  await cliSandbox.stop();
});

test('every aws command week4-tue prints sends what the lab sent', async () => {
  const workDir = await mkdtemp(join(tmpdir(), 'lab-week4-tue-printed-'));
  const run = await lab(['run', 'week4-tue', '--yes', '--endpoint-url', labSandbox.url], { LAB_CONFIG_DIR: workDir });
  assert.equal(run.code, 0, run.stdout + run.stderr);
  const commands = printedCommands(run.stdout);
  assert.ok(commands.length >= 40, `only ${commands.length} commands were printed`);

  let next = 0;
  for (const argv of commands) {
    const candidates = labCalls.map((call, position) => ({ call, position })).filter(({ call, position }) => position >= next && xformName(call.operation) === argv[1]);
    assert.ok(candidates.length > 0, `the lab printed 'aws ${argv.join(' ')}' but made no such call`);
    for (const [position, word] of argv.entries()) {
      if (!word.startsWith('file://')) continue;
      const value = memberOf(candidates[0]!.call.input as Record<string, unknown>, argv[position - 1] ?? '');
      await writeFile(join(workDir, word.slice('file://'.length)), JSON.stringify(value));
    }
    const before = cliCalls.length;
    const result = await awsCliAsync(withEndpoint(argv, cliSandbox.url), { cwd: workDir });
    assert.ok(cliCalls.length > before, `the AWS CLI sent nothing for 'aws ${argv.join(' ')}':\n${result.stderr}`);
    const received = cliCalls[before]!;
    const match = candidates.find(({ call }) => call.operation === received.operation && isDeepStrictEqual(comparable(received.input, call.input), comparable(call.input, call.input)));
    assert.ok(match, `'aws ${argv.join(' ')}' sent ${received.operation} ${JSON.stringify(comparable(received.input, candidates[0]!.call.input))}, which the lab never sent; the lab sent ${JSON.stringify(comparable(candidates[0]!.call.input, candidates[0]!.call.input))}`);
    next = match.position + 1;
  }
});

/** The input member a flag names, whatever its case in the API (`--log-events` is Logs' `logEvents`). */
function memberOf(input: Record<string, unknown>, flag: string): unknown {
  const wanted = flag.replace(/^--/, '').replace(/-/g, '').toLowerCase();
  const key = Object.keys(input).find((candidate) => candidate.toLowerCase() === wanted);
  return key === undefined ? undefined : input[key];
}

/** The `$ aws ...` lines of a lab's output, split into words as a POSIX shell would. */
function printedCommands(stdout: string): string[][] {
  const commands: string[][] = [];
  const lines = stdout.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const start = /^\s+\$ aws (.*)$/.exec(lines[i]!);
    if (!start) continue;
    let text = start[1]!;
    let words = shellWords(text);
    while (words === undefined) {
      text += `\n${lines[++i]}`;
      words = shellWords(text);
    }
    commands.push(words);
  }
  return commands;
}

/** Words of a command line in single quotes, double quotes or bare; undefined while a quote is open. */
function shellWords(text: string): string[] | undefined {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (char === "'" || char === '"') {
      const end = char === '"' ? closingDoubleQuote(text, i + 1) : text.indexOf(char, i + 1);
      if (end < 0) return undefined;
      const quoted = text.slice(i + 1, end);
      word = (word ?? '') + (char === '"' ? quoted.replace(/\\(["\\$`])/g, '$1') : quoted);
      i = end;
    } else if (/\s/.test(char)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (char === '#' && word === undefined) {
      break;
    } else word = (word ?? '') + char;
  }
  if (word !== undefined) words.push(word);
  return words;
}

/** Inside double quotes a backslash escapes the next quote. */
function closingDoubleQuote(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i;
  }
  return -1;
}

function withEndpoint(argv: string[], url: string): string[] {
  const args = [...argv];
  args[args.indexOf('--endpoint-url') + 1] = url;
  return args;
}

/**
 * The members the lab sent, as plain JSON (timestamps as ISO text, whichever protocol
 * carried them). Idempotency tokens differ by design: the SDK fills its own, the CLI may not.
 */
function comparable(input: unknown, shape: unknown): unknown {
  const plain = JSON.parse(JSON.stringify(input));
  const keys = Object.keys(shape as object).filter((key) => key.toLowerCase() !== 'clienttoken');
  return Object.fromEntries(keys.map((key) => [key, plain[key]]));
}
