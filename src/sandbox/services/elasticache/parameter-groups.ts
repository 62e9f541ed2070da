/**
 * Cache parameter groups: the built-in `default.<family>` groups, which exist everywhere
 * and cannot change, and the learner's own. A changed value reaches every running node of
 * every replication group using the group at once, with CONFIG SET.
 */
import type {
  CacheParameterGroup, CreateCacheParameterGroupCommandInput, CreateCacheParameterGroupCommandOutput,
  DeleteCacheParameterGroupCommandInput, DeleteCacheParameterGroupCommandOutput, DescribeCacheParameterGroupsCommandInput,
  DescribeCacheParameterGroupsCommandOutput, DescribeCacheParametersCommandInput, DescribeCacheParametersCommandOutput,
  DescribeEngineDefaultParametersCommandInput, DescribeEngineDefaultParametersCommandOutput, ModifyCacheParameterGroupCommandInput,
  ModifyCacheParameterGroupCommandOutput, ResetCacheParameterGroupCommandInput, ResetCacheParameterGroupCommandOutput,
} from '@aws-sdk/client-elasticache';
import type { Handler } from '../../service.js';
import {
  cacheParameterGroupAlreadyExists, cacheParameterGroupNotFound, invalidCacheParameterGroupState, invalidParameterCombination,
  invalidParameterValue,
} from './errors.js';
import { page } from './pages.js';
import { definition, describeParameters, FAMILIES, isAllowed, redisConfig } from './parameters.js';
import type { ServiceParts } from './parts.js';
import { arn, type CacheParameterGroupRecord, type ElastiCacheState } from './state.js';

const DEFAULT_PREFIX = 'default.';

export function parameterGroupOperations(parts: ServiceParts) {
  const { state } = parts;

  const CreateCacheParameterGroup: Handler<CreateCacheParameterGroupCommandInput, CreateCacheParameterGroupCommandOutput> = (input, ctx) => {
    const name = input.CacheParameterGroupName!;
    const family = input.CacheParameterGroupFamily!;
    if (FAMILIES[family] === undefined) {
      throw invalidParameterValue(`The parameter CacheParameterGroupFamily ${family} is not valid. The lab sandbox offers ${Object.keys(FAMILIES).join(', ')}.`);
    }
    if (name.toLowerCase().startsWith(DEFAULT_PREFIX) || !/^[a-zA-Z][a-zA-Z0-9-]{0,254}$/.test(name)) {
      throw invalidParameterValue(`Invalid parameter group name: ${name}`);
    }
    const groups = state.region(ctx.region).cacheParameterGroups;
    if (groups[name.toLowerCase()]) throw cacheParameterGroupAlreadyExists(name);
    const group: CacheParameterGroupRecord = {
      name: name.toLowerCase(), family, description: input.Description!, values: {},
      tags: input.Tags?.map((tag) => ({ Key: tag.Key!, Value: tag.Value ?? '' })) ?? [],
    };
    groups[group.name] = group;
    return { CacheParameterGroup: view(ctx.region, group) };
  };

  const DescribeCacheParameterGroups: Handler<DescribeCacheParameterGroupsCommandInput, DescribeCacheParameterGroupsCommandOutput> = (input, ctx) => {
    const groups = input.CacheParameterGroupName === undefined
      ? [...Object.keys(FAMILIES).map(defaultGroup), ...Object.values(state.region(ctx.region).cacheParameterGroups)]
      : [parameterGroup(state, ctx.region, input.CacheParameterGroupName)];
    const { items, Marker } = page(groups, input.Marker, input.MaxRecords);
    return { CacheParameterGroups: items.map((group) => view(ctx.region, group)), ...(Marker ? { Marker } : {}) };
  };

  const DescribeCacheParameters: Handler<DescribeCacheParametersCommandInput, DescribeCacheParametersCommandOutput> = (input, ctx) => {
    const group = parameterGroup(state, ctx.region, input.CacheParameterGroupName!);
    const all = describeParameters(group.values, group.family);
    const source = input.Source === 'engine-default' ? 'system' : input.Source;
    const { items, Marker } = page(source === undefined ? all : all.filter((p) => p.Source === source), input.Marker, input.MaxRecords);
    return { Parameters: items, CacheNodeTypeSpecificParameters: [], ...(Marker ? { Marker } : {}) };
  };

  const DescribeEngineDefaultParameters: Handler<DescribeEngineDefaultParametersCommandInput, DescribeEngineDefaultParametersCommandOutput> = (input) => {
    const family = input.CacheParameterGroupFamily!;
    if (FAMILIES[family] === undefined) throw invalidParameterValue(`The parameter CacheParameterGroupFamily ${family} is not valid.`);
    return { EngineDefaults: { CacheParameterGroupFamily: family, Parameters: describeParameters({}, family), CacheNodeTypeSpecificParameters: [] } };
  };

  const ModifyCacheParameterGroup: Handler<ModifyCacheParameterGroupCommandInput, ModifyCacheParameterGroupCommandOutput> = async (input, ctx) => {
    const group = ownGroup(state, ctx.region, input.CacheParameterGroupName!, 'modified');
    const changes: Record<string, string> = {};
    for (const { ParameterName, ParameterValue } of input.ParameterNameValues ?? []) {
      const parameter = definition(ParameterName ?? '');
      if (parameter === undefined) throw invalidParameterValue(`Unrecognized parameter: ${ParameterName}`);
      if (!parameter.modifiable) throw invalidParameterValue(`Parameter ${ParameterName} is not modifiable.`);
      if (ParameterValue === undefined || !isAllowed(parameter, ParameterValue)) {
        throw invalidParameterValue(`Value (${ParameterValue}) for parameter ${ParameterName} is invalid. Allowed values: ${parameter.allowedValues ?? 'any'}.`);
      }
      changes[parameter.name] = ParameterValue;
    }
    if (Object.keys(changes).length === 0) throw invalidParameterValue('At least one parameter must be specified in ParameterNameValues.');
    Object.assign(group.values, changes);
    await applyLive(parts, ctx.region, group);
    return { CacheParameterGroupName: group.name };
  };

  const ResetCacheParameterGroup: Handler<ResetCacheParameterGroupCommandInput, ResetCacheParameterGroupCommandOutput> = async (input, ctx) => {
    const group = ownGroup(state, ctx.region, input.CacheParameterGroupName!, 'reset');
    const names = (input.ParameterNameValues ?? []).map((p) => p.ParameterName ?? '');
    if (input.ResetAllParameters && names.length > 0) {
      throw invalidParameterCombination('ResetAllParameters cannot be combined with ParameterNameValues.');
    }
    if (!input.ResetAllParameters && names.length === 0) throw invalidParameterValue('Either ResetAllParameters or ParameterNameValues must be specified.');
    for (const name of names) {
      if (definition(name) === undefined) throw invalidParameterValue(`Unrecognized parameter: ${name}`);
    }
    group.values = input.ResetAllParameters ? {} : Object.fromEntries(Object.entries(group.values).filter(([name]) => !names.includes(name)));
    await applyLive(parts, ctx.region, group);
    return { CacheParameterGroupName: group.name };
  };

  const DeleteCacheParameterGroup: Handler<DeleteCacheParameterGroupCommandInput, DeleteCacheParameterGroupCommandOutput> = (input, ctx) => {
    const name = input.CacheParameterGroupName!;
    if (name.toLowerCase().startsWith(DEFAULT_PREFIX)) throw invalidCacheParameterGroupState('Default parameter groups cannot be deleted.');
    const region = state.region(ctx.region);
    const group = parameterGroup(state, ctx.region, name);
    if (Object.values(region.replicationGroups).some((candidate) => candidate.cacheParameterGroupName === group.name)) {
      throw invalidCacheParameterGroupState(`One or more cache clusters are still members of this parameter group, ${group.name}, so the group cannot be deleted.`);
    }
    delete region.cacheParameterGroups[group.name];
    return {};
  };

  return {
    CreateCacheParameterGroup, DescribeCacheParameterGroups, DescribeCacheParameters, DescribeEngineDefaultParameters,
    ModifyCacheParameterGroup, ResetCacheParameterGroup, DeleteCacheParameterGroup,
  };
}

