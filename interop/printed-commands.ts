/**
 * Every `aws ...` command a lab prints must do what the lab's own SDK call did, run as
 * printed: the files a command names are where it says (the lab wrote them). The lab
 * runs against one sandbox that records each call as its handler receives it; then each
 * printed command is run by the real AWS CLI v2 against a second, empty sandbox that
 * records the same way (its handlers may refuse ids that exist only in the first: the
 * request is recorded before that). The two recordings must name the same operations with
 * the same parameters.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { before, test } from 'node:test';
import { xformName } from '../src/aws/cli-equivalent.js';
import type { ObservedCall } from '../src/sandbox/router.js';
import { startSandbox } from '../src/sandbox/server.js';
import { lab } from '../test/support/lab-process.js';
import { awsCliAsync, requireAwsCli } from './aws-cli.js';

/**
 * Registers, in the calling test file, one test per lab: the lab runs against a recording
 * sandbox and each command it prints is replayed by the AWS CLI against a second one.
 * `atLeast`: how many commands the lab prints at least (fewer means the parsing broke).
 */
export function replayPrintedCommands(labs: ReadonlyArray<[labId: string, atLeast: number]>): void {
  before(() => requireAwsCli());
  for (const [labId, atLeast] of labs) {
    test(`every aws command ${labId} prints sends what the lab sent`, async () => {
      const labCalls: ObservedCall[] = [];
      const cliCalls: ObservedCall[] = [];
      const labSandbox = await startSandbox({ port: 0, observe: (call) => labCalls.push(call) });
      const cliSandbox = await startSandbox({ port: 0, observe: (call) => cliCalls.push(call) });
      try {
        const workDir = await mkdtemp(join(tmpdir(), 'lab-printed-'));
        const run = await lab(['run', labId, '--yes', '--endpoint-url', labSandbox.url], { LAB_CONFIG_DIR: workDir });
        assert.equal(run.code, 0, run.stdout + run.stderr);
        const commands = printedCommands(run.stdout);
        assert.ok(commands.length >= atLeast, `only ${commands.length} commands were printed`);
        await replay(commands, labCalls, cliCalls, cliSandbox.url, workDir);
      } finally {
        await labSandbox.stop();
        await cliSandbox.stop();
      }
    });
  }
}

/** Runs each printed command with the AWS CLI and finds, in order, the lab call that sent the same operation and parameters. */
async function replay(commands: string[][], labCalls: ObservedCall[], cliCalls: ObservedCall[], cliUrl: string, workDir: string): Promise<void> {
  let next = 0;
  for (const argv of commands) {
    const candidates = labCalls.map((call, position) => ({ call, position })).filter(({ call, position }) => position >= next && xformName(call.operation) === argv[1]);
    assert.ok(candidates.length > 0, `the lab printed 'aws ${argv.join(' ')}' but made no such call`);
    await checkNamedFiles(argv, candidates[0]!.call.input as Record<string, unknown>, workDir);
    const before = cliCalls.length;
    const result = await awsCliAsync(withEndpoint(argv, cliUrl), { cwd: workDir });
    assert.ok(cliCalls.length > before, `the AWS CLI sent nothing for 'aws ${argv.join(' ')}':\n${result.stderr}`);
    const received = cliCalls[before]!;
    // A waiter repeats its call, so the lab call this command stands for is the next one with the same parameters.
    const match = candidates.find(({ call }) => call.operation === received.operation && isDeepStrictEqual(comparable(received.input, call.input), comparable(call.input, call.input)));
    assert.ok(match, `'aws ${argv.join(' ')}' sent ${received.operation} ${JSON.stringify(comparable(received.input, candidates[0]!.call.input))}, which the lab never sent; the lab sent ${JSON.stringify(comparable(candidates[0]!.call.input, candidates[0]!.call.input))}`);
    next = match.position + 1;
  }
}

/**
 * The files a command names (`--body <path>`, `file://<path>`, `fileb://<path>`): the lab
 * writes them where the command says, so each must exist and hold what the lab sent (the
 * CLI then sends it, which the replay compares). A plain name is one the lab leaves to the
 * learner: it is written here from what the lab sent.
 */
async function checkNamedFiles(argv: string[], input: Record<string, unknown>, workDir: string): Promise<void> {
  for (const [position, word] of argv.entries()) {
    const value = memberOf(input, argv[position - 1] ?? '');
    const path = /^fileb?:\/\//.test(word) ? word.replace(/^fileb?:\/\//, '') : value instanceof Uint8Array ? word : undefined;
    if (path === undefined || value === undefined) continue;
    if (isAbsolute(path)) assert.ok((await readFile(path)).length > 0, `${path}, named by 'aws ${argv.join(' ')}', is empty`);
    else await writeFile(join(workDir, path), value instanceof Uint8Array ? value : JSON.stringify(value));
  }
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
      const end = text.indexOf(char, i + 1);
      if (end < 0) return undefined;
      word = (word ?? '') + text.slice(i + 1, end);
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

function withEndpoint(argv: string[], url: string): string[] {
  const args = [...argv];
  args[args.indexOf('--endpoint-url') + 1] = url;
  return args;
}

/** The input member a flag names, whatever its case in the API (`--body` is `Body`, `--log-events` is Logs' `logEvents`). */
function memberOf(input: Record<string, unknown>, flag: string): unknown {
  const wanted = flag.replace(/^--/, '').replace(/-/g, '').toLowerCase();
  const key = Object.keys(input).find((candidate) => candidate.toLowerCase() === wanted);
  return key === undefined ? undefined : input[key];
}

/**
 * The parameters that say what a call does, for comparison: the members the lab sent, as
 * plain JSON. Client tokens differ by design (the CLI makes its own) and checksums are
 * transport integrity, which the SDK computes and this older CLI does not.
 */
function comparable(input: unknown, shape: unknown): unknown {
  const plain = JSON.parse(JSON.stringify(input, (_key, value: unknown) => (value instanceof Uint8Array || isBufferJson(value) ? Buffer.from(value as Uint8Array).toString('utf8') : value)));
  const keys = Object.keys(shape as object).filter((key) => key.toLowerCase() !== 'clienttoken' && !key.startsWith('Checksum') && key !== 'ContentMD5');
  return Object.fromEntries(keys.map((key) => [key, plain[key]]));
}

function isBufferJson(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { type?: string }).type === 'Buffer';
}
