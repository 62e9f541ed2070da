/**
 * The sandbox's fixed identity, documented in the README: one account, any region a
 * request names (us-east-1 by default), three availability zones in each.
 */
export const SANDBOX_ACCOUNT_ID = '123456789012';
export const SANDBOX_DEFAULT_REGION = 'us-east-1';
export const SANDBOX_DEFAULT_PORT = 4566;

export function availabilityZones(region: string): string[] {
  return ['a', 'b', 'c'].map((letter) => `${region}${letter}`);
}

// How AWS shortens a region's direction in zone ids: us-east-1 -> use1, ap-southeast-2 -> apse2.
const DIRECTIONS: Record<string, string> = {
  north: 'n', south: 's', east: 'e', west: 'w', central: 'c',
  northeast: 'ne', northwest: 'nw', southeast: 'se', southwest: 'sw',
};

/** AWS's zone ids (`use1-az1`) map to zone names differently per account; the sandbox's are fixed. */
export function availabilityZoneId(region: string, zoneName: string): string {
  const [country, direction, number] = region.split('-');
  const short = `${country}${DIRECTIONS[direction ?? ''] ?? direction}${number}`;
  return `${short}-az${'abcdef'.indexOf(zoneName.slice(-1)) + 1}`;
}