/** A group by name: the learner's, or a built-in `default.<family>`. */
export function parameterGroup(state: ElastiCacheState, region: string, name: string): CacheParameterGroupRecord {
  const own = state.region(region).cacheParameterGroups[name.toLowerCase()];
  if (own) return own;
  const family = name.startsWith(DEFAULT_PREFIX) ? name.slice(DEFAULT_PREFIX.length) : undefined;
  if (family !== undefined && FAMILIES[family] !== undefined) return defaultGroup(family);
  throw cacheParameterGroupNotFound(name);
}

/** The Redis configuration a group's nodes run with. */
export function parameterValues(group: CacheParameterGroupRecord): Record<string, string> {
  return redisConfig(group.values);
}

function ownGroup(state: ElastiCacheState, region: string, name: string, verb: string): CacheParameterGroupRecord {
  const group = parameterGroup(state, region, name);
  if (group.name.startsWith(DEFAULT_PREFIX)) throw invalidParameterValue(`Default parameter groups cannot be ${verb}: ${group.name}.`);
  return group;
}

async function applyLive(parts: ServiceParts, region: string, group: CacheParameterGroupRecord): Promise<void> {
  for (const replicationGroup of Object.values(parts.state.region(region).replicationGroups)) {
    if (replicationGroup.cacheParameterGroupName !== group.name) continue;
    await parts.nodes.group(region, replicationGroup.id)?.applyConfig(parameterValues(group));
  }
}

function defaultGroup(family: string): CacheParameterGroupRecord {
  return { name: `${DEFAULT_PREFIX}${family}`, family, description: `Default parameter group for ${family}`, values: {}, tags: [] };
}

function view(region: string, group: CacheParameterGroupRecord): CacheParameterGroup {
  return {
    CacheParameterGroupName: group.name,
    CacheParameterGroupFamily: group.family,
    Description: group.description,
    IsGlobal: false,
    ARN: arn(region, 'parametergroup', group.name),
  };
}
