/**
 * The DynamoDB Streams service: ListStreams, DescribeStream, GetShardIterator, GetRecords.
 * It reads the streams DynamoDB's state keeps (dynamodb/streams.ts), through DynamoDB's
 * backend; both services sign as 'dynamodb', so the router tells them apart by X-Amz-Target,
 * and their state is saved once, with DynamoDB's.
 */
import type {
  _Record, DescribeStreamCommandInput, DescribeStreamCommandOutput, GetRecordsCommandInput, GetRecordsCommandOutput,
  GetShardIteratorCommandInput, GetShardIteratorCommandOutput, ListStreamsCommandInput, ListStreamsCommandOutput,
} from '@aws-sdk/client-dynamodb-streams';
import { AwsError } from '../../errors.js';
import { withRules } from '../../kit/operations.js';
import type { Handler, ServiceFactory } from '../../service.js';
import { constraintViolation, invalidParameter, validation } from '../dynamodb/errors.js';
import type { DynamoDbState, Stream, StreamRecord } from '../dynamodb/state.js';
import { RegionStreams } from '../dynamodb/streams.js';
import { decodeIterator, encodeIterator } from './iterators.js';

const MAX_STREAMS = 100;
const MAX_RECORDS = 1000;

/** The streams client's AttributeValue union is structurally ours; the cast drops its `$unknown` arm. */
type SdkImage = NonNullable<NonNullable<_Record['dynamodb']>['Keys']>;

export const dynamodbStreamsService: ServiceFactory = ({ backends }) => {
  const { state, sweeper } = backends.dynamodb;
  // Expired items are swept first, so a reader polling a stream sees TTL deletions arrive.
  return { operations: withRules(streamsOperations(state), (_input, ctx) => sweeper.sweep(ctx)) };
};

function streamsOperations(state: DynamoDbState) {
  const streamNamed = (streams: RegionStreams, arn: string): Stream => {
    const stream = streams.find(arn);
    if (!stream) throw new AwsError('ResourceNotFoundException', `Requested resource not found: Stream: ${arn} not found`);
    return stream;
  };

  /** Newest first; a page ends after Limit streams and names the last one. */
  const ListStreams: Handler<ListStreamsCommandInput, ListStreamsCommandOutput> = (input, ctx) => {
    const limit = Math.min(positive(input.Limit, 'limit') ?? MAX_STREAMS, MAX_STREAMS);
    let streams = RegionStreams.of(state, ctx).list().filter((stream) => input.TableName === undefined || stream.TableName === input.TableName);
    const start = streams.findIndex((stream) => stream.StreamArn === input.ExclusiveStartStreamArn);
    if (start !== -1) streams = streams.slice(start + 1);
    const page = streams.slice(0, limit).map(({ StreamArn, TableName, StreamLabel }) => ({ StreamArn, TableName, StreamLabel }));
    return { Streams: page, ...(streams.length > limit ? { LastEvaluatedStreamArn: page.at(-1)!.StreamArn } : {}) };
  };

  /** One shard, closed once the stream is disabled; it has no child shards to filter for. */
  const DescribeStream: Handler<DescribeStreamCommandInput, DescribeStreamCommandOutput> = (input, ctx) => {
    positive(input.Limit, 'limit');
    const streams = RegionStreams.of(state, ctx);
    const stream = streamNamed(streams, input.StreamArn!);
    const ending = streams.endingSequenceNumber(stream);
    const listed = input.ShardFilter === undefined && input.ExclusiveStartShardId !== stream.ShardId;
    return {
      StreamDescription: {
        StreamArn: stream.StreamArn,
        StreamLabel: stream.StreamLabel,
        StreamStatus: streams.status(stream),
        StreamViewType: stream.StreamViewType,
        CreationRequestDateTime: new Date(stream.createdAt),
        TableName: stream.TableName,
        KeySchema: stream.KeySchema,
        Shards: listed
          ? [{ ShardId: stream.ShardId, SequenceNumberRange: { StartingSequenceNumber: stream.StartingSequenceNumber, ...(ending ? { EndingSequenceNumber: ending } : {}) } }]
          : [],
      },
    };
  };

  const GetShardIterator: Handler<GetShardIteratorCommandInput, GetShardIteratorCommandOutput> = (input, ctx) => {
    const streams = RegionStreams.of(state, ctx);
    const stream = streamNamed(streams, input.StreamArn!);
    if (input.ShardId !== stream.ShardId) throw new AwsError('ResourceNotFoundException', 'Requested resource not found: Shard does not exist');
    const type = input.ShardIteratorType!;
    const given = input.SequenceNumber;
    let position: bigint;
    if (type === 'TRIM_HORIZON' || type === 'LATEST') {
      if (given !== undefined) throw invalidParameter('SequenceNumber should not be passed for this iterator type');
      position = type === 'LATEST' ? BigInt(stream.nextSequenceNumber) : streams.trimHorizon(stream);
    } else if (type === 'AT_SEQUENCE_NUMBER' || type === 'AFTER_SEQUENCE_NUMBER') {
      const n = recordNumber(stream, given);
      if (n < streams.trimHorizon(stream)) throw trimmed();
      position = type === 'AT_SEQUENCE_NUMBER' ? n : n + 1n;
    } else {
      throw constraintViolation(type, 'shardIteratorType', 'Member must satisfy enum value set: [AFTER_SEQUENCE_NUMBER, LATEST, AT_SEQUENCE_NUMBER, TRIM_HORIZON]');
    }
    return { ShardIterator: encodeIterator({ StreamArn: stream.StreamArn, ShardId: stream.ShardId, position, issuedAt: ctx.clock.now() }) };
  };

  /**
   * Records from the iterator's position on. The next iterator starts after the last record
   * returned; a closed shard read to its end has none.
   */
  const GetRecords: Handler<GetRecordsCommandInput, GetRecordsCommandOutput> = (input, ctx) => {
    const limit = Math.min(positive(input.Limit, 'limit') ?? MAX_RECORDS, MAX_RECORDS);
    const iterator = decodeIterator(input.ShardIterator!, ctx.clock.now());
    const streams = RegionStreams.of(state, ctx);
    const stream = streamNamed(streams, iterator.StreamArn);
    if (iterator.ShardId !== stream.ShardId) throw validation('Invalid ShardIterator');
    if (iterator.position < streams.trimHorizon(stream)) throw trimmed();
    const records = streams.read(stream, iterator.position, limit);
    const last = records.at(-1);
    const position = last ? BigInt(last.SequenceNumber) + 1n : iterator.position;
    const ended = stream.disabledAt !== undefined && position >= BigInt(stream.nextSequenceNumber);
    return {
      Records: records.map((record) => streamRecord(record, stream, ctx.region)),
      ...(ended ? {} : { NextShardIterator: encodeIterator({ ...iterator, position, issuedAt: ctx.clock.now() }) }) };
  };

  return { ListStreams, DescribeStream, GetShardIterator, GetRecords };
}

