/**
 * ElastiCache's errors as AWS words them. Codes are the SDK's shape names; the query codec
 * puts each one's wire code and status (`ReplicationGroupNotFoundFault` -> 404) on the wire.
 */
import { AwsError } from '../../errors.js';

export const replicationGroupNotFound = (id: string): AwsError =>
  new AwsError('ReplicationGroupNotFoundFault', `Replication group ${id} not found.`);

export const replicationGroupAlreadyExists = (): AwsError =>
  new AwsError('ReplicationGroupAlreadyExistsFault', 'Replication group with specified name already exists.');

export const invalidReplicationGroupState = (message: string): AwsError => new AwsError('InvalidReplicationGroupStateFault', message);

export const cacheClusterNotFound = (id: string): AwsError => new AwsError('CacheClusterNotFoundFault', `CacheCluster not found: ${id}`);

export const invalidCacheClusterState = (message: string): AwsError => new AwsError('InvalidCacheClusterStateFault', message);

export const cacheSubnetGroupNotFound = (name: string): AwsError =>
  new AwsError('CacheSubnetGroupNotFoundFault', `Cache subnet group ${name} not found.`);

export const cacheSubnetGroupAlreadyExists = (name: string): AwsError =>
  new AwsError('CacheSubnetGroupAlreadyExistsFault', `Cache subnet group ${name} already exists.`);

export const cacheSubnetGroupInUse = (name: string): AwsError =>
  new AwsError('CacheSubnetGroupInUse', `Cache subnet group ${name} is currently in use by a cache cluster.`);

export const invalidSubnet = (message: string): AwsError => new AwsError('InvalidSubnet', message);

export const cacheParameterGroupNotFound = (name: string): AwsError =>
  new AwsError('CacheParameterGroupNotFoundFault', `CacheParameterGroup ${name} not found.`);

export const cacheParameterGroupAlreadyExists = (name: string): AwsError =>
  new AwsError('CacheParameterGroupAlreadyExistsFault', `Parameter group ${name} already exists.`);

export const invalidCacheParameterGroupState = (message: string): AwsError => new AwsError('InvalidCacheParameterGroupStateFault', message);

export const snapshotNotFound = (name: string): AwsError => new AwsError('SnapshotNotFoundFault', `Snapshot ${name} not found.`);

export const snapshotAlreadyExists = (name: string): AwsError => new AwsError('SnapshotAlreadyExistsFault', `Snapshot ${name} already exists.`);

export const invalidSnapshotState = (message: string): AwsError => new AwsError('InvalidSnapshotStateFault', message);

export const testFailoverNotAvailable = (message: string): AwsError => new AwsError('TestFailoverNotAvailableFault', message);

export const invalidParameterValue = (message: string): AwsError => new AwsError('InvalidParameterValueException', message);

export const invalidParameterCombination = (message: string): AwsError => new AwsError('InvalidParameterCombinationException', message);

/** No redis-server to run a node on: AWS's "no capacity" fault, with the install command as the reason. */
export const insufficientCapacity = (reason: string): AwsError => new AwsError('InsufficientCacheClusterCapacityFault', reason);

export const nodeGroupNotFound = (id: string): AwsError => new AwsError('NodeGroupNotFoundFault', `NodeGroup ${id} not found.`);
