/**
 * The drawing half of `--output table`, with the arithmetic of awscli/table.py: sections of
 * rows, every section stretched to the widest one, a section that has a single row turned
 * on its side when the table is wider than the terminal, and nested sections framed by one
 * extra `|` on each side per level.
 */
import { FormatError } from './format-error.js';
import { textWidth } from './table-width.js';

/** One titled block: optional column headers over rows of cells, all already strings. */
export class Section {
  headers: string[] = [];
  readonly rows: string[][] = [];
  /** Each cell's width, kept from when the row was added so the render never measures twice. */
  readonly rowWidths: number[][] = [];
  /** The widest cell or header of each column. */
  maxWidths: number[] = [];
  private columnCount: number | undefined;

  /** `title` is null for the untitled sections of a list inside a list, which still reserve the width of "None". */
  constructor(
    readonly title: string | null,
    readonly indentLevel: number,
  ) {}

  setHeaders(headers: string[]): void {
    this.widen(headers.map(textWidth));
    this.columnCount ??= headers.length;
    this.headers = headers;
  }

  addRow(cells: string[]): void {
    this.columnCount ??= cells.length;
    if (cells.length !== this.columnCount) {
      throw new FormatError(`Row should have ${this.columnCount} elements, instead it has ${cells.length}`);
    }
    const widths = cells.map(textWidth);
    this.rows.push(cells);
    this.rowWidths.push(widths);
    this.widen(widths);
  }

  /** Width of the section drawn unstretched, borders and the indentation of its level included. */
  totalWidth(): number {
    let columns = 2;
    for (const width of this.maxWidths) columns += width + CELL_PADDING;
    const titleWidth = this.title === null ? 'None'.length : textWidth(this.title);
    return 2 * this.indentLevel + Math.max(titleWidth + 2, columns);
  }

  /** Column widths, padding included, scaled so that they add up to exactly `width`. */
  columnWidths(width: number): number[] {
    const unscaled = this.maxWidths.map((max) => max + CELL_PADDING);
    if (unscaled.length === 0) return unscaled;
    const scale = width / unscaled.reduce((sum, column) => sum + column, 0);
    const scaled = unscaled.map((column) => roundHalfEven(scale * column));
    // Rounding leaves the sum a little off: take from the first columns or give to the last.
    let offBy = scaled.reduce((sum, column) => sum + column, 0) - width;
    while (offBy > 0) {
      for (let i = 0; i < scaled.length && offBy > 0; i++, offBy--) scaled[i]!--;
    }
    while (offBy < 0) {
      for (let i = scaled.length - 1; i >= 0 && offBy < 0; i--, offBy++) scaled[i]!++;
    }
    return scaled;
  }

  /** The same section as rows of header and value, for a single-row section too wide to draw across. */
  turnedOnItsSide(): Section {
    const turned = new Section(this.title, this.indentLevel);
    const row = this.rows[0]!;
    const count = Math.min(this.headers.length, row.length);
    for (let i = 0; i < count; i++) turned.addRow([this.headers[i]!, row[i]!]);
    return turned;
  }

  private widen(widths: number[]): void {
    if (this.maxWidths.length === 0) {
      this.maxWidths = [...widths];
      return;
    }
    for (let i = 0; i < widths.length; i++) {
      if (i >= this.maxWidths.length) throw new FormatError('list index out of range');
      if (widths[i]! > this.maxWidths[i]!) this.maxWidths[i] = widths[i]!;
    }
  }
}

const CELL_PADDING = 4;

const RESET = '\x1b[0m';
const ROW_ELEMENT_STYLE = '\x1b[1m\x1b[34m';
const INDENTATION_STYLE = '\x1b[2m\x1b[33m';

export function renderSections(sections: Section[], terminalWidth: number, color: boolean): string {
  let width = tableWidth(sections);
  if (width > terminalWidth) {
    sections = sections.map((section) => (section.rows.length === 1 && section.headers.length > 0 ? section.turnedOnItsSide() : section));
    width = tableWidth(sections);
  }
  const out = new Output(color);
  out.write('-'.repeat(width) + '\n');
  for (const section of sections) renderSection(section, width - 2 * section.indentLevel, out);
  return out.text();
}

