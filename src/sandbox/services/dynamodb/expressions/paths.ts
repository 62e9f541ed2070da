/** Reading document paths in an item, and DynamoDB's rule that one request's paths be disjoint. */
import type { AttributeValue, Item } from './attribute-value.js';
import { formatPath, type DocumentPath, type PathElement } from './ast.js';
import { invalid, type ExpressionKind } from './placeholders.js';

/** The value at `path`, or undefined when any step is missing or of the wrong type. */
export function readPath(item: Item, path: DocumentPath): AttributeValue | undefined {
  let current: AttributeValue | undefined = { M: item };
  for (const element of path) current = current && child(current, element);
  return current;
}

export function child(value: AttributeValue, element: PathElement): AttributeValue | undefined {
  if ('name' in element) return 'M' in value ? value.M[element.name] : undefined;
  return 'L' in value ? value.L[element.index] : undefined;
}

function sameElement(a: PathElement, b: PathElement): boolean {
  return 'name' in a ? 'name' in b && a.name === b.name : 'index' in b && a.index === b.index;
}

/**
 * DynamoDB refuses two paths where one contains the other ("overlap"), then two that
 * treat the same attribute as a map in one and a list in the other ("conflict"); it
 * looks for overlaps among all pairs before any conflict.
 */
export function assertDisjoint(kind: ExpressionKind, paths: readonly DocumentPath[]): void {
  for (const [relation, test] of [
    ['overlap', overlaps],
    ['conflict', conflicts],
  ] as const) {
    for (let i = 0; i < paths.length; i++) {
      for (let j = i + 1; j < paths.length; j++) {
        if (!test(paths[i]!, paths[j]!)) continue;
        throw invalid(
          kind,
          `Two document paths ${relation} with each other; must remove or rewrite one of these paths; path one: ${formatPath(paths[i]!)}, path two: ${formatPath(paths[j]!)}`,
        );
      }
    }
  }
}

function overlaps(a: DocumentPath, b: DocumentPath): boolean {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) if (!sameElement(a[i]!, b[i]!)) return false;
  return true;
}

function conflicts(a: DocumentPath, b: DocumentPath): boolean {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    if (sameElement(a[i]!, b[i]!)) continue;
    return 'name' in a[i]! !== 'name' in b[i]!;
  }
  return false;
}
