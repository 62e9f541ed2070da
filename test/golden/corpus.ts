/**
 * The golden corpus as the tests read it: the cases generate.py expanded from cases.json,
 * each with what AWS CLI v2 printed for it, and the `lab format` command line that must
 * print the same.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OutputMode } from '../../src/output/modes.js';

/** The repository root: this file compiles to dist/test/golden/, three levels below it. */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const goldenDir = join(repoRoot, 'test', 'golden');
export const expectedDir = join(goldenDir, 'expected');
export const labBin = join(repoRoot, 'bin', 'lab.js');

export interface GoldenCase {
  id: string;
  /** A file in test/golden/documents/. */
  document: string;
  /** The table title, as the CLI takes it from the operation name. */
  operation: string;
  output: OutputMode;
  /** The terminal width the table is laid out for. */
  columns: number;
  query?: string;
  /** What the CLI printed: stdout is in `<id>.out` beside the manifest. */
  exitCode: number;
  stderr: string;
}

export interface Outcome {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export function readManifest(dir = expectedDir): GoldenCase[] {
  return JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as GoldenCase[];
}

/** What the CLI printed for the case, read from a corpus directory. */
export function expectedOutcome(goldenCase: GoldenCase, dir = expectedDir): Outcome {
  return {
    stdout: readFileSync(join(dir, `${goldenCase.id}.out`), 'utf8'),
    stderr: goldenCase.stderr,
    exitCode: goldenCase.exitCode,
  };
}

const documents = new Map<string, string>();

export function documentText(name: string): string {
  let text = documents.get(name);
  if (text === undefined) {
    text = readFileSync(join(goldenDir, 'documents', name), 'utf8');
    documents.set(name, text);
  }
  return text;
}

/** `lab format` arguments for the case; the width travels in $COLUMNS. */
export function labFormatArgs(goldenCase: GoldenCase): string[] {
  const query = goldenCase.query === undefined ? [] : ['--query', goldenCase.query];
  return ['format', '--operation', goldenCase.operation, '--output', goldenCase.output, ...query];
}

/** The environment a `lab` child process gets: nothing from the caller's shell that could change its output. */
export function labEnv(columns: number | undefined): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/tmp',
    ...(columns === undefined ? {} : { COLUMNS: String(columns) }),
  };
}