function tableWidth(sections: Section[]): number {
  let width = 0;
  for (const section of sections) width = Math.max(width, section.totalWidth());
  return width;
}

function renderSection(section: Section, width: number, out: Output): void {
  const indent = out.indentation(section.indentLevel);
  if (section.title) {
    out.line(indent, centered(section.title, textWidth(section.title), width, '|'));
    if (section.headers.length === 0 && section.rows.length === 0) out.line(indent, `+${dashes(width - 2)}+`);
  }
  const widths = section.columnWidths(width);
  const border = lineBreak(widths);
  if (section.headers.length > 0) {
    out.line(indent, border);
    const count = Math.min(widths.length, section.headers.length);
    let line = '';
    for (let i = 0; i < count; i++) {
      const header = section.headers[i]!;
      line += centered(header, textWidth(header), widths[i]!, i === 0 ? '|' : '');
    }
    out.line(indent, line);
  }
  if (section.rows.length === 0 || widths.length === 0) return;
  out.line(indent, border);
  for (let r = 0; r < section.rows.length; r++) {
    const row = section.rows[r]!;
    const rowWidths = section.rowWidths[r]!;
    const count = Math.min(widths.length, row.length);
    let line = '';
    for (let i = 0; i < count; i++) line += alignedLeft(out.rowElement(row[i]!), rowWidths[i]!, widths[i]!, i === 0 ? '|' : '');
    out.line(indent, line);
  }
  out.line(indent, border);
}

/** `+-----+------+`: the first cell owns both its edges, later cells only their right one. */
function lineBreak(widths: number[]): string {
  let line = '';
  for (let i = 0; i < widths.length; i++) line += i === 0 ? `+${dashes(widths[0]! - 2)}+` : `${dashes(widths[i]! - 1)}+`;
  return line;
}

function centered(text: string, textLength: number, length: number, leftEdge: string): string {
  const start = Math.floor(length / 2) - Math.floor(textLength / 2) - 1;
  const rightSpaces = length - 1 - (leftEdge.length + start + textLength);
  return leftEdge + spaces(start) + text + spaces(rightSpaces) + '|';
}

function alignedLeft(text: string, textLength: number, length: number, leftEdge: string): string {
  // The two-space margin goes only when the text would not fit with it.
  const padding = length - (textLength + 2 + leftEdge.length + 1) >= 0 ? 2 : 0;
  return leftEdge + spaces(padding) + text + spaces(length - (leftEdge.length + padding + textLength) - 1) + '|';
}

// Cells ask for the same few runs of spaces over and over: make each once.
const SPACES = Array.from({ length: 256 }, (_, count) => ' '.repeat(count));

/** Python's `' ' * n`, which is empty for a negative n. */
function spaces(count: number): string {
  if (count <= 0) return '';
  return count < SPACES.length ? SPACES[count]! : ' '.repeat(count);
}

function dashes(count: number): string {
  return count > 0 ? '-'.repeat(count) : '';
}

/** Python 3's `round()`: halves go to the even neighbour. */
function roundHalfEven(value: number): number {
  const floor = Math.floor(value);
  const fraction = value - floor;
  if (fraction !== 0.5) return fraction < 0.5 ? floor : floor + 1;
  return floor % 2 === 0 ? floor : floor + 1;
}

/**
 * Where the text goes, one string a line. With colour on, the CLI's colorama wrapper resets
 * the style after every single write to stdout, so the output carries one reset per write
 * the CLI makes: four for each line of a section (left indentation, body, right
 * indentation, newline).
 */
class Output {
  private readonly lines: string[] = [];

  constructor(private readonly color: boolean) {}

  write(text: string): void {
    this.lines.push(this.color ? text + RESET : text);
  }

  line(indentation: string, body: string): void {
    this.lines.push(
      this.color ? `${indentation}${RESET}${body}${RESET}${indentation}${RESET}\n${RESET}` : `${indentation}${body}${indentation}\n`,
    );
  }

  indentation(level: number): string {
    return (this.color ? `${INDENTATION_STYLE}|${RESET}` : '|').repeat(level);
  }

  rowElement(text: string): string {
    return this.color ? ROW_ELEMENT_STYLE + text + RESET : text;
  }

  text(): string {
    return this.lines.join('');
  }
}
