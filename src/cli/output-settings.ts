/** The output settings every command that prints AWS responses shares, resolved once. */
import { CompiledQuery } from '../output/query.js';
import type { OutputSettings } from '../output/render.js';
import { formatChosen, resolveColor, resolveColumns, resolveOutputMode, type GlobalOptions } from './global-options.js';
import type { CommandIo } from './io.js';

export function outputSettings(options: GlobalOptions, io: CommandIo, fallback?: OutputSettings['output']): OutputSettings {
  const explicit = options.output ?? (io.env.AWS_DEFAULT_OUTPUT ? resolveOutputMode(options, io.env) : undefined);
  return {
    output: explicit ?? fallback ?? resolveOutputMode(options, io.env),
    // main.ts has already refused a --query that does not parse.
    ...(options.query === undefined ? {} : { query: CompiledQuery.compile(options.query) }),
    columns: resolveColumns(io.terminal, io.env),
    color: resolveColor(options.color, io.terminal, io.env),
  };
}

/**
 * Whether lab's own report (list, status, cleanup) is for a person at a terminal: nothing
 * chose a format (no --output, --query or AWS_DEFAULT_OUTPUT), so it is a fitted table
 * rather than a document in the CLI's format.
 */
export function forPeople(options: GlobalOptions, io: CommandIo): boolean {
  return !formatChosen(options) && !io.env.AWS_DEFAULT_OUTPUT;
}
