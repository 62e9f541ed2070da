/** Required members, as the schemas record them: a structure tuple's trailing count of leading members. */
import type { NormalizedSchema } from '@smithy/core/schema';

export function requiredCount(ns: NormalizedSchema): number {
  const tuple = ns.getSchema() as unknown[];
  return typeof tuple[6] === 'number' ? tuple[6] : 0;
}

/** The dotted path of the first required member missing anywhere in `value`, if any. */
export function missingMember(ns: NormalizedSchema, value: unknown, path = ''): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  if (ns.isStructSchema()) {
    const record = value as Record<string, unknown>;
    const required = requiredCount(ns);
    let index = 0;
    for (const [name, member] of ns.structIterator()) {
      const memberPath = path === '' ? name : `${path}.${name}`;
      const memberValue = record[name];
      if (memberValue === undefined || memberValue === null) {
        if (index < required) return memberPath;
      } else {
        const missing = missingMember(member, memberValue, memberPath);
        if (missing !== undefined) return missing;
      }
      index++;
    }
    return undefined;
  }
  if (ns.isListSchema() && Array.isArray(value)) {
    const item = ns.getValueSchema();
    for (let i = 0; i < value.length; i++) {
      const missing = missingMember(item, value[i], `${path}.${i + 1}`);
      if (missing !== undefined) return missing;
    }
  }
  if (ns.isMapSchema() && !Array.isArray(value)) {
    const item = ns.getValueSchema();
    for (const [key, entry] of Object.entries(value)) {
      const missing = missingMember(item, entry, `${path}.${key}`);
      if (missing !== undefined) return missing;
    }
  }
  return undefined;
}
