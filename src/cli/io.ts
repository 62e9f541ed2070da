/**
 * What a command may touch of the outside world, handed in rather than reached for, so
 * every command runs the same under a terminal, a pipe or a test.
 */
import type { Readable, Writable } from 'node:stream';
import { stdoutTerminal, type Terminal } from './global-options.js';

export interface CommandIo {
  stdin: Readable & { isTTY?: boolean };
  stdout: Writable;
  stderr: Writable;
  env: NodeJS.ProcessEnv;
  terminal: Terminal;
}

export function processIo(): CommandIo {
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env, terminal: stdoutTerminal() };
}

/** Bad flags or arguments, as the AWS CLI numbers them. */
export const EXIT_USAGE = 252;

export async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** Resolves once `text` has been handed to the stream, so an exit after it loses nothing. */
export function writeOut(stream: Writable, text: string): Promise<void> {
  if (text === '') return Promise.resolve();
  return new Promise((resolve, reject) => stream.write(text, (error) => (error ? reject(error) : resolve())));
}
