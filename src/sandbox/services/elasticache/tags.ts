/** Tags on replication groups, parameter groups, subnet groups and snapshots, by ARN: how `lab cleanup --scan` finds them. */
import type {
  AddTagsToResourceCommandInput, AddTagsToResourceCommandOutput, ListTagsForResourceCommandInput, ListTagsForResourceCommandOutput,
  RemoveTagsFromResourceCommandInput, RemoveTagsFromResourceCommandOutput,
} from '@aws-sdk/client-elasticache';
import { AwsError } from '../../errors.js';
import { withoutTags, withTags, type Tag } from '../../kit/tags.js';
import type { Handler } from '../../service.js';
import { cacheClusterNotFound, replicationGroupNotFound, snapshotNotFound } from './errors.js';
import { parameterGroup } from './parameter-groups.js';
import type { ServiceParts } from './parts.js';
import { subnetGroup } from './subnet-groups.js';

const TAGS_PER_RESOURCE = 50;

export function tagOperations(parts: ServiceParts) {
  /** The record an ARN names; a member cluster's tags are its replication group's. */
  const tagsOf = (arn: string): { tags: Tag[] } => {
    const match = /^arn:aws:elasticache:([a-z0-9-]+):\d{12}:(replicationgroup|parametergroup|subnetgroup|snapshot|cluster):(.+)$/.exec(arn);
    if (match === null) throw new AwsError('InvalidARNFault', `The ARN ${arn} is not valid.`);
    const [, region, kind, name] = match as unknown as [string, string, string, string];
    const state = parts.state.region(region);
    switch (kind) {
      case 'replicationgroup':
        return state.replicationGroups[name] ?? raise(replicationGroupNotFound(name));
      case 'parametergroup':
        // The built-in default.<family> groups carry no tags but are resources all the same.
        return parameterGroup(parts.state, region, name);
      case 'subnetgroup':
        return subnetGroup(parts.state, region, name);
      case 'snapshot':
        return state.snapshots[name] ?? raise(snapshotNotFound(name));
      default:
        return Object.values(state.replicationGroups).find((group) => group.members.some((member) => member.id === name)) ?? raise(cacheClusterNotFound(name));
    }
  };

  const AddTagsToResource: Handler<AddTagsToResourceCommandInput, AddTagsToResourceCommandOutput> = (input) => {
    const resource = tagsOf(input.ResourceName!);
    const merged = withTags(resource.tags, (input.Tags ?? []).map((tag) => ({ Key: tag.Key!, Value: tag.Value ?? '' })));
    if (merged.length > TAGS_PER_RESOURCE) throw new AwsError('TagQuotaPerResourceExceeded', `A resource can have at most ${TAGS_PER_RESOURCE} tags.`);
    resource.tags = merged;
    return { TagList: resource.tags };
  };

  const RemoveTagsFromResource: Handler<RemoveTagsFromResourceCommandInput, RemoveTagsFromResourceCommandOutput> = (input) => {
    const resource = tagsOf(input.ResourceName!);
    resource.tags = withoutTags(resource.tags, (input.TagKeys ?? []).map((Key) => ({ Key })));
    return { TagList: resource.tags };
  };

  const ListTagsForResource: Handler<ListTagsForResourceCommandInput, ListTagsForResourceCommandOutput> = (input) => ({
    TagList: tagsOf(input.ResourceName!).tags,
  });

  return { AddTagsToResource, RemoveTagsFromResource, ListTagsForResource };
}

function raise(error: AwsError): never {
  throw error;
}
