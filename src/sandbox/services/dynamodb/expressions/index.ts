/**
 * DynamoDB's expression language, for the DynamoDB service's handlers: parse each
 * expression of a request through one ExpressionAttributes, call `assertAllUsed`, then
 * evaluate, update or project items with the parsed forms.
 */
export type { AttributeValue, Item } from './attribute-value.js';
export type { Condition, DocumentPath, UpdateAction } from './ast.js';
export { parseCondition } from './condition-parser.js';
export { evaluateCondition } from './evaluate.js';
export { parseKeyCondition, type KeyConditions, type KeySchema, type SortKeyCondition } from './key-condition.js';
export { addNumbers, compareNumbers, normalizeNumber, subtractNumbers } from './numbers.js';
export { ExpressionAttributes, type ExpressionKind } from './placeholders.js';
export { applyProjection, parseProjection } from './projection.js';
export { isReservedWord, RESERVED_WORDS } from './reserved-words.js';
export { applyUpdate, type UpdateResult } from './update.js';
export { parseUpdate } from './update-parser.js';
