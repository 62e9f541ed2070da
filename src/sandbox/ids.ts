/** Resource ids in AWS's forms: `vpc-0a1b2c3d4e5f60718` (17 hex digits), request ids as UUIDs. */
import { randomBytes, randomUUID } from 'node:crypto';

export function resourceId(prefix: string): string {
  return `${prefix}-0${randomBytes(8).toString('hex')}`;
}

export function requestId(): string {
  return randomUUID();
}
