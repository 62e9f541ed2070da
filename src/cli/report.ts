/**
 * lab's own reports (list, status, cleanup's plan and results): a list of flat rows under
 * one member. For a person (no format chosen) they are a table fitted to the terminal; with
 * a chosen --output or --query, a document printed exactly as the CLI prints one.
 */
import type { OutputSettings } from '../output/render.js';
import { renderDocument } from '../output/render.js';
import { doc } from '../output/value.js';
import { fittedTable, type Cell } from './fitted-table.js';

export interface Report {
  /** The document's one member: `Resources`, `Plan`. */
  member: string;
  /** The CLI table's title (`ListLabs`), and for people the line above the table unless `caption` says otherwise. */
  title: string;
  /** For people: the line above the table; `''` for none. */
  caption?: string;
  rows: ReadonlyArray<Record<string, Cell>>;
  /** For people: shorter names of some columns (`EstimatedCostUsd` -> `USD so far`). */
  headings?: Readonly<Record<string, string>>;
}

export function renderReport(report: Report, settings: OutputSettings, forPeople: boolean): string {
  if (!forPeople) return renderDocument(doc({ [report.member]: report.rows.map((row) => ({ ...row })) }), report.title, settings);
  const keys = Object.keys(report.rows[0] ?? {});
  const table = fittedTable(keys.map((key) => report.headings?.[key] ?? key), report.rows.map((row) => keys.map((key) => row[key]!)), settings);
  const caption = report.caption ?? report.title;
  return caption === '' ? table : `${caption}:\n${table}`;
}
