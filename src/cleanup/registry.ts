/** Every resource type lab can create and clean up, found by name or by the call that creates it. */
import type { ResourceType } from './resource-type.js';
import { dynamodbResourceTypes } from './types/dynamodb.js';
import { ec2ResourceTypes } from './types/ec2.js';
import { elasticacheResourceTypes } from './types/elasticache.js';
import { iamResourceTypes } from './types/iam.js';
import { s3ResourceTypes } from './types/s3.js';
import { snsResourceTypes } from './types/sns.js';

const ALL: ResourceType[] = [...ec2ResourceTypes, ...s3ResourceTypes, ...snsResourceTypes, ...iamResourceTypes, ...dynamodbResourceTypes, ...elasticacheResourceTypes];
const BY_NAME = new Map(ALL.map((type) => [type.name, type]));
const BY_CREATE = new Map(ALL.map((type) => [`${type.createdBy.namespace}#${type.createdBy.operation}`, type]));

export function resourceTypes(): readonly ResourceType[] {
  return ALL;
}

export function resourceType(name: string): ResourceType | undefined {
  return BY_NAME.get(name);
}

/** The type a create call makes, or undefined when the call creates nothing lab tracks. */
export function typeCreatedBy(namespace: string, operation: string): ResourceType | undefined {
  return BY_CREATE.get(`${namespace}#${operation}`);
}
