/**
 * Shard iterators. To a caller they are opaque strings, shaped like AWS's
 * (`<stream arn>|001|<base64>`); inside, the shard, the position (the sequence number the
 * next GetRecords starts at) and when the iterator was handed out. They expire 15 minutes
 * after that, as on AWS.
 */
import { AwsError } from '../../errors.js';
import { validation } from '../dynamodb/errors.js';

export const ITERATOR_LIFETIME_MS = 15 * 60 * 1000;

export interface ShardIterator {
  StreamArn: string;
  ShardId: string;
  position: bigint;
  /** Sandbox clock, ms. */
  issuedAt: number;
}

export function encodeIterator(iterator: ShardIterator): string {
  const inner = `${iterator.ShardId}|${iterator.position}|${iterator.issuedAt}`;
  return `${iterator.StreamArn}|001|${Buffer.from(inner).toString('base64')}`;
}

/** The iterator a string names, if it has not expired by `now`. */
export function decodeIterator(text: string, now: number): ShardIterator {
  const match = /^(arn:[^|]+)\|001\|([A-Za-z0-9+/=]+)$/.exec(text);
  const inner = match ? Buffer.from(match[2]!, 'base64').toString('utf8').split('|') : [];
  const [ShardId, position, issuedAt] = inner;
  if (!match || inner.length !== 3 || !/^shardId-/.test(ShardId!) || !/^\d+$/.test(position!) || !/^\d+$/.test(issuedAt!)) {
    throw validation('Invalid ShardIterator');
  }
  const iterator = { StreamArn: match[1]!, ShardId: ShardId!, position: BigInt(position!), issuedAt: Number(issuedAt) };
  if (now - iterator.issuedAt > ITERATOR_LIFETIME_MS) {
    throw new AwsError('ExpiredIteratorException',
      `Iterator expired. The iterator was created at time ${new Date(iterator.issuedAt).toUTCString()} while right now it is ${new Date(now).toUTCString()} which is further in the future than the tolerated delay of ${ITERATOR_LIFETIME_MS} milliseconds.`);
  }
  return iterator;
}
