/** Where a command's sentences go beside the document it prints. */
import type { Writable } from 'node:stream';
import type { OutputSettings } from '../output/render.js';
import type { CommandIo } from './io.js';

/**
 * Beside a table, sentences read as part of the answer, on stdout. With json, yaml or text,
 * stdout carries one document a program parses (`json.load` fails on "Extra data"), so they
 * go to stderr, as the AWS CLI and gh keep notes out of machine output.
 */
export function proseStream(settings: OutputSettings, io: CommandIo): Writable {
  return settings.output === 'table' ? io.stdout : io.stderr;
}
