/**
 * The character-level half of libyaml's emitter, as the AWS CLI's YAML output uses it:
 * indentation, indicators, and the three scalar styles, including how libyaml folds a long
 * scalar at a space once the line is past 80 columns. It tracks the same three facts
 * libyaml does (column, "just wrote whitespace", "only indentation so far on this line"),
 * because every spacing decision hangs on them.
 */
import { isLineBreak, isPrintable, ScalarStyle } from './yaml-scalar-style.js';

/** libyaml's default best_width: a scalar may fold at a space once past this column. */
const BEST_WIDTH = 80;

const ESCAPES = new Map<number, string>([
  [0x00, '\\0'],
  [0x07, '\\a'],
  [0x08, '\\b'],
  [0x09, '\\t'],
  [0x0a, '\\n'],
  [0x0b, '\\v'],
  [0x0c, '\\f'],
  [0x0d, '\\r'],
  [0x1b, '\\e'],
  [0x22, '\\"'],
  [0x5c, '\\\\'],
  [0x85, '\\N'],
  [0x2028, '\\L'],
  [0x2029, '\\P'],
]);

/**
 * A simple key followed by `:`, spelled once: such a key never folds and always starts a
 * line, so how it is written does not depend on anything around it.
 */
export function simpleKeyText(key: string, style: ScalarStyle): string {
  const writer = new YamlWriter();
  writer.writeScalar(key, style, 0, false);
  writer.writeIndicator(':', false, false, false);
  return writer.text();
}

export class YamlWriter {
  // One growing string, which V8 keeps as a rope until the end: no array of millions of parts.
  private out = '';
  private column = 0;
  private whitespace = true;
  private indention = true;

  text(): string {
    return this.out;
  }

  /** True while the current line holds only indentation and indentation-like indicators (`- `, `? `). */
  onlyIndentation(): boolean {
    return this.indention;
  }

  /** Starts a new line at `indent` unless the current one holds nothing but indentation up to it. */
  writeIndent(indent: number): void {
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) {
      this.out += '\n';
      this.column = 0;
    }
    if (this.column < indent) {
      this.out += indentation(indent - this.column);
      this.column = indent;
    }
    this.whitespace = true;
    this.indention = true;
  }

  writeIndicator(indicator: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) {
      this.out += ' ';
      this.column++;
    }
    this.out += indicator;
    this.column += indicator.length;
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }

  /**
   * Writes a scalar in `style`. `indent` is where folded continuation lines start;
   * `allowBreaks` is false for simple keys, which never fold.
   */
  writeScalar(text: string, style: ScalarStyle, indent: number, allowBreaks: boolean): void {
    if (style === ScalarStyle.Plain) this.writePlain(text, indent, allowBreaks);
    else if (style === ScalarStyle.SingleQuoted) this.writeSingleQuoted(text, indent, allowBreaks);
    else this.writeDoubleQuoted(text, indent, allowBreaks);
    this.whitespace = false;
    this.indention = false;
  }

  /** Writes a simple key and its `:`, as simpleKeyText() spelled them. */
  writeSimpleKey(spelled: string): void {
    this.out += spelled;
    this.column += spelled.length;
    this.whitespace = false;
    this.indention = false;
  }

  /** Whether writing `length` more columns from here could pass a space beyond the fold width. */
  private mayFold(length: number, allowBreaks: boolean): boolean {
    return allowBreaks && this.column + length > BEST_WIDTH + 1;
  }

  private writePlain(text: string, indent: number, allowBreaks: boolean): void {
    if (!this.whitespace) {
      this.out += ' ';
      this.column++;
    }
    if (!this.mayFold(text.length, allowBreaks)) {
      this.out += text;
      this.column += text.length;
      return;
    }
    // Plain scalars hold no line breaks, so only spaces matter here.
    let segmentStart = 0;
    let afterSpace = false;
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) !== 0x20) {
        afterSpace = false;
        continue;
      }
      const column = this.column + i - segmentStart;
      if (!afterSpace && column > BEST_WIDTH && text.charCodeAt(i + 1) !== 0x20) {
        this.out += text.slice(segmentStart, i);
        this.column = column;
        this.indention = false;
        this.writeIndent(indent);
        segmentStart = i + 1;
      }
      afterSpace = true;
    }
    this.out += text.slice(segmentStart);
    this.column += text.length - segmentStart;
  }

  private writeSingleQuoted(text: string, indent: number, allowBreaks: boolean): void {
    this.writeIndicator("'", true, false, false);
    const hasBreak = /[\n\u2028\u2029]/.test(text);
    const escaped = text.includes("'") ? text.replaceAll("'", "''") : text;
    if (!hasBreak && !this.mayFold(escaped.length, allowBreaks)) {
      this.out += escaped;
      this.column += escaped.length;
    } else {
      this.writeSingleQuotedFolding(text, indent, allowBreaks);
    }
    this.writeIndicator("'", false, false, false);
  }

  private writeSingleQuotedFolding(text: string, indent: number, allowBreaks: boolean): void {
    let afterSpace = false;
    let breaks = false;
    const last = text.length - 1;
    for (let i = 0; i <= last; i++) {
      const code = text.charCodeAt(i);
      if (code === 0x20) {
        if (allowBreaks && !afterSpace && this.column > BEST_WIDTH && i !== 0 && i !== last && text.charCodeAt(i + 1) !== 0x20) {
          this.writeIndent(indent);
        } else {
          this.put(' ');
        }
        afterSpace = true;
      } else if (isLineBreak(code)) {
        // A line break inside single quotes folds away unless doubled, so LF is written twice.
        if (!breaks && code === 0x0a) this.out += '\n';
        this.out += text[i]!;
        this.column = 0;
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent(indent);
        this.put(code === 0x27 ? "''" : text[i]!);
        this.indention = false;
        afterSpace = false;
        breaks = false;
      }
    }
    if (breaks) this.writeIndent(indent);
  }

  private writeDoubleQuoted(text: string, indent: number, allowBreaks: boolean): void {
    this.writeIndicator('"', true, false, false);
    let afterSpace = false;
    const last = text.length - 1;
    for (let i = 0; i <= last; i++) {
      const code = text.codePointAt(i)!;
      if (code === 0x20) {
        if (allowBreaks && !afterSpace && this.column > BEST_WIDTH && i !== 0 && i !== last) {
          this.writeIndent(indent);
          // Leading spaces of a continuation line would be dropped by a reader: escape the first.
          if (text.charCodeAt(i + 1) === 0x20) this.put('\\');
        } else {
          this.put(' ');
        }
        afterSpace = true;
        continue;
      }
      if (code > 0xffff) {
        this.put(escapeCode(code));
        i++;
      } else if (!isPrintable(code) || isLineBreak(code) || code === 0x22 || code === 0x5c) {
        this.put(escapeCode(code));
      } else {
        this.put(text[i]!);
      }
      afterSpace = false;
    }
    this.writeIndicator('"', false, false, false);
  }

  private put(chunk: string): void {
    this.out += chunk;
    this.column += chunk.length;
  }
}

const INDENTATIONS: string[] = [];

function indentation(width: number): string {
  return (INDENTATIONS[width] ??= ' '.repeat(width));
}

function escapeCode(code: number): string {
  const named = ESCAPES.get(code);
  if (named !== undefined) return named;
  const hex = code.toString(16).toUpperCase();
  if (code <= 0xff) return `\\x${hex.padStart(2, '0')}`;
  if (code <= 0xffff) return `\\u${hex.padStart(4, '0')}`;
  return `\\U${hex.padStart(8, '0')}`;
}
