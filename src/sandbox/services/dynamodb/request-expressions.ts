/**
 * The expressions of one item request, parsed together through one ExpressionAttributes so
 * an unused placeholder in any of them is refused, as DynamoDB does.
 */
import {
  ExpressionAttributes, parseCondition, parseKeyCondition, parseProjection, parseUpdate,
  type Condition, type DocumentPath, type KeyConditions, type KeySchema, type UpdateAction,
} from './expressions/index.js';
import { validItem } from './item-values.js';

export interface ExpressionInput {
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, unknown>;
  ConditionExpression?: string;
  FilterExpression?: string;
  KeyConditionExpression?: string;
  UpdateExpression?: string;
  ProjectionExpression?: string;
}

export interface RequestExpressions {
  condition?: Condition;
  filter?: Condition;
  keyCondition?: KeyConditions;
  update?: UpdateAction[];
  projection?: DocumentPath[];
}

export function parseExpressions(input: ExpressionInput, schema: KeySchema): RequestExpressions {
  const values = input.ExpressionAttributeValues && validItem(input.ExpressionAttributeValues);
  const attributes = new ExpressionAttributes(input.ExpressionAttributeNames, values);
  const parsed: RequestExpressions = {};
  if (input.KeyConditionExpression !== undefined) parsed.keyCondition = parseKeyCondition(input.KeyConditionExpression, attributes, schema);
  if (input.UpdateExpression !== undefined) parsed.update = parseUpdate(input.UpdateExpression, attributes);
  if (input.ConditionExpression !== undefined) parsed.condition = parseCondition('ConditionExpression', input.ConditionExpression, attributes);
  if (input.FilterExpression !== undefined) parsed.filter = parseCondition('FilterExpression', input.FilterExpression, attributes);
  if (input.ProjectionExpression !== undefined) parsed.projection = parseProjection(input.ProjectionExpression, attributes);
  attributes.assertAllUsed();
  return parsed;
}
