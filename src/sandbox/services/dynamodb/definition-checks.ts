/**
 * What CreateTable and UpdateTable check alike of a table's definition and an index's, in
 * AWS's words: the name, the key schema's length and that its attributes are defined, and
 * provisioned capacity units. Each caller keeps its own order of checks, as AWS does.
 */
import type { KeySchemaElement as SdkKeySchemaElement } from '@aws-sdk/client-dynamodb';
import { constraintViolation, invalidParameter } from './errors.js';
import type { KeySchemaElement, Throughput } from './state.js';

/** A table's or index's name: 3 to 255 letters, digits, `_`, `.` or `-`. */
export function checkName(name: string, member: string): void {
  if (name.length < 3 || name.length > 255) {
    throw constraintViolation(name, member, `Member must have length ${name.length < 3 ? 'greater than or equal to 3' : 'less than or equal to 255'}`);
  }
  if (!/^[a-zA-Z0-9_.-]+$/.test(name)) throw constraintViolation(name, member, 'Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+');
}

/** A key schema of one or two elements. */
export function keySchemaElements(keySchema: SdkKeySchemaElement[] | undefined, member: string): KeySchemaElement[] {
  const elements = (keySchema ?? []).map((k) => ({ AttributeName: k.AttributeName!, KeyType: k.KeyType as 'HASH' | 'RANGE' }));
  if (elements.length < 1 || elements.length > 2) {
    throw constraintViolation(JSON.stringify(keySchema), member, `Member must have length ${elements.length < 1 ? 'greater than or equal to 1' : 'less than or equal to 2'}`);
  }
  return elements;
}

export function checkKeysDefined(keySchema: KeySchemaElement[], defined: string[]): void {
  if (keySchema.some((k) => !defined.includes(k.AttributeName))) {
    throw invalidParameter(`Some index key attributes are not defined in AttributeDefinitions. Keys: [${keySchema.map((k) => k.AttributeName).join(', ')}], AttributeDefinitions: [${defined.join(', ')}]`);
  }
}

/** At least one read and one write unit. */
export function checkCapacityUnits(throughput: Throughput, member: string): void {
  for (const [name, units] of [['readCapacityUnits', throughput.ReadCapacityUnits], ['writeCapacityUnits', throughput.WriteCapacityUnits]] as const) {
    if (units < 1) throw constraintViolation(units, `${member}.${name}`, 'Member must have value greater than or equal to 1');
  }
}
