/**
 * The EC2 sandbox's state: one RegionState per region, made on first use by the seed the
 * service hands in (seed.ts: what a new AWS account finds there). Plain JSON, so it
 * snapshots as it is. A leaf: it knows the records, never the code that fills them.
 */
import type { RegionState } from './records.js';

export class Ec2State {
  private regions: Record<string, RegionState> = {};

  constructor(private readonly seed: (region: string) => RegionState) {}

  /** The region's state, seeded as a new account finds it the first time it is asked for. */
  region(name: string): RegionState {
    return (this.regions[name] ??= this.seed(name));
  }

  snapshot(): unknown {
    return structuredClone(this.regions);
  }

  restore(state: unknown): void {
    this.regions = structuredClone(state as Record<string, RegionState>);
  }
}

export function emptyRegion(region: string): RegionState {
  return {
    region,
    vpcs: {},
    subnets: {},
    internetGateways: {},
    routeTables: {},
    securityGroups: {},
    keyPairs: {},
    images: {},
    snapshots: {},
    instances: {},
    networkInterfaces: {},
    launchTemplates: {},
    tags: {},
  };
}
