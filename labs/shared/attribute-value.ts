/**
 * Plain JSON to DynamoDB's attribute values and back, the way the AWS CLI's JSON files hold
 * items: `{"year": {"N": "2013"}}`. Numbers travel as strings so no precision is lost.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';

export type Item = Record<string, AttributeValue>;

export function toAttributeValue(value: unknown): AttributeValue {
  if (value === null) return { NULL: true };
  if (typeof value === 'string') return { S: value };
  if (typeof value === 'number') return { N: String(value) };
  if (typeof value === 'boolean') return { BOOL: value };
  if (Array.isArray(value)) return { L: value.map(toAttributeValue) };
  if (typeof value === 'object') return { M: toItem(value as Record<string, unknown>) };
  throw new TypeError(`DynamoDB has no attribute type for ${typeof value}`);
}

export function toItem(object: Record<string, unknown>): Item {
  return Object.fromEntries(Object.entries(object).map(([name, value]) => [name, toAttributeValue(value)]));
}

/** The plain value of a scalar attribute (S, N or BOOL), for counting and grouping. */
export function scalar(value: AttributeValue | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (value.S !== undefined) return value.S;
  if (value.N !== undefined) return value.N;
  if (value.BOOL !== undefined) return String(value.BOOL);
  return undefined;
}
