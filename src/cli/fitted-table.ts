/**
 * lab's own tables (list, status, cleanup) for people: as wide as the terminal ($COLUMNS,
 * then the terminal, then 80) and no wider, long columns wrapped on word boundaries. The
 * AWS CLI's table format (`--output table`) never wraps, which is right for AWS responses
 * a learner compares with the CLI's, and wrong for lab's own reports.
 */
import Table from 'cli-table3';

export type Cell = string | number | boolean;

const BOLD = '\u001b[1m';
const RESET = '\u001b[0m';
/** Padding inside a cell (one space a side) and the border after it. */
const CELL_FRAME = 3;
const NARROWEST = 6;

export function fittedTable(headings: readonly string[], rows: ReadonlyArray<readonly Cell[]>, settings: { columns: number; color: boolean }): string {
  const cells = (column: number) => [headings[column]!, ...rows.map((row) => String(row[column] ?? ''))];
  const natural = headings.map((_, column) => Math.max(...cells(column).map((text) => text.length)));
  const longestWord = headings.map((_, column) => Math.max(...cells(column).flatMap((text) => text.split(/\s+/).map((word) => word.length))));
  const widths = fit(natural, longestWord, settings.columns - 1 - CELL_FRAME * headings.length);
  const table = new Table({
    head: headings.map((heading, column) => bold(wrapCell(heading, widths[column]!), settings.color)),
    colWidths: widths.map((width) => width + CELL_FRAME - 1),
    style: { head: [], border: [], compact: true },
  });
  // Wrapped here rather than by cli-table3, which cuts a word longer than its column short with '…': an id must stay whole.
  for (const row of rows) table.push(row.map((cell, column) => wrapCell(String(cell), widths[column]!)));
  return `${table.toString()}\n`;
}

/**
 * Each column gets at least its longest word (ids and counts stay whole), and the room left
 * goes to the columns in proportion to what they lack, so long prose takes most of it.
 */
function fit(natural: readonly number[], longestWord: readonly number[], available: number): number[] {
  if (total(natural) <= available) return [...natural];
  const wordWidths = natural.map((width, column) => Math.min(width, Math.max(NARROWEST, longestWord[column]!)));
  if (total(wordWidths) <= available) return share(wordWidths, natural, available);
  // Where even the longest words do not fit side by side, some break: the shortest are kept whole first, and an id
  // over two lines beats a table off the screen.
  const widths = natural.map((width) => Math.min(width, NARROWEST));
  let room = available - total(widths);
  for (const column of wordWidths.map((_, index) => index).sort((a, b) => wordWidths[a]! - wordWidths[b]!)) {
    const grant = Math.max(0, Math.min(wordWidths[column]! - widths[column]!, room));
    widths[column]! += grant;
    room -= grant;
  }
  return widths;
}

/** From `least` towards `wanted`, the room left shared in proportion to what each column lacks. */
function share(least: readonly number[], wanted: readonly number[], available: number): number[] {
  const room = Math.max(0, available - total(least));
  const lacking = wanted.map((width, column) => width - least[column]!);
  const allLacking = total(lacking);
  return least.map((width, column) => width + (allLacking === 0 ? 0 : Math.floor((room * lacking[column]!) / allLacking)));
}

/** Lines of at most `width`: broken between words, and inside a word only when it is longer than the line. */
function wrapCell(text: string, width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((part) => part !== '')) {
    let rest = word;
    if (line !== '' && line.length + 1 + rest.length <= width) {
      line = `${line} ${rest}`;
      continue;
    }
    if (line !== '') lines.push(line);
    while (rest.length > width) {
      lines.push(rest.slice(0, width));
      rest = rest.slice(width);
    }
    line = rest;
  }
  lines.push(line);
  return lines.join('\n');
}

function bold(text: string, color: boolean): string {
  return color ? text.split('\n').map((line) => `${BOLD}${line}${RESET}`).join('\n') : text;
}

function total(widths: readonly number[]): number {
  return widths.reduce((sum, width) => sum + width, 0);
}
