/**
 * AWS's JSON services write a whole number in a double member as `2.0`, and clients that
 * keep int and float apart (the AWS CLI's Python) print what they read: `"CapacityUnits":
 * 2.0`. JavaScript writes `2`, and the SDK's schemas do not tell doubles from ints, so the
 * doubles come from the AWS CLI's own models (src/output/float-members-data.ts).
 *
 * Most responses hold no whole double (no ConsumedCapacity asked for): `hasWholeDouble`
 * walks only the members that can lead to one, so those responses cost a short walk.
 */
import { NormalizedSchema } from '@smithy/core/schema';
import { FLOAT_MEMBERS } from '../../output/float-members-data.js';

type Shape = NonNullable<ReturnType<NormalizedSchema['getSchema']>>;

/** Whether a shape can hold a double anywhere inside; recursive shapes (AttributeValue) resolve once. */
const mayHoldDouble = new WeakMap<object, boolean>();

function floatMembers(ns: NormalizedSchema): readonly string[] {
  const tuple = ns.getSchema() as unknown;
  if (!Array.isArray(tuple) || typeof tuple[1] !== 'string' || typeof tuple[2] !== 'string') return [];
  return FLOAT_MEMBERS[`${tuple[1]}#${tuple[2]}`] ?? [];
}

function holdsDouble(ns: NormalizedSchema): boolean {
  const key = ns.getSchema() as Shape;
  if (typeof key !== 'object' || key === null) return false;
  const known = mayHoldDouble.get(key);
  if (known !== undefined) return known;
  mayHoldDouble.set(key, false); // while in progress: a cycle adds nothing
  let holds = floatMembers(ns).length > 0;
  if (!holds && ns.isStructSchema()) for (const [, member] of ns.structIterator()) holds ||= holdsDouble(member);
  if (!holds && (ns.isListSchema() || ns.isMapSchema())) holds = holdsDouble(ns.getValueSchema());
  mayHoldDouble.set(key, holds);
  return holds;
}

/** Whether `value` (the handler's output) has a whole number in a double member. */
export function hasWholeDouble(ns: NormalizedSchema, value: unknown): boolean {
  if (value === null || typeof value !== 'object' || !holdsDouble(ns)) return false;
  const floats = floatMembers(ns);
  if (ns.isListSchema() && Array.isArray(value)) {
    return value.some((item) => (floats.includes('member') && Number.isInteger(item)) || hasWholeDouble(ns.getValueSchema(), item));
  }
  if (ns.isMapSchema()) {
    return Object.values(value).some((item) => (floats.includes('value') && Number.isInteger(item)) || hasWholeDouble(ns.getValueSchema(), item));
  }
  if (!ns.isStructSchema()) return false;
  const record = value as Record<string, unknown>;
  for (const [name, member] of ns.structIterator()) {
    const item = record[name];
    if ((floats.includes(name) && Number.isInteger(item)) || hasWholeDouble(member, item)) return true;
  }
  return false;
}

/** `document` (the JSON the serializer wrote, parsed) as JSON text with whole doubles as `2.0`. */
export function stringifyWithDoubles(ns: NormalizedSchema, document: unknown): string {
  if (document === null || typeof document !== 'object' || !holdsDouble(ns)) return JSON.stringify(document);
  const floats = floatMembers(ns);
  const write = (float: boolean, schema: NormalizedSchema, item: unknown) =>
    float && Number.isInteger(item) ? `${item as number}.0` : stringifyWithDoubles(schema, item);
  if (Array.isArray(document)) {
    return `[${document.map((item) => write(floats.includes('member'), ns.getValueSchema(), item)).join(',')}]`;
  }
  const members = ns.isStructSchema() ? new Map(ns.structIterator()) : undefined;
  const entries = Object.entries(document).map(([name, item]) => {
    const schema = members ? members.get(name) : ns.getValueSchema();
    const text = schema ? write(floats.includes(members ? name : 'value'), schema, item) : JSON.stringify(item);
    return `${JSON.stringify(name)}:${text}`;
  });
  return `{${entries.join(',')}}`;
}
