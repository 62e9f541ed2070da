/**
 * The output pipeline, as the AWS CLI runs it: drop the request metadata, apply the
 * query once, hand the result to the one formatter the mode names.
 */
import { FormatError } from './format-error.js';
import { formatJson } from './json.js';
import { JsonSyntaxError, parseJsonDocument } from './parse-json.js';
import { CompiledQuery, QueryRuntimeError, QuerySyntaxError } from './query.js';
import { formatTable } from './table.js';
import { formatText } from './text.js';
import { doc, isObject, withoutKey, type Doc } from './value.js';
import { formatYaml, formatYamlStream } from './yaml.js';

import type { OutputMode } from './modes.js';

export { OUTPUT_MODES, type OutputMode } from './modes.js';

export interface OutputSettings {
  output: OutputMode;
  query?: CompiledQuery;
  /** Terminal width for tables. */
  columns: number;
  /** ANSI colours in tables. */
  color: boolean;
}

/** The CLI's exit codes for the two ways a query fails. */
export const EXIT_BAD_QUERY = 252;
export const EXIT_QUERY_FAILED = 255;

/**
 * Formats one response document; throws QueryRuntimeError when the query fails on it and
 * FormatError where the CLI's own formatter would fail.
 */
export function renderDocument(document: Doc, operation: string, settings: OutputSettings): string {
  const response = withoutRequestMetadata(document);
  const result = settings.query ? settings.query.searchDocument(response) : response;
  switch (settings.output) {
    case 'json':
      return formatJson(result);
    case 'yaml':
      return formatYaml(result);
    case 'yaml-stream':
      return formatYamlStream(result);
    case 'text':
      return formatText(result);
    case 'table':
      return formatTable(result, { title: operation, columns: settings.columns, color: settings.color });
  }
}

/** The CLI shows `ResponseMetadata` only beside `Errors`, where the request id helps. */
function withoutRequestMetadata(document: Doc): Doc {
  const value = document.value;
  if (!isObject(value) || !('ResponseMetadata' in value) || 'Errors' in value) return document;
  return doc(withoutKey(value, 'ResponseMetadata'));
}

export interface RenderRequest {
  /** A JSON document, as text. */
  input: string;
  output: OutputMode;
  query?: string;
  operation: string;
  columns: number;
  color: boolean;
}

export interface RenderResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** `lab format`: one JSON text in, what the AWS CLI would print out, with its exit code. */
export function renderJsonText(request: RenderRequest): RenderResult {
  let query: CompiledQuery | undefined;
  try {
    query = request.query === undefined ? undefined : CompiledQuery.compile(request.query);
  } catch (error) {
    if (error instanceof QuerySyntaxError) return { stdout: '', stderr: `\n${error.message}\n`, exitCode: EXIT_BAD_QUERY };
    throw error;
  }
  let document: Doc;
  try {
    document = parseJsonDocument(request.input);
  } catch (error) {
    if (error instanceof JsonSyntaxError) {
      return { stdout: '', stderr: `lab format: standard input is not valid JSON: ${error.message}\n`, exitCode: 1 };
    }
    throw error;
  }
  try {
    const stdout = renderDocument(document, request.operation, {
      output: request.output,
      columns: request.columns,
      color: request.color,
      ...(query ? { query } : {}),
    });
    return { stdout, stderr: '', exitCode: 0 };
  } catch (error) {
    // The CLI streams its output, so what a formatter wrote before failing is still printed.
    if (error instanceof FormatError) return { stdout: error.partialOutput, stderr: `\n${error.message}\n`, exitCode: EXIT_QUERY_FAILED };
    if (error instanceof QueryRuntimeError) return { stdout: '', stderr: `\n${error.message}\n`, exitCode: EXIT_QUERY_FAILED };
    throw error;
  }
}
