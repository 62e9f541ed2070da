/**
 * TagResource, UntagResource and ListTagsForResource on alarms, found by ARN in the
 * request's region. CloudWatch tags alarms and Contributor Insights rules; dashboards are
 * not taggable resources, so their ARNs are not found here either.
 */
import type {
  ListTagsForResourceCommandInput, ListTagsForResourceCommandOutput, TagResourceCommandInput, TagResourceCommandOutput,
  UntagResourceCommandInput, UntagResourceCommandOutput,
} from '@aws-sdk/client-cloudwatch';
import { AwsError, missingParameter } from '../../../errors.js';
import { withoutTags, withTags, type Tag } from '../../../kit/tags.js';
import type { Handler } from '../../../service.js';
import { invalidValue } from '../errors.js';
import type { AlarmRecord, AlarmsState } from './records.js';

const TAGS_PER_RESOURCE = 50;

export function checkTags(tags: readonly Tag[]): void {
  if (tags.length > TAGS_PER_RESOURCE) throw invalidValue(`The collection Tags must not contain more than ${TAGS_PER_RESOURCE} items.`);
  for (const tag of tags) {
    if (tag.Key === '' || tag.Key.length > 128) throw invalidValue(`The value ${tag.Key} for parameter Tags.Key is invalid.`);
    if (tag.Key.toLowerCase().startsWith('aws:')) throw invalidValue('Tag keys beginning with aws: are reserved for AWS use.');
    if (tag.Value.length > 256) throw invalidValue(`The value for parameter Tags.Value must be at most 256 characters long.`);
  }
}

function alarmOf(alarms: AlarmsState, region: string, arn: string | undefined): AlarmRecord {
  if (arn === undefined || arn === '') throw missingParameter('ResourceARN');
  const match = /^arn:aws:cloudwatch:([a-z0-9-]+):(\d{12}):alarm:(.+)$/.exec(arn);
  const alarm = match && match[1] === region ? alarms.alarm(region, match[3]!) : undefined;
  if (alarm === undefined || alarm.arn !== arn) {
    throw new AwsError('ResourceNotFoundException', `${match ? 'Alarm' : 'Resource'} ${arn} not found`, {
      fields: { ResourceType: match ? 'Alarm' : 'Resource', ResourceId: arn },
    });
  }
  return alarm;
}

export function tagOperations(alarms: AlarmsState): {
  TagResource: Handler<TagResourceCommandInput, TagResourceCommandOutput>;
  UntagResource: Handler<UntagResourceCommandInput, UntagResourceCommandOutput>;
  ListTagsForResource: Handler<ListTagsForResourceCommandInput, ListTagsForResourceCommandOutput>;
} {
  return {
    TagResource: (input, ctx) => {
      const alarm = alarmOf(alarms, ctx.region, input.ResourceARN);
      const added = (input.Tags ?? []).map((tag) => ({ Key: tag.Key ?? '', Value: tag.Value ?? '' }));
      const tags = withTags(alarm.tags, added);
      checkTags(tags);
      alarm.tags = tags;
      return {};
    },
    UntagResource: (input, ctx) => {
      const alarm = alarmOf(alarms, ctx.region, input.ResourceARN);
      alarm.tags = withoutTags(alarm.tags, (input.TagKeys ?? []).map((Key) => ({ Key })));
      return {};
    },
    ListTagsForResource: (input, ctx) => ({ Tags: alarmOf(alarms, ctx.region, input.ResourceARN).tags.map((tag) => ({ ...tag })) }),
  };
}