/** A record as GetRecords returns it; AWS rounds its time down to the second. */
function streamRecord(record: StreamRecord, stream: Stream, region: string): _Record {
  return {
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: region,
    dynamodb: {
      ApproximateCreationDateTime: new Date(Math.floor(record.at / 1000) * 1000),
      Keys: structuredClone(record.Keys) as SdkImage,
      ...(record.NewImage ? { NewImage: structuredClone(record.NewImage) as SdkImage } : {}),
      ...(record.OldImage ? { OldImage: structuredClone(record.OldImage) as SdkImage } : {}),
      SequenceNumber: record.SequenceNumber,
      SizeBytes: record.SizeBytes,
      StreamViewType: stream.StreamViewType,
    },
    ...(record.byService ? { userIdentity: { Type: 'Service', PrincipalId: 'dynamodb.amazonaws.com' } } : {}),
  };
}

/** A sequence number the shard has handed out. */
function recordNumber(stream: Stream, given: string | undefined): bigint {
  if (given === undefined) throw invalidParameter('Invalid SequenceNumber');
  if (given.length < 21 || given.length > 40) {
    throw constraintViolation(given, 'sequenceNumber', `Member must have length ${given.length < 21 ? 'greater than or equal to 21' : 'less than or equal to 40'}`);
  }
  const n = /^\d+$/.test(given) ? BigInt(given) : -1n;
  if (n < BigInt(stream.StartingSequenceNumber) || n >= BigInt(stream.nextSequenceNumber)) {
    throw invalidParameter('Invalid SequenceNumber');
  }
  return n;
}

function positive(value: number | undefined, member: string): number | undefined {
  if (value !== undefined && value < 1) {
    throw constraintViolation(value, member, 'Member must have value greater than or equal to 1');
  }
  return value;
}

function trimmed(): AwsError {
  return new AwsError('TrimmedDataAccessException', 'The operation attempted to read past the oldest stream record in a shard.');
}
