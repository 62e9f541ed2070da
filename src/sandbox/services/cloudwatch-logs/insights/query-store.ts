/**
 * The queries a sandbox has run, in memory only. Not saved with the state directory: a query
 * is a moment's work whose answer is made from the saved events (AWS itself keeps results a
 * while and then forgets them), and answers of 10,000 rows would swell every save. After a
 * restart, or a reset, earlier query ids are unknown, as expired ones are on AWS.
 */
import type { QueryStatus } from '@aws-sdk/client-cloudwatch-logs';
import type { Clock } from '../../../clock.js';
import { currentState, type TimedState, type Timeline } from '../../../kit/timed-state.js';
import type { LogsState } from '../state.js';
import type { QueryAnswer } from './answer.js';

export type QueryPhase = Extract<QueryStatus, 'Scheduled' | 'Running' | 'Complete' | 'Cancelled'>;

/** A query is scheduled, then runs a moment before it completes, on the clock's delays. */
export const QUERY_TIMELINE: Timeline<QueryPhase> = {
  Scheduled: { transition: 'logs.query.scheduled', to: 'Running' },
  Running: { transition: 'logs.query.running', to: 'Complete' },
};

export interface QueryRecord {
  queryId: string;
  region: string;
  queryString: string;
  logGroupNames: string[];
  createTime: number;
  state: TimedState<QueryPhase>;
  /** Worked out when the query starts, over the events then kept; shown once Complete. */
  answer: QueryAnswer;
}

/**
 * How many queries are kept, the oldest forgotten first: AWS keeps results for a while, not
 * for ever, and each answer may hold 10,000 rows.
 */
const KEPT_QUERIES = 500;

export class QueryStore {
  private readonly queries = new Map<string, QueryRecord>();
  private regionsSeen: unknown;

  constructor(private readonly state: LogsState) {
    this.regionsSeen = state.regions;
  }

  add(record: QueryRecord): void {
    this.forgetIfReset();
    this.queries.set(record.queryId, record);
    if (this.queries.size > KEPT_QUERIES) this.queries.delete(this.queries.keys().next().value!);
  }

  get(region: string, queryId: string): QueryRecord | undefined {
    this.forgetIfReset();
    const record = this.queries.get(queryId);
    return record?.region === region ? record : undefined;
  }

  /** A region's queries, newest first. */
  inRegion(region: string): QueryRecord[] {
    this.forgetIfReset();
    return [...this.queries.values()].filter((record) => record.region === region).reverse();
  }

  status(record: QueryRecord, clock: Clock): QueryPhase {
    return currentState(record.state, QUERY_TIMELINE, clock).name;
  }

  /**
   * A reset or a restore replaces the service's records whole (kit/saved-state.ts); the
   * queries over the old records go with them.
   */
  private forgetIfReset(): void {
    if (this.state.regions === this.regionsSeen) return;
    this.queries.clear();
    this.regionsSeen = this.state.regions;
  }
}
