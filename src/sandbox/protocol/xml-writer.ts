/**
 * Writes an output structure as the XML the query protocols return, driven by its
 * schema. Each structure schema is compiled once into a list of member writers (cached
 * per schema; registered before its members compile, since shapes can be recursive), which
 * is several times faster than walking the schema on every response.
 */
import { NormalizedSchema } from '@smithy/core/schema';
import { determineTimestampFormat } from '@smithy/core/protocols';
import { NumericValue } from '@smithy/core/serde';

/** Writes one value as the element(s) `tag` into `out`. */
type ElementWriter = (value: unknown, out: string[]) => void;
type StructWriter = (value: Record<string, unknown>, out: string[]) => void;

const structWriters = new WeakMap<object, StructWriter>();

/** Appends the member elements of `value` (no enclosing element). */
export function writeStructMembers(ns: NormalizedSchema, value: unknown, out: string[]): void {
  if (value === null || typeof value !== 'object' || !ns.isStructSchema()) return;
  structWriter(ns)(value as Record<string, unknown>, out);
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"\r]/g, (char) => ESCAPES[char]!);
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\r': '&#13;' };

function structWriter(ns: NormalizedSchema): StructWriter {
  const key = ns.getSchema() as object;
  const cached = structWriters.get(key);
  if (cached) return cached;
  const members: Array<[string, ElementWriter]> = [];
  const writer: StructWriter = (value, out) => {
    for (const [name, write] of members) {
      const member = value[name];
      if (member !== undefined && member !== null) write(member, out);
    }
  };
  structWriters.set(key, writer);
  for (const [name, member] of ns.structIterator()) {
    members.push([name, elementWriter(member, (member.getMemberTraits().xmlName as string | undefined) ?? name)]);
  }
  return writer;
}

function elementWriter(ns: NormalizedSchema, tag: string): ElementWriter {
  const open = `<${tag}>`;
  const close = `</${tag}>`;
  const flattened = Boolean(ns.getMergedTraits().xmlFlattened);
  if (ns.isListSchema()) {
    const itemSchema = ns.getValueSchema();
    if (flattened) {
      const item = elementWriter(itemSchema, tag);
      return (value, out) => {
        for (const entry of value as unknown[]) if (entry !== null && entry !== undefined) item(entry, out);
      };
    }
    const item = elementWriter(itemSchema, (itemSchema.getMergedTraits().xmlName as string | undefined) ?? 'member');
    return (value, out) => {
      out.push(open);
      for (const entry of value as unknown[]) if (entry !== null && entry !== undefined) item(entry, out);
      out.push(close);
    };
  }
  if (ns.isMapSchema()) {
    const keySchema = ns.getKeySchema();
    const valueSchema = ns.getValueSchema();
    const writeKey = elementWriter(keySchema, (keySchema.getMergedTraits().xmlName as string | undefined) ?? 'key');
    const writeValue = elementWriter(valueSchema, (valueSchema.getMergedTraits().xmlName as string | undefined) ?? 'value');
    const [entryOpen, entryClose] = flattened ? [open, close] : ['<entry>', '</entry>'];
    return (value, out) => {
      if (!flattened) out.push(open);
      for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
        if (entry === null || entry === undefined) continue;
        out.push(entryOpen);
        writeKey(key, out);
        writeValue(entry, out);
        out.push(entryClose);
      }
      if (!flattened) out.push(close);
    };
  }
  if (ns.isStructSchema()) {
    // Resolved on first use: the structure may be the one being compiled right now.
    let members: StructWriter | undefined;
    return (value, out) => {
      members ??= structWriter(ns);
      out.push(open);
      members(value as Record<string, unknown>, out);
      out.push(close);
    };
  }
  const text = scalarText(ns);
  return (value, out) => {
    out.push(open, text(value), close);
  };
}

function scalarText(ns: NormalizedSchema): (value: unknown) => string {
  if (ns.isTimestampSchema()) {
    const format = determineTimestampFormat(ns, { timestampFormat: { useTrait: true, default: 5 }, httpBindings: false });
    return (value) => {
      const date = value instanceof Date ? value : new Date(value as string | number);
      if (format === 7) return String(date.getTime() / 1000);
      if (format === 6) return date.toUTCString();
      return date.toISOString();
    };
  }
  if (ns.isBlobSchema()) {
    return (value) => (typeof value === 'string' ? Buffer.from(value) : Buffer.from(value as Uint8Array)).toString('base64');
  }
  return (value) => (value instanceof NumericValue ? value.string : escapeXml(String(value)));
}
