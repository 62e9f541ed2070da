/**
 * One `lab sandbox start` for an interop file, and the AWS CLI pointed at it: the hooks that
 * start and stop it (Ctrl-C, as a learner stops it, must exit 0), and the ways a test runs a
 * command: one that must succeed, read as JSON or as printed, and one the service must
 * refuse with an AWS error code.
 */
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { awsCli, requireAwsCli, type CliResult } from './aws-cli.js';
import { startLabSandbox, type RunningSandbox } from './lab-sandbox.js';

// The CLI's output is untyped JSON, checked field by field by the tests.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type CliJson = any;

export interface CliSession {
  /** The sandbox's URL (after `before` ran). */
  url(): string;
  /** A folder of this file's own, where commands run: files they name go here. */
  workDir(): string;
  aws(...args: string[]): CliResult;
  /** A command that must succeed; its JSON output ({} when it prints nothing). */
  ok(...args: string[]): CliJson;
  /** A command that must succeed, printed in `format`, trimmed. */
  printed(format: 'text' | 'table', ...args: string[]): string;
  /** A command the service must refuse with `code` (the CLI exits 254); AWS's message as the CLI prints it. */
  refused(code: string, ...args: string[]): string;
}

export function cliSession(): CliSession {
  let sandbox: RunningSandbox | undefined;
  let workDir = '';
  before(async () => {
    requireAwsCli();
    sandbox = await startLabSandbox();
    workDir = await mkdtemp(join(tmpdir(), 'lab-interop-'));
  });
  after(async () => {
    if (sandbox) assert.equal(await sandbox.stop(), 0, `lab sandbox start did not stop cleanly on Ctrl-C:\n${sandbox.output()}`);
  });
  const aws = (...args: string[]): CliResult => awsCli(sandbox!.url, args, { cwd: workDir });
  const succeeded = (args: string[]): CliResult => {
    const result = aws(...args);
    assert.equal(result.code, 0, `aws ${args.join(' ')} failed:\n${result.stderr}`);
    return result;
  };
  return {
    url: () => sandbox!.url,
    workDir: () => workDir,
    aws,
    ok: (...args) => {
      const { stdout } = succeeded([...args, '--output', 'json']);
      return stdout.trim() === '' ? {} : JSON.parse(stdout);
    },
    printed: (format, ...args) => succeeded([...args, '--output', format]).stdout.trim(),
    refused: (code, ...args) => {
      const result = aws(...args);
      assert.equal(result.code, 254, `aws ${args.join(' ')} should have failed with ${code}, exit ${result.code}:\n${result.stdout}${result.stderr}`);
      const escaped = code.replace(/\./g, '\\.');
      const printed = new RegExp(`An error occurred \\(${escaped}\\) when calling the \\w+ operation(?: \\(reached max retries: \\d+\\))?: ([\\s\\S]+)`).exec(result.stderr);
      assert.ok(printed, result.stderr);
      return printed[1]!.trim();
    },
  };
}
