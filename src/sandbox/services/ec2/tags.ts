/**
 * Tags on any EC2 resource, kept beside the resources by id so that CreateTags works on
 * every kind alike, plus the CreateTags / DeleteTags / DescribeTags operations.
 */
import type {
  CreateTagsCommandInput,
  CreateTagsCommandOutput,
  DeleteTagsCommandInput,
  DeleteTagsCommandOutput,
  DescribeTagsCommandInput,
  DescribeTagsCommandOutput,
  ResourceType,
  Tag,
  TagDescription,
  TagSpecification,
} from '@aws-sdk/client-ec2';
import type { Handler } from '../../service.js';
import { AwsError, missingParameter } from '../../errors.js';
import { withoutTags, withTags, type Tag as StoredTag } from '../../kit/tags.js';
import { applyFilters } from './filters.js';
import type { RegionState } from './records.js';
import type { Ec2State } from './state.js';

export function tagsOf(region: RegionState, id: string): StoredTag[] {
  return region.tags[id] ?? [];
}

/** Tags as a response carries them: absent rather than empty, as EC2 answers. */
export function tagList(region: RegionState, id: string): Tag[] | undefined {
  const tags = region.tags[id];
  return tags?.length ? tags.map((t) => ({ ...t })) : undefined;
}

export function setTags(region: RegionState, id: string, tags: readonly Tag[]): void {
  if (tags.some((tag) => !tag.Key)) throw new AwsError('InvalidParameterValue', 'Tag key must not be empty');
  const merged = withTags(tagsOf(region, id), tags.map((tag) => ({ Key: tag.Key!, Value: tag.Value ?? '' })));
  if (merged.length > 50) {
    throw new AwsError('TagLimitExceeded', 'The maximum number of Tags for a resource has been reached.');
  }
  region.tags[id] = merged;
}

export function forgetTags(region: RegionState, id: string): void {
  delete region.tags[id];
}

/** Applies the TagSpecifications of a create call that name this resource type. */
export function applyTagSpecifications(
  region: RegionState,
  specs: readonly TagSpecification[] | undefined,
  resourceType: ResourceType,
  id: string,
): void {
  for (const spec of specs ?? []) {
    if (spec.ResourceType === resourceType) setTags(region, id, spec.Tags ?? []);
  }
}

/** The EC2 resource type an id names, by its prefix, as DescribeTags reports it. */
const RESOURCE_TYPES: Record<string, ResourceType> = {
  vpc: 'vpc',
  subnet: 'subnet',
  igw: 'internet-gateway',
  rtb: 'route-table',
  sg: 'security-group',
  key: 'key-pair',
  ami: 'image',
  snap: 'snapshot',
  i: 'instance',
  eni: 'network-interface',
  lt: 'launch-template',
  vol: 'volume',
};

export function resourceTypeOf(id: string): ResourceType | undefined {
  return RESOURCE_TYPES[id.slice(0, id.lastIndexOf('-'))];
}

function resourceExists(region: RegionState, id: string): boolean {
  const maps: Record<string, object> = {
    vpc: region.vpcs,
    subnet: region.subnets,
    igw: region.internetGateways,
    rtb: region.routeTables,
    sg: region.securityGroups,
    ami: region.images,
    snap: region.snapshots,
    i: region.instances,
    eni: region.networkInterfaces,
    lt: region.launchTemplates,
  };
  const prefix = id.slice(0, id.lastIndexOf('-'));
  if (prefix === 'key') return Object.values(region.keyPairs).some((k) => k.keyPairId === id);
  if (prefix === 'vol') return Object.values(region.instances).some((i) => i.rootVolumeId === id);
  return Object.hasOwn(maps, prefix) && Object.hasOwn(maps[prefix]!, id);
}

function checkResource(region: RegionState, id: string): void {
  if (!resourceExists(region, id)) throw new AwsError('InvalidID', `The ID '${id}' is not valid`);
}

export function tagOperations(ec2: Ec2State) {
  const CreateTags: Handler<CreateTagsCommandInput, CreateTagsCommandOutput> = (input, ctx) => {
    const region = ec2.region(ctx.region);
    if (!input.Resources?.length) throw missingParameter('resourceIdSet');
    if (!input.Tags?.length) throw missingParameter('tagSet');
    input.Resources.forEach((id) => checkResource(region, id));
    input.Resources.forEach((id) => setTags(region, id, input.Tags!));
    return {};
  };

  const DeleteTags: Handler<DeleteTagsCommandInput, DeleteTagsCommandOutput> = (input, ctx) => {
    const region = ec2.region(ctx.region);
    if (!input.Resources?.length) throw missingParameter('resourceIdSet');
    input.Resources.forEach((id) => checkResource(region, id));
    for (const id of input.Resources) {
      // Without Tags every tag goes; a tag given without a value goes whatever its value.
      const remaining = input.Tags?.length
        ? withoutTags(tagsOf(region, id), input.Tags.map((tag) => ({ Key: tag.Key ?? '', ...(tag.Value === undefined ? {} : { Value: tag.Value }) })))
        : [];
      if (remaining.length) region.tags[id] = remaining;
      else forgetTags(region, id);
    }
    return {};
  };

  const DescribeTags: Handler<DescribeTagsCommandInput, DescribeTagsCommandOutput> = (input, ctx) => {
    const region = ec2.region(ctx.region);
    const all: TagDescription[] = Object.entries(region.tags).flatMap(([id, tags]) =>
      tags.map((t) => ({ ResourceId: id, ResourceType: resourceTypeOf(id), Key: t.Key, Value: t.Value })),
    );
    const matching = applyFilters(
      all,
      input.Filters?.map((f) => (f.Name === 'tag-key' ? { ...f, Name: 'key' } : f.Name === 'tag-value' ? { ...f, Name: 'value' } : f)),
      {
        'resource-id': (t) => t.ResourceId,
        'resource-type': (t) => t.ResourceType,
        key: (t) => t.Key,
        value: (t) => t.Value,
      },
      () => [],
    );
    return { Tags: matching };
  };

  return { CreateTags, DeleteTags, DescribeTags };
}
