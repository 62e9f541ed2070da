/**
 * CloudWatch Logs' records, per region: log groups (retention, tags), their log streams and
 * each stream's events, kept in timestamp order. Plain JSON, saved and restored whole.
 *
 * Retention is read on the sandbox clock: an event older than its group's retention is not
 * returned and not counted in storedBytes. AWS deletes expired events within about 72 hours
 * of their expiry ("Change log data retention in CloudWatch Logs"); the sandbox deletes them
 * lazily, from every stream of a group, whenever the group is read or written
 * (`forgetExpired`), so a snapshot taken after a read no longer holds them.
 *
 * A group also holds its metric filters (deleted with it); query definitions live per region.
 */
import { SANDBOX_ACCOUNT_ID } from '../../constants.js';
import {
  invalidParameter, logGroupExists, logGroupNotFound, logStreamExists, logStreamNotFound, validationFailed,
} from './errors.js';

export interface LogEventRecord {
  timestamp: number;
  message: string;
  ingestionTime: number;
  /** AWS's event ids are long digit strings, unique per event. */
  eventId: string;
}

export interface LogStreamRecord {
  logStreamName: string;
  creationTime: number;
  arn: string;
  /** In timestamp order; equal timestamps in arrival order. */
  events: LogEventRecord[];
  lastIngestionTime?: number;
  uploadSequenceToken: string;
}

/** One metric transformation as PutMetricFilter took it (AWS allows exactly one per filter). */
export interface MetricTransformationRecord {
  metricName: string;
  metricNamespace: string;
  metricValue: string;
  defaultValue?: number;
  dimensions?: Record<string, string>;
  unit?: string;
}

export interface MetricFilterRecord {
  filterName: string;
  filterPattern: string;
  metricTransformations: MetricTransformationRecord[];
  creationTime: number;
}

export interface LogGroupRecord {
  logGroupName: string;
  creationTime: number;
  region: string;
  retentionInDays?: number;
  tags: Record<string, string>;
  streams: Record<string, LogStreamRecord>;
  /** By filter name; absent in state saved before metric filters existed. */
  metricFilters?: Record<string, MetricFilterRecord>;
}

export interface QueryDefinitionRecord {
  queryDefinitionId: string;
  name: string;
  queryString: string;
  logGroupNames: string[];
  lastModified: number;
  /** The clientToken that created or last replaced it, so a retried request does the same thing. */
  clientToken?: string;
}

export const DAY_MS = 86_400_000;

/** The values PutRetentionPolicy accepts (API reference, PutRetentionPolicy: retentionInDays). */
export const RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

