/**
 * A row of a query: a log event's fields (the built-in `@` fields, and the fields of a JSON
 * message, discovered on first use as AWS discovers them) under the fields commands set on
 * it; after stats, a row holds only what stats made.
 */
import type { LogEventRecord } from '../state.js';
import type { Value } from './values.js';

/** Where an event comes from, shared by every event of one stream. */
export interface EventOrigin {
  /** `<account>:<group>`, as @log shows it. */
  log: string;
  logStreamName: string;
  /** The event's @ptr, which GetLogRecord takes back. */
  pointer(event: LogEventRecord): string;
}

export const BUILT_IN_FIELDS = ['@timestamp', '@message', '@logStream', '@log'] as const;

/** AWS discovers at most 200 fields of a JSON event ("Supported logs and discovered fields"). */
const DISCOVERED_FIELDS = 200;

export class Row {
  private set?: Map<string, Value>;
  private discovered?: Map<string, Value>;

  constructor(
    readonly event?: LogEventRecord,
    readonly origin?: EventOrigin,
  ) {}

  /** The event's time in milliseconds, without making a Date (bin() and sorting read it per event). */
  time(): number {
    return this.event?.timestamp ?? 0;
  }

  get(name: string): Value {
    if (this.set?.has(name)) return this.set.get(name);
    const event = this.event;
    if (event === undefined) return undefined;
    switch (name) {
      case '@timestamp':
        return new Date(event.timestamp);
      case '@message':
        return event.message;
      case '@logStream':
        return this.origin!.logStreamName;
      case '@log':
        return this.origin!.log;
      case '@ingestionTime':
        return new Date(event.ingestionTime);
      case '@ptr':
        return this.origin!.pointer(event);
      default:
        return this.jsonFields().get(name);
    }
  }

  /** Whether a command set this field on the row. */
  hasOwn(name: string): boolean {
    return this.set?.has(name) ?? false;
  }

  put(name: string, value: Value): void {
    (this.set ??= new Map()).set(name, value);
  }

  /** What a query with no fields or display command shows of the row: the built-ins, the discovered fields, then what commands set. */
  defaultNames(): string[] {
    if (this.event === undefined) return [...(this.set?.keys() ?? [])];
    const names: string[] = [...BUILT_IN_FIELDS, ...this.jsonFields().keys()];
    for (const name of this.set?.keys() ?? []) if (!names.includes(name)) names.push(name);
    return names;
  }

  /** Every field of the event as GetLogRecord gives it: the built-ins and the discovered fields. */
  jsonFields(): Map<string, Value> {
    if (this.discovered === undefined) this.discovered = discover(this.event?.message ?? '');
    return this.discovered;
  }
}

/** A JSON object message's fields, nested objects and arrays flattened with dots (`a.b`, `a.0`). */
function discover(message: string): Map<string, Value> {
  const fields = new Map<string, Value>();
  const start = message.trimStart();
  if (!start.startsWith('{')) return fields;
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch {
    return fields;
  }
  const visit = (value: unknown, path: string): void => {
    if (fields.size >= DISCOVERED_FIELDS) return;
    if (value !== null && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) visit(inner, path === '' ? key : `${path}.${key}`);
    } else if (path !== '' && value !== null) {
      fields.set(path, typeof value === 'number' ? value : String(value));
    }
  };
  visit(parsed, '');
  return fields;
}
