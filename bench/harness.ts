/**
 * The benchmark harness: an entry measures something of lab's beside the same thing done
 * by a reference (usually the AWS CLI), and the harness prints figures and ratios.
 * Entries assert nothing; a goal is reported as met or missed.
 */
import { median, percentile } from '../src/bench/percentiles.js';

export interface Comparison {
  /** What was measured, e.g. `yaml` or `cold start`. */
  figure: string;
  /** Seconds, one per run. */
  lab: number[];
  /** The same measure of the reference, when it could be taken. */
  reference?: number[];
  goal?: { text: string; met: boolean };
  /** Anything the figures alone do not say (e.g. whether the outputs were identical). */
  note?: string;
}

export interface EntryReport {
  /** What lab is compared with, or why nothing is. */
  reference: string;
  comparisons: Comparison[];
  notes?: string[];
}

export interface BenchEntry {
  name: string;
  about: string;
  run: () => Promise<EntryReport>;
}

/** Entries whose name contains any of the filters; all of them without filters. */
export function selectEntries(entries: BenchEntry[], filters: string[]): BenchEntry[] {
  if (filters.length === 0) return entries;
  return entries.filter((entry) => filters.some((filter) => entry.name.includes(filter)));
}

export function formatReport(entry: BenchEntry, report: EntryReport): string {
  const header = ['figure', 'runs', 'lab median', 'lab p90', 'lab best', 'ref median', 'ref best', 'lab/ref', 'goal'];
  const rows = report.comparisons.map((comparison) => {
    const reference = comparison.reference;
    const ratio = reference ? median(comparison.lab) / median(reference) : undefined;
    return [
      comparison.figure,
      reference ? `${comparison.lab.length}/${reference.length}` : String(comparison.lab.length),
      seconds(median(comparison.lab)),
      seconds(percentile(comparison.lab, 90)),
      seconds(Math.min(...comparison.lab)),
      reference ? seconds(median(reference)) : '-',
      reference ? seconds(Math.min(...reference)) : '-',
      ratio === undefined ? '-' : describeRatio(ratio),
      comparison.goal ? (comparison.goal.met ? 'met' : 'MISSED') : '',
    ];
  });
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]): string => '  ' + cells.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd();
  const out = [`${entry.name}: ${entry.about}`, `  reference: ${report.reference}`, line(header), ...rows.map(line)];
  for (const [text, outcomes] of goalOutcomes(report.comparisons)) {
    const missed = outcomes.filter((outcome) => !outcome.met).map((outcome) => outcome.figure);
    out.push(`  goal: ${text}: ${missed.length === 0 ? 'met' : `MISSED for ${missed.join(', ')}`}`);
  }
  for (const comparison of report.comparisons) {
    if (comparison.note) out.push(`  note (${comparison.figure}): ${comparison.note}`);
  }
  for (const note of report.notes ?? []) out.push(`  note: ${note}`);
  return out.join('\n') + '\n';
}

/** Rows sharing a goal are reported once, with the figures that missed it. */
function goalOutcomes(comparisons: Comparison[]): Map<string, { figure: string; met: boolean }[]> {
  const outcomes = new Map<string, { figure: string; met: boolean }[]>();
  for (const { figure, goal } of comparisons) {
    if (goal) outcomes.set(goal.text, [...(outcomes.get(goal.text) ?? []), { figure, met: goal.met }]);
  }
  return outcomes;
}

export function seconds(value: number): string {
  if (value >= 1) return `${value.toFixed(2)} s`;
  if (value >= 0.001) return `${(value * 1000).toFixed(1)} ms`;
  return `${(value * 1e6).toFixed(0)} µs`;
}

/** Below 1 lab takes less time than the reference; the factor says by how much. */
function describeRatio(ratio: number): string {
  if (ratio < 1) return `${ratio.toFixed(2)} (${(1 / ratio).toFixed(1)}x faster)`;
  return `${ratio.toFixed(2)} (${ratio.toFixed(1)}x slower)`;
}
