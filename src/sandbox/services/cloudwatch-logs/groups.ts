/** CloudWatch Logs' log group operations: create, describe, delete, retention and tags. */
import type {
  CreateLogGroupCommandInput, CreateLogGroupCommandOutput, DeleteLogGroupCommandInput, DeleteLogGroupCommandOutput,
  DeleteRetentionPolicyCommandInput, DeleteRetentionPolicyCommandOutput, DescribeLogGroupsCommandInput, DescribeLogGroupsCommandOutput,
  ListTagsForResourceCommandInput, ListTagsForResourceCommandOutput, ListTagsLogGroupCommandInput, ListTagsLogGroupCommandOutput,
  LogGroup, PutRetentionPolicyCommandInput, PutRetentionPolicyCommandOutput, TagLogGroupCommandInput, TagLogGroupCommandOutput,
  TagResourceCommandInput, TagResourceCommandOutput, UntagLogGroupCommandInput, UntagLogGroupCommandOutput,
  UntagResourceCommandInput, UntagResourceCommandOutput,
} from '@aws-sdk/client-cloudwatch-logs';
import type { Handler } from '../../service.js';
import { invalidParameter, logGroupNotFound } from './errors.js';
import { page } from './pages.js';
import { logGroupArn, storedBytes, type LogGroupRecord, type LogsState } from './state.js';

/** DescribeLogGroups answers at most 50 groups a page. */
const GROUPS_PER_PAGE = 50;

export function groupOperations(state: LogsState) {
  const CreateLogGroup: Handler<CreateLogGroupCommandInput, CreateLogGroupCommandOutput> = (input, ctx) => {
    state.createLogGroup(ctx.region, input.logGroupName!, ctx.clock.now(), input.tags ?? {});
    return {};
  };

  const DeleteLogGroup: Handler<DeleteLogGroupCommandInput, DeleteLogGroupCommandOutput> = (input, ctx) => {
    state.deleteLogGroup(ctx.region, input.logGroupName!);
    return {};
  };

  const DescribeLogGroups: Handler<DescribeLogGroupsCommandInput, DescribeLogGroupsCommandOutput> = (input, ctx) => {
    const { logGroupNamePrefix: prefix, logGroupNamePattern: pattern } = input;
    if (prefix !== undefined && pattern !== undefined) {
      throw invalidParameter('LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.');
    }
    const groups = state.logGroups(ctx.region).filter((group) =>
      (prefix === undefined || group.logGroupName.startsWith(prefix)) &&
      // A pattern matches anywhere in the name, ignoring case.
      (pattern === undefined || group.logGroupName.toLowerCase().includes(pattern.toLowerCase())));
    const { items, nextToken } = page(groups, input.nextToken, input.limit, GROUPS_PER_PAGE);
    const now = ctx.clock.now();
    for (const group of items) state.forgetExpired(group, now);
    return { logGroups: items.map((group) => describeLogGroup(group, now)), ...(nextToken ? { nextToken } : {}) };
  };

  const PutRetentionPolicy: Handler<PutRetentionPolicyCommandInput, PutRetentionPolicyCommandOutput> = (input, ctx) => {
    state.putRetentionPolicy(state.logGroup(ctx.region, input.logGroupName!), input.retentionInDays!);
    return {};
  };

  const DeleteRetentionPolicy: Handler<DeleteRetentionPolicyCommandInput, DeleteRetentionPolicyCommandOutput> = (input, ctx) => {
    state.deleteRetentionPolicy(state.logGroup(ctx.region, input.logGroupName!));
    return {};
  };

  // The older tag operations, by log group name.
  const TagLogGroup: Handler<TagLogGroupCommandInput, TagLogGroupCommandOutput> = (input, ctx) => {
    state.tagLogGroup(state.logGroup(ctx.region, input.logGroupName!), input.tags ?? {});
    return {};
  };

  const UntagLogGroup: Handler<UntagLogGroupCommandInput, UntagLogGroupCommandOutput> = (input, ctx) => {
    state.untagLogGroup(state.logGroup(ctx.region, input.logGroupName!), input.tags ?? []);
    return {};
  };

  const ListTagsLogGroup: Handler<ListTagsLogGroupCommandInput, ListTagsLogGroupCommandOutput> = (input, ctx) =>
    ({ tags: { ...state.logGroup(ctx.region, input.logGroupName!).tags } });

  // The current tag operations, by ARN; log groups are the taggable resource served here.
  const TagResource: Handler<TagResourceCommandInput, TagResourceCommandOutput> = (input) => {
    state.tagLogGroup(groupByArn(state, input.resourceArn!), input.tags ?? {});
    return {};
  };

  const UntagResource: Handler<UntagResourceCommandInput, UntagResourceCommandOutput> = (input) => {
    state.untagLogGroup(groupByArn(state, input.resourceArn!), input.tagKeys ?? []);
    return {};
  };

  const ListTagsForResource: Handler<ListTagsForResourceCommandInput, ListTagsForResourceCommandOutput> = (input) =>
    ({ tags: { ...groupByArn(state, input.resourceArn!).tags } });

  return {
    CreateLogGroup, DeleteLogGroup, DescribeLogGroups, PutRetentionPolicy, DeleteRetentionPolicy,
    TagLogGroup, UntagLogGroup, ListTagsLogGroup, TagResource, UntagResource, ListTagsForResource,
  };
}

function describeLogGroup(group: LogGroupRecord, now: number): LogGroup {
  const arn = logGroupArn(group);
  return {
    logGroupName: group.logGroupName,
    creationTime: group.creationTime,
    ...(group.retentionInDays === undefined ? {} : { retentionInDays: group.retentionInDays }),
    metricFilterCount: Object.keys(group.metricFilters ?? {}).length,
    arn: `${arn}:*`,
    storedBytes: Object.values(group.streams).reduce((total, stream) => total + storedBytes(group, stream, now), 0),
    logGroupClass: 'STANDARD',
    logGroupArn: arn,
  };
}

/** A log group by its ARN only: the tag operations take no names. */
function groupByArn(state: LogsState, arn: string): LogGroupRecord {
  if (!arn.startsWith('arn:')) throw logGroupNotFound();
  return state.logGroupByIdentifier('', arn);
}