const LOG_GROUP_NAME = /^[.\-_/#A-Za-z0-9]{1,512}$/;
const LOG_STREAM_NAME = /^[^:*]{1,512}$/;
const TAGS_PER_GROUP = 50;

export class LogsState {
  /** Region -> log group name -> group. */
  regions: Record<string, Record<string, LogGroupRecord>> = {};
  /** Region -> query definition id -> definition. */
  queryDefinitions: Record<string, Record<string, QueryDefinitionRecord>> = {};
  private nextEventId = 1;

  createLogGroup(region: string, name: string, now: number, tags: Record<string, string>): LogGroupRecord {
    if (!LOG_GROUP_NAME.test(name)) {
      throw validationFailed(name, 'logGroupName', 'Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+');
    }
    const groups = (this.regions[region] ??= {});
    if (groups[name]) throw logGroupExists();
    checkTags(tags);
    const group: LogGroupRecord = { logGroupName: name, creationTime: now, region, tags: { ...tags }, streams: {} };
    groups[name] = group;
    return group;
  }

  logGroup(region: string, name: string): LogGroupRecord {
    const group = this.regions[region]?.[name];
    if (!group) throw logGroupNotFound();
    return group;
  }

  /** A group named by its name or by its ARN (with or without the trailing `:*`), as logGroupIdentifier allows. */
  logGroupByIdentifier(region: string, identifier: string): LogGroupRecord {
    const arn = /^arn:aws[\w-]*:logs:([\w-]+):\d{12}:log-group:([^:]+)(:\*)?$/.exec(identifier);
    return arn ? this.logGroup(arn[1]!, arn[2]!) : this.logGroup(region, identifier);
  }

  /** Groups of a region in name order. */
  logGroups(region: string): LogGroupRecord[] {
    return Object.values(this.regions[region] ?? {}).sort((a, b) => compare(a.logGroupName, b.logGroupName));
  }

  deleteLogGroup(region: string, name: string): void {
    this.logGroup(region, name);
    delete this.regions[region]![name];
  }

  putRetentionPolicy(group: LogGroupRecord, days: number): void {
    if (!(RETENTION_DAYS as readonly number[]).includes(days)) {
      throw validationFailed(String(days), 'retentionInDays', `Member must satisfy enum value set: [${RETENTION_DAYS.join(', ')}]`);
    }
    group.retentionInDays = days;
  }

  deleteRetentionPolicy(group: LogGroupRecord): void {
    delete group.retentionInDays;
  }

  tagLogGroup(group: LogGroupRecord, tags: Record<string, string>): void {
    const merged = { ...group.tags, ...tags };
    checkTags(merged);
    group.tags = merged;
  }

  untagLogGroup(group: LogGroupRecord, keys: readonly string[]): void {
    for (const key of keys) delete group.tags[key];
  }

  createLogStream(group: LogGroupRecord, name: string, now: number): LogStreamRecord {
    if (!LOG_STREAM_NAME.test(name)) {
      throw validationFailed(name, 'logStreamName', 'Member must satisfy regular expression pattern: [^:*]*');
    }
    if (group.streams[name]) throw logStreamExists();
    const stream: LogStreamRecord = {
      logStreamName: name,
      creationTime: now,
      arn: `${logGroupArn(group)}:log-stream:${name}`,
      events: [],
      uploadSequenceToken: sequenceToken(0),
    };
    group.streams[name] = stream;
    return stream;
  }

  logStream(group: LogGroupRecord, name: string): LogStreamRecord {
    const stream = group.streams[name];
    if (!stream) throw logStreamNotFound();
    return stream;
  }

  deleteLogStream(group: LogGroupRecord, name: string): void {
    this.logStream(group, name);
    delete group.streams[name];
  }

  /** Stores accepted events (already checked) and forgets what retention has expired. */
  appendEvents(group: LogGroupRecord, stream: LogStreamRecord, events: readonly { timestamp: number; message: string }[], now: number): void {
    const kept = liveEvents(group, stream, now);
    for (const event of events) {
      const record: LogEventRecord = { timestamp: event.timestamp, message: event.message, ingestionTime: now, eventId: eventId(this.nextEventId++) };
      kept.splice(insertionPoint(kept, event.timestamp), 0, record);
    }
    stream.events = kept;
    stream.lastIngestionTime = now;
    stream.uploadSequenceToken = sequenceToken(this.nextEventId);
  }

  /** Deletes the events of every stream of the group that retention has expired. */
  forgetExpired(group: LogGroupRecord, now: number): void {
    if (group.retentionInDays === undefined) return;
    for (const stream of Object.values(group.streams)) {
      const live = liveEvents(group, stream, now);
      if (live.length !== stream.events.length) stream.events = live;
    }
  }

  snapshot(): unknown {
    return { regions: this.regions, queryDefinitions: this.queryDefinitions, nextEventId: this.nextEventId };
  }

  restore(saved: unknown): void {
    const state = saved as { regions?: LogsState['regions']; queryDefinitions?: LogsState['queryDefinitions']; nextEventId?: number };
    this.regions = state.regions ?? {};
    this.queryDefinitions = state.queryDefinitions ?? {};
    this.nextEventId = state.nextEventId ?? 1;
  }
}

/** `arn:aws:logs:<region>:<account>:log-group:<name>` (LogGroup.logGroupArn; `arn` adds `:*`). */
export function logGroupArn(group: LogGroupRecord): string {
  return `arn:aws:logs:${group.region}:${SANDBOX_ACCOUNT_ID}:log-group:${group.logGroupName}`;
}

/** When events of this group expire on the clock: before this timestamp; none when it keeps them forever. */
export function retentionCutoff(group: LogGroupRecord, now: number): number {
  return group.retentionInDays === undefined ? -Infinity : now - group.retentionInDays * DAY_MS;
}

/** The stream's events retention has not expired. */
export function liveEvents(group: LogGroupRecord, stream: LogStreamRecord, now: number): LogEventRecord[] {
  const cutoff = retentionCutoff(group, now);
  return stream.events.slice(insertionPoint(stream.events, cutoff - 1));
}

export function storedBytes(group: LogGroupRecord, stream: LogStreamRecord, now: number): number {
  return liveEvents(group, stream, now).reduce((total, event) => total + Buffer.byteLength(event.message), 0);
}

/** The first position whose event is later than `timestamp` (binary search; events are in order). */
function insertionPoint(events: readonly LogEventRecord[], timestamp: number): number {
  let low = 0;
  let high = events.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (events[middle]!.timestamp <= timestamp) low = middle + 1;
    else high = middle;
  }
  return low;
}

function checkTags(tags: Record<string, string>): void {
  if (Object.keys(tags).length > TAGS_PER_GROUP) {
    throw invalidParameter('1 validation error detected: Value at \'tags\' failed to satisfy constraint: Member must have length less than or equal to 50');
  }
}

function eventId(n: number): string {
  return String(n).padStart(56, '0');
}

function sequenceToken(n: number): string {
  return `4963${String(n).padStart(52, '0')}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
