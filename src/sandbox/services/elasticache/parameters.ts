/**
 * The parameters of a cache parameter group family, with ElastiCache's defaults (not
 * Redis's: ElastiCache evicts with volatile-lru out of the box). Those marked `live` are
 * Redis configuration names, applied to running nodes with CONFIG SET.
 */
import type { Parameter } from '@aws-sdk/client-elasticache';

interface Definition {
  name: string;
  value: string;
  description: string;
  dataType: 'string' | 'integer';
  allowedValues?: string;
  modifiable: boolean;
  changeType: 'immediate' | 'requires-reboot';
  /** A Redis configuration name, set on the nodes when it changes. */
  live: boolean;
}

const POLICIES = 'volatile-lru,allkeys-lru,volatile-lfu,allkeys-lfu,volatile-random,allkeys-random,volatile-ttl,noeviction';

const DEFINITIONS: readonly Definition[] = [
  { name: 'activerehashing', value: 'yes', description: 'Apply rehashing or not.', dataType: 'string', allowedValues: 'yes,no', modifiable: true, changeType: 'requires-reboot', live: false },
  { name: 'appendonly', value: 'no', description: 'Enable Redis persistence.', dataType: 'string', allowedValues: 'yes,no', modifiable: false, changeType: 'immediate', live: false },
  { name: 'cluster-enabled', value: 'no', description: 'Enable cluster mode', dataType: 'string', allowedValues: 'yes,no', modifiable: true, changeType: 'requires-reboot', live: false },
  { name: 'databases', value: '16', description: 'Set the number of databases.', dataType: 'integer', allowedValues: '1-1200000', modifiable: true, changeType: 'requires-reboot', live: false },
  { name: 'lazyfree-lazy-eviction', value: 'no', description: 'Perform an asynchronous delete on evictions', dataType: 'string', allowedValues: 'yes,no', modifiable: true, changeType: 'immediate', live: true },
  { name: 'maxclients', value: '65000', description: 'The maximum number of Redis clients.', dataType: 'integer', allowedValues: '1-65000', modifiable: false, changeType: 'immediate', live: false },
  { name: 'maxmemory', value: '0', description: 'Lab sandbox only: the most bytes of data a node holds, 0 for no limit. On AWS the node type sets it.', dataType: 'integer', allowedValues: '0-', modifiable: true, changeType: 'immediate', live: true },
  { name: 'maxmemory-policy', value: 'volatile-lru', description: 'Max memory policy.', dataType: 'string', allowedValues: POLICIES, modifiable: true, changeType: 'immediate', live: true },
  { name: 'maxmemory-samples', value: '3', description: 'Max memory samples.', dataType: 'integer', allowedValues: '1-', modifiable: true, changeType: 'immediate', live: true },
  { name: 'notify-keyspace-events', value: '', description: 'The keyspace events for Redis to notify Pub/Sub clients about. By default all notifications are disabled', dataType: 'string', modifiable: true, changeType: 'immediate', live: true },
  { name: 'reserved-memory-percent', value: '25', description: 'The percent of memory to reserve for non-cache memory usage. You may want to increase this parameter for nodes with read replicas, AOF enabled, etc, to reduce swap usage.', dataType: 'integer', allowedValues: '0-100', modifiable: true, changeType: 'immediate', live: false },
  { name: 'tcp-keepalive', value: '300', description: 'If non-zero, send ACKs every given number of seconds.', dataType: 'integer', allowedValues: '0-', modifiable: true, changeType: 'immediate', live: true },
  { name: 'timeout', value: '0', description: 'Close connection if client is idle for a given number of seconds, or never if 0.', dataType: 'integer', allowedValues: '0,20-', modifiable: true, changeType: 'immediate', live: true },
];

/** The Redis families the sandbox offers, and the engine version each stands for. */
export const FAMILIES: Readonly<Record<string, string>> = { 'redis7': '7.1', 'redis6.x': '6.2', 'redis5.0': '5.0.6' };

export function familyOf(engineVersion: string): string | undefined {
  const major = engineVersion.split('.')[0];
  return major === '7' ? 'redis7' : major === '6' ? 'redis6.x' : major === '5' ? 'redis5.0' : undefined;
}

export function definition(name: string): Definition | undefined {
  return DEFINITIONS.find((candidate) => candidate.name === name);
}

/** Every parameter of a group with the values it holds; `Source` says whether the user set it. */
export function describeParameters(values: Readonly<Record<string, string>>, family: string): Parameter[] {
  return DEFINITIONS.map((d) => ({
    ParameterName: d.name,
    ParameterValue: values[d.name] ?? d.value,
    Description: d.description,
    Source: d.name in values ? 'user' : 'system',
    DataType: d.dataType,
    ...(d.allowedValues === undefined ? {} : { AllowedValues: d.allowedValues }),
    IsModifiable: d.modifiable,
    MinimumEngineVersion: FAMILIES[family] === '5.0.6' ? '5.0.0' : `${FAMILIES[family]?.split('.')[0] ?? '7'}.0.0`,
    ChangeType: d.changeType,
  }));
}

/** The Redis configuration nodes of a group run with: every live parameter's value. */
export function redisConfig(values: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(DEFINITIONS.filter((d) => d.live).map((d) => [d.name, values[d.name] ?? d.value]));
}

/** Whether `value` is one of a parameter's allowed values (a list, or a `min-max` range). */
export function isAllowed(d: Definition, value: string): boolean {
  if (d.allowedValues === undefined) return true;
  if (d.dataType === 'string') return d.allowedValues.split(',').includes(value);
  if (!/^\d+$/.test(value)) return false;
  const number = Number(value);
  return d.allowedValues.split(',').some((range) => {
    const [low, high] = range.split('-');
    return range.includes('-') ? number >= Number(low) && (high === '' || number <= Number(high)) : number === Number(low);
  });
}
