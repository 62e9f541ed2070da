/** The parsed forms of DynamoDB's condition, update and projection expressions. */
import type { AttributeValue } from './attribute-value.js';

/** One step of a document path: a map key (already resolved from `#name`) or a list index. */
export type PathElement = { name: string } | { index: number };

export type DocumentPath = PathElement[];

export type Comparator = '=' | '<>' | '<' | '<=' | '>' | '>=';

/** A value a condition or a SET action reads: a path in the item, a `:value`, or a function of them. */
export type Operand =
  | { kind: 'path'; path: DocumentPath }
  | { kind: 'value'; value: AttributeValue }
  | { kind: 'size'; path: DocumentPath };

export type Condition =
  | { kind: 'compare'; op: Comparator; left: Operand; right: Operand }
  | { kind: 'between'; operand: Operand; low: Operand; high: Operand }
  | { kind: 'in'; operand: Operand; list: Operand[] }
  | { kind: 'and' | 'or'; left: Condition; right: Condition }
  | { kind: 'not'; condition: Condition }
  | { kind: 'attribute_exists' | 'attribute_not_exists'; path: DocumentPath }
  | { kind: 'attribute_type'; path: DocumentPath; type: Operand }
  | { kind: 'begins_with' | 'contains'; path: DocumentPath; operand: Operand };

/** The right-hand side of a SET action. */
export type SetValue =
  | { kind: 'operand'; operand: Operand }
  | { kind: 'if_not_exists'; path: DocumentPath; fallback: SetValue }
  | { kind: 'list_append'; first: SetValue; second: SetValue }
  | { kind: 'arithmetic'; op: '+' | '-'; left: SetValue; right: SetValue };

export type UpdateAction =
  | { kind: 'SET'; path: DocumentPath; value: SetValue }
  | { kind: 'REMOVE'; path: DocumentPath }
  | { kind: 'ADD' | 'DELETE'; path: DocumentPath; operand: { value: AttributeValue } };

/** Paths as AWS prints them in messages: `[a, b, [2], c]`. */
export function formatPath(path: DocumentPath): string {
  return `[${path.map((e) => ('name' in e ? e.name : `[${e.index}]`)).join(', ')}]`;
}
