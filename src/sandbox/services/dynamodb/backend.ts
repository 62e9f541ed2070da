/** What DynamoDB offers the services beside it: its tables' state and the TTL sweeper (DynamoDB Streams reads both). */
import type { DynamoDbState } from './state.js';
import type { TtlSweeper } from './ttl-sweeper.js';

export interface DynamoDbBackend {
  readonly state: DynamoDbState;
  /** Sweeps expired items before a request reads, so a stream reader sees TTL deletions arrive. */
  readonly sweeper: TtlSweeper;
}
