/**
 * The order of a cleanup: waves of records that can be deleted together, each wave only
 * after every type it waits for is gone (instances, then subnets and groups, then the VPC).
 */
import type { ResourceRecord } from '../ledger/ledger.js';
import { resourceType } from './registry.js';

export interface CleanupPlan {
  waves: ResourceRecord[][];
  /** Records whose type this version of lab does not know: left alone, and said so. */
  unknown: ResourceRecord[];
}

export function planCleanup(records: ResourceRecord[]): CleanupPlan {
  const unknown = records.filter((record) => !resourceType(record.type));
  let pending = records.filter((record) => resourceType(record.type));
  const waves: ResourceRecord[][] = [];
  while (pending.length > 0) {
    const typesLeft = new Set(pending.map((record) => record.type));
    const wave = pending.filter((record) => !resourceType(record.type)!.deleteAfter.some((before) => before !== record.type && typesLeft.has(before)));
    if (wave.length === 0) throw new Error(`resource types wait for each other: ${[...typesLeft].join(', ')}`);
    waves.push(wave);
    pending = pending.filter((record) => !wave.includes(record));
  }
  return { waves, unknown };
}
