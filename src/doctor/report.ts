/**
 * How lab doctor shows its findings: a table for people by default, or, with an explicit
 * --output, a document in AWS's own casing that any output mode and --query can print.
 */
import Table from 'cli-table3';
import type { Json } from '../output/value.js';
import { failedRequired, type CheckResult, type CheckStatus } from './check.js';

const STATUS_COLOURS: Record<CheckStatus, string> = { ok: '\u001b[32m', warn: '\u001b[33m', fail: '\u001b[31m' };
const RESET = '\u001b[0m';
const BOLD = '\u001b[1m';

export function checksDocument(results: CheckResult[]): Json {
  return {
    Checks: results.map((result) => ({
      Name: result.name,
      Status: result.status,
      Required: result.required,
      Detail: result.detail,
      ...(result.fix === undefined ? {} : { Fix: result.fix }),
    })),
    Ready: failedRequired(results).length === 0,
  };
}

/** The checks as a table, then each fix in full (commands stay copyable, never wrapped), then the verdict. */
export function formatChecksReport(results: CheckResult[], settings: { columns: number; color: boolean }): string {
  const paint = (code: string, text: string): string => (settings.color ? `${code}${text}${RESET}` : text);
  const names = results.map((result) => result.name + (result.required ? '' : '*'));
  const nameWidth = Math.max('Check'.length, ...names.map((name) => name.length)) + 2;
  const statusWidth = 'Status'.length + 2;
  // Four border characters frame three columns.
  const detailWidth = Math.max(20, settings.columns - nameWidth - statusWidth - 4);
  const table = new Table({
    head: ['Check', 'Status', 'Detail'].map((title) => paint(BOLD, title)),
    colWidths: [nameWidth, statusWidth, detailWidth],
    wordWrap: true,
    style: { head: [], border: [], compact: true },
  });
  results.forEach((result, index) => table.push([names[index]!, paint(STATUS_COLOURS[result.status], result.status), result.detail]));
  const lines = [table.toString()];
  if (results.some((result) => !result.required)) lines.push('* optional: only some labs need it');
  const fixes = results.filter((result) => result.fix !== undefined && result.status !== 'ok');
  for (const result of fixes) lines.push('', `${paint(STATUS_COLOURS[result.status], result.name)}: to fix,`, indent(result.fix!));
  lines.push('', verdict(results, paint));
  return lines.join('\n') + '\n';
}

function verdict(results: CheckResult[], paint: (code: string, text: string) => string): string {
  const failed = failedRequired(results).length;
  if (failed > 0) return paint(STATUS_COLOURS.fail, `Not ready: ${failed} required check${failed === 1 ? '' : 's'} failed.`);
  const warnings = results.filter((result) => result.status !== 'ok').length;
  return paint(STATUS_COLOURS.ok, `Ready${warnings > 0 ? ` (${warnings} warning${warnings === 1 ? '' : 's'})` : ''}.`);
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}
