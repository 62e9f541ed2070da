/**
 * The order of a cleanup: waves of records that can be deleted together. A record waits
 * while any pending record's type dependsOn its type (a subnet waits for the instances in
 * it, a VPC for its subnets), so what a resource lives in or uses outlives it.
 */
import type { ResourceRecord } from '../ledger/ledger.js';
import { resourceType } from './registry.js';
import type { ResourceType } from './resource-type.js';

export interface CleanupPlan {
  waves: ResourceRecord[][];
  /** Records whose type this version of lab does not know: left alone, and said so. */
  unknown: ResourceRecord[];
}

/** How the planner finds a type by name: the registry, or a test's own types. */
export type TypeLookup = (name: string) => Pick<ResourceType, 'dependsOn'> | undefined;

export function planCleanup(records: ResourceRecord[], typeOf: TypeLookup = resourceType): CleanupPlan {
  const unknown = records.filter((record) => !typeOf(record.type));
  let pending = records.filter((record) => typeOf(record.type));
  const waves: ResourceRecord[][] = [];
  while (pending.length > 0) {
    // Records of one type never wait for each other: two subnets go side by side.
    const stillNeeded = new Set(pending.flatMap((record) => typeOf(record.type)!.dependsOn.filter((needed) => needed !== record.type)));
    const wave = pending.filter((record) => !stillNeeded.has(record.type));
    if (wave.length === 0) throw new Error(`resource types wait for each other: ${[...new Set(pending.map((record) => record.type))].join(', ')}`);
    waves.push(wave);
    pending = pending.filter((record) => !wave.includes(record));
  }
  return { waves, unknown };
}

/** The type of `leftTypes` that dependsOn `type`, which therefore keeps it from being deleted. */
export function blockingType(type: string, leftTypes: ReadonlySet<string>, typeOf: TypeLookup = resourceType): string | undefined {
  return [...leftTypes].find((left) => left !== type && typeOf(left)?.dependsOn.includes(type));
}
