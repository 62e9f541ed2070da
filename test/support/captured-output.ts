/** Output streams a test hands to code under test, and what was written to them so far. */
import { PassThrough } from 'node:stream';

export interface CapturedOutput {
  stdout: PassThrough;
  stderr: PassThrough;
  out(): string;
  err(): string;
}

export function capturedOutput(): CapturedOutput {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return { stdout, stderr, out: () => out, err: () => err };
}
