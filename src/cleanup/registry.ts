/** Every resource type lab can create and clean up, found by name or by the call that creates it; each service's descriptor lists its own. */
import { SERVICES } from '../aws/services.js';
import type { ResourceType } from './resource-type.js';

const ALL: ResourceType[] = Object.values(SERVICES).flatMap((service) => [...service.cleanup]);
const BY_NAME = new Map(ALL.map((type) => [type.name, type]));
const BY_CREATE = new Map(
  Object.values(SERVICES).flatMap((service) => service.cleanup.map((type): [string, ResourceType] => [`${service.namespace}#${type.createdBy}`, type])),
);
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
