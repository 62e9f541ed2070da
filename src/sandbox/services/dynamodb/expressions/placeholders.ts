/**
 * One request's ExpressionAttributeNames and ExpressionAttributeValues. Every expression
 * of the request (say UpdateExpression and ConditionExpression) resolves through the same
 * object, because DynamoDB rejects a placeholder that none of them uses.
 */
import { AwsError } from '../../../errors.js';
import type { AttributeValue } from './attribute-value.js';

export type ExpressionKind =
  | 'ConditionExpression'
  | 'FilterExpression'
  | 'KeyConditionExpression'
  | 'UpdateExpression'
  | 'ProjectionExpression';

export class ExpressionAttributes {
  private readonly usedNames = new Set<string>();
  private readonly usedValues = new Set<string>();
  private expressions = 0;

  constructor(
    private readonly names: Record<string, string> | undefined,
    private readonly values: Record<string, AttributeValue> | undefined,
  ) {
    checkKeys('ExpressionAttributeNames', names, '#');
    checkKeys('ExpressionAttributeValues', values, ':');
  }

  /** Counts an expression of the request, so `assertAllUsed` knows expressions were given. */
  noteExpression(): void {
    this.expressions += 1;
  }

  name(kind: ExpressionKind, placeholder: string): string {
    const name = this.names?.[placeholder];
    if (name === undefined) {
      throw invalid(kind, `An expression attribute name used in the document path is not defined; attribute name: ${placeholder}`);
    }
    this.usedNames.add(placeholder);
    return name;
  }

  value(kind: ExpressionKind, placeholder: string): AttributeValue {
    const value = this.values?.[placeholder];
    if (value === undefined) {
      throw invalid(kind, `An expression attribute value used in expression is not defined; attribute value: ${placeholder}`);
    }
    this.usedValues.add(placeholder);
    return value;
  }

  /** Call once every expression of the request is parsed. */
  assertAllUsed(): void {
    for (const [member, given, used] of [
      ['ExpressionAttributeNames', this.names, this.usedNames],
      ['ExpressionAttributeValues', this.values, this.usedValues],
    ] as const) {
      if (!given) continue;
      if (this.expressions === 0) {
        throw new AwsError('ValidationException', `${member} can only be specified when using expressions`);
      }
      const unused = Object.keys(given).filter((k) => !used.has(k));
      if (unused.length) {
        throw new AwsError('ValidationException', `Value provided in ${member} unused in expressions: keys: {${unused.join(', ')}}`);
      }
    }
  }
}

export function invalid(kind: ExpressionKind, detail: string): AwsError {
  return new AwsError('ValidationException', `Invalid ${kind}: ${detail}`);
}

function checkKeys(member: string, map: Record<string, unknown> | undefined, sigil: string): void {
  if (!map) return;
  const keys = Object.keys(map);
  if (keys.length === 0) throw new AwsError('ValidationException', `${member} must not be empty`);
  const bad = keys.find((k) => !new RegExp(`^${sigil}[A-Za-z0-9_]+$`).test(k));
  if (bad !== undefined) {
    throw new AwsError('ValidationException', `${member} contains invalid key: Syntax error; key: "${bad}"`);
  }
}
