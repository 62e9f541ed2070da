/** What every ElastiCache handler shares: the records, the running nodes, EC2 for subnets and security groups. */
import { createClock, type Clock } from '../../clock.js';
import type { Ec2Backend } from '../ec2/backend.js';
import type { CacheNodes } from './nodes.js';
import type { ElastiCacheState } from './state.js';

export interface ServiceParts {
  state: ElastiCacheState;
  nodes: CacheNodes;
  /** The sandbox's EC2: subnet and security group ids are checked against it. */
  ec2: Ec2Backend;
  /** The sandbox clock as of the latest request, for events that happen between requests (a node failing). */
  clock(): Clock;
}

export function clockHolder(): { clock: () => Clock; set: (clock: Clock) => void } {
  let current = createClock();
  return { clock: () => current, set: (clock) => (current = clock) };
}
