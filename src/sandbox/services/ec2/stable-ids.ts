/** Ids that must be the same every time the sandbox starts (catalogue AMIs, DHCP options). */
import { createHash } from 'node:crypto';

export function stableId(prefix: string, seed: string): string {
  return `${prefix}-0${createHash('sha256').update(seed).digest('hex').slice(0, 16)}`;
}
