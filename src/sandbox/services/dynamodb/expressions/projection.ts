/**
 * ProjectionExpression: a comma-separated list of document paths, and the item cut down
 * to them. Projected list elements come back packed together in their original order
 * (`a[1], a[3]` yields a two-element list), as DynamoDB returns them.
 */
import type { AttributeValue, Item } from './attribute-value.js';
import type { DocumentPath } from './ast.js';
import { Parser, Stage } from './parser.js';
import { assertDisjoint, child, readPath } from './paths.js';
import type { ExpressionAttributes } from './placeholders.js';

export function parseProjection(expression: string, attributes: ExpressionAttributes): DocumentPath[] {
  return new ProjectionParser('ProjectionExpression', expression, attributes).parse();
}

class ProjectionParser extends Parser<DocumentPath[]> {
  protected readonly keywords: ReadonlySet<string> = new Set();

  protected parseExpression(): DocumentPath[] {
    const paths = [this.parsePath()];
    while (this.accept(',')) paths.push(this.parsePath());
    this.defer(Stage.Paths, () => assertDisjoint(this.kind, paths));
    return paths;
  }
}

/** The projected shape being built: maps by key, lists by original index. */
type Node = { leaf: AttributeValue } | { map: Map<string, Node> } | { list: Map<number, Node> };

export function applyProjection(item: Item, paths: readonly DocumentPath[]): Item {
  const root: Node = { map: new Map() };
  // Only paths that resolve take part, so a half-matching path leaves no empty shell behind.
  for (const path of paths) if (readPath(item, path) !== undefined) place(root, { M: item }, path);
  return (materialize(root) as { M: Item }).M;
}

function place(node: Node, source: AttributeValue, path: DocumentPath): void {
  let [target, value] = [node, source];
  for (const [i, element] of path.entries()) {
    const next = child(value, element)!;
    const children: Map<string | number, Node> = 'map' in target ? target.map : 'list' in target ? target.list : new Map();
    const key = 'name' in element ? element.name : element.index;
    let existing = children.get(key);
    if (i === path.length - 1) existing = { leaf: next };
    else if (!existing) existing = 'M' in next ? { map: new Map() } : { list: new Map() };
    children.set(key, existing);
    [target, value] = [existing, next];
  }
}

function materialize(node: Node): AttributeValue {
  if ('leaf' in node) return structuredClone(node.leaf);
  if ('map' in node) return { M: Object.fromEntries([...node.map].map(([k, v]) => [k, materialize(v)])) };
  return { L: [...node.list].sort(([a], [b]) => a - b).map(([, v]) => materialize(v)) };
}
