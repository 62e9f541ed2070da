/**
 * `--output yaml` and `--output yaml-stream`, as the AWS CLI v2 prints them: ruamel.yaml's
 * safe dumper in block style, keys sorted, strings quoted only where YAML 1.2 would misread
 * them. This module walks the document into block sequences and mappings the way libyaml
 * lays them out; yaml-writer.ts puts the characters down.
 */
import { jsonScalar } from './json.js';
import { findAnchors, type Container } from './yaml-anchors.js';
import { isSimpleKey, ScalarStyle, stringStyle } from './yaml-scalar-style.js';
import { simpleKeyText, YamlWriter } from './yaml-writer.js';
import { isObject, numberText, setNumberText, sortedKeys, type Doc, type Json, type JsonArray, type JsonObject } from './value.js';

/**
 * The whole response as one YAML document. An empty object (an operation without output)
 * prints nothing, and a scalar (what a query may leave) prints as JSON, as the CLI does to
 * avoid YAML's `...` end-of-document marker.
 */
export function formatYaml(document: Doc): string {
  const value = document.value;
  if (isEmptyObject(value)) return '';
  if (value === null || typeof value !== 'object') return `${jsonScalar(value, document, 'value')}\n`;
  return dump(value);
}

/**
 * Each response page as a one-item YAML list, so that pages concatenate into one list.
 * lab formats one response at a time, so this is that response as a list of one.
 */
export function formatYamlStream(document: Doc): string {
  const value = document.value;
  if (isEmptyObject(value)) return '';
  const page: JsonArray = [value];
  if (typeof value === 'number') setNumberText(page, 0, numberText(document, 'value', value));
  return dump(page);
}

/**
 * Finding shared containers costs a walk of the whole document, and only a query's output
 * can have any, so the first attempt assumes none and gives up at the first repeat.
 */
function dump(root: Container): string {
  try {
    return new BlockEmitter(new Map()).emitDocument(root);
  } catch (error) {
    if (!(error instanceof SharedContainer)) throw error;
    return new BlockEmitter(findAnchors(root)).emitDocument(root);
  }
}

class SharedContainer extends Error {}

function isEmptyObject(value: Json): boolean {
  return isObject(value) && Object.keys(value).length === 0;
}

/** libyaml's indentation step. */
const INDENT = 2;

/** How a key is written: `key:` spelled out when it is simple, else its style for `? key`. */
type KeySpelling = string | ScalarStyle;

class BlockEmitter {
  private readonly writer = new YamlWriter();
  private readonly written = new Set<Container>();
  // Responses repeat the same few keys many times over: analyse each once.
  private readonly keys = new Map<string, KeySpelling>();

  constructor(private readonly anchors: Map<Container, string>) {}

  emitDocument(root: Container): string {
    this.emitCollection(root, -1, false);
    this.writer.writeIndent(0);
    return this.writer.text();
  }

  /**
   * Writes the value at `container[key]`. `parentIndent` is the indentation of that
   * container; `mappingValue` says the value follows a key.
   */
  private emitNode(value: Json, container: object, key: string | number, parentIndent: number, mappingValue: boolean): void {
    // Where a folded scalar's continuation lines start.
    const scalarIndent = parentIndent + INDENT;
    switch (typeof value) {
      case 'string':
        this.writer.writeScalar(value, stringStyle(value), scalarIndent, true);
        return;
      case 'number':
        this.writer.writeScalar(yamlNumber(numberText(container, key, value)), ScalarStyle.Plain, scalarIndent, true);
        return;
      case 'boolean':
        this.writer.writeScalar(value ? 'true' : 'false', ScalarStyle.Plain, scalarIndent, true);
        return;
    }
    if (value === null) this.writer.writeScalar('null', ScalarStyle.Plain, scalarIndent, true);
    else this.emitCollection(value, parentIndent, mappingValue);
  }

  /** As emitNode, for a list or dict; `parentIndent` is -1 for the document's root. */
  private emitCollection(value: Container, parentIndent: number, mappingValue: boolean): void {
    const anchor = this.anchors.size === 0 ? undefined : this.anchors.get(value);
    if (this.written.has(value)) {
      if (anchor === undefined) throw new SharedContainer();
      this.writer.writeIndicator(`*${anchor}`, true, false, false);
      return;
    }
    this.written.add(value);
    if (anchor !== undefined) this.writer.writeIndicator(`&${anchor}`, true, false, false);
    if (Array.isArray(value)) this.emitSequence(value, parentIndent, mappingValue);
    else this.emitMapping(value, parentIndent);
  }

  private emitSequence(sequence: JsonArray, parentIndent: number, mappingValue: boolean): void {
    if (sequence.length === 0) {
      this.emitEmpty('[', ']');
      return;
    }
    // A sequence right after `key:` is written "indentless", its dashes under the key.
    const indent = parentIndent < 0 ? 0 : mappingValue && !this.writer.onlyIndentation() ? parentIndent : parentIndent + INDENT;
    for (let i = 0; i < sequence.length; i++) {
      this.writer.writeIndent(indent);
      this.writer.writeIndicator('-', true, false, true);
      this.emitNode(sequence[i]!, sequence, i, indent, false);
    }
  }

  private emitMapping(mapping: JsonObject, parentIndent: number): void {
    const keys = sortedKeys(mapping);
    if (keys.length === 0) {
      this.emitEmpty('{', '}');
      return;
    }
    const indent = parentIndent < 0 ? 0 : parentIndent + INDENT;
    for (const key of keys) {
      this.writer.writeIndent(indent);
      const spelling = this.keySpelling(key);
      if (typeof spelling === 'string') {
        this.writer.writeSimpleKey(spelling);
      } else {
        this.writer.writeIndicator('?', true, false, true);
        this.writer.writeScalar(key, spelling, indent + INDENT, true);
        this.writer.writeIndent(indent);
        this.writer.writeIndicator(':', true, false, true);
      }
      this.emitNode(mapping[key]!, mapping, key, indent, true);
    }
  }

  /** Empty collections can only be written in flow style: `[]` and `{}`. */
  private emitEmpty(open: string, close: string): void {
    this.writer.writeIndicator(open, true, true, false);
    this.writer.writeIndicator(close, false, false, false);
  }

  private keySpelling(key: string): KeySpelling {
    let spelling = this.keys.get(key);
    if (spelling === undefined) {
      const style = stringStyle(key);
      spelling = isSimpleKey(key) ? simpleKeyText(key, style) : style;
      this.keys.set(key, spelling);
    }
    return spelling;
  }
}

/** ruamel writes Python's float repr, except for the three values YAML spells its own way. */
function yamlNumber(text: string): string {
  switch (text) {
    case 'nan':
      return '.nan';
    case 'inf':
      return '.inf';
    case '-inf':
      return '-.inf';
    default:
      return text;
  }
}
