/**
 * SEARCH's query string ("CloudWatch search expression syntax", CloudWatch User Guide):
 * an optional schema `{Namespace, DimName, ...}` that a metric must fit exactly (its
 * namespace, and exactly that set of dimension names), then search terms. A term matches
 * whole tokens of a namespace, metric name, dimension name or value, case-insensitively:
 * names are cut into tokens at camel case, at digits and at punctuation (`CustomCount1`:
 * custom, count, 1, customcount1). A double-quoted term matches a whole name exactly.
 * `MetricName=`, `Namespace=` and `<dimension name>=` confine a term to that property.
 * Terms side by side must all match; AND, OR, NOT (capitals) and parentheses combine them.
 */
import { MathError } from './errors.js';

export interface SearchableMetric {
  Namespace: string;
  MetricName: string;
  Dimensions: ReadonlyArray<{ Name: string; Value: string }>;
}

type Condition =
  | { type: 'term'; text: string; exact: boolean; property?: string }
  | { type: 'and' | 'or'; left: Condition; right: Condition }
  | { type: 'not'; operand: Condition };

export interface SearchQuery {
  schema?: { namespace: string; dimensions: string[] };
  condition?: Condition;
}

export function parseSearch(text: string): SearchQuery {
  let rest = text.trim();
  let schema: SearchQuery['schema'];
  if (rest.startsWith('{')) {
    const close = rest.indexOf('}');
    if (close < 0) throw new MathError(`SEARCH: the metric schema in '${text}' has no closing brace`);
    const names = splitSchema(rest.slice(1, close));
    if (names.length === 0 || names[0] === '') throw new MathError(`SEARCH: the metric schema in '${text}' must name a namespace`);
    schema = { namespace: names[0]!, dimensions: names.slice(1) };
    rest = rest.slice(close + 1).trim();
  }
  const condition = rest === '' ? undefined : parseCondition(rest);
  if (schema === undefined && condition === undefined) throw new MathError('SEARCH needs a metric schema, a search term, or both');
  return { ...(schema ? { schema } : {}), ...(condition ? { condition } : {}) };
}

function splitSchema(inner: string): string[] {
  const names: string[] = [];
  const pattern = /\s*(?:"([^"]*)"|([^,]*?))\s*(?:,|$)/gy;
  let match: RegExpExecArray | null;
  while (pattern.lastIndex < inner.length && (match = pattern.exec(inner)) !== null) {
    names.push(match[1] ?? match[2] ?? '');
    if (match[0] === '') break;
  }
  return names;
}

type SearchToken = { kind: 'word' | 'quoted' | '(' | ')' | '='; text: string };

function lexSearch(text: string): SearchToken[] {
  const tokens: SearchToken[] = [];
  const pattern = /\s*(?:"([^"]*)"|([()=])|([^\s()="]+))/gy;
  let match: RegExpExecArray | null;
  while (pattern.lastIndex < text.length && (match = pattern.exec(text)) !== null) {
    if (match[1] !== undefined) tokens.push({ kind: 'quoted', text: match[1] });
    else if (match[2] !== undefined) tokens.push({ kind: match[2] as '(' | ')' | '=', text: match[2] });
    else if (match[3] !== undefined) tokens.push({ kind: 'word', text: match[3] });
  }
  if (text.slice(pattern.lastIndex).trim() !== '') throw new MathError(`SEARCH: unbalanced quotes in '${text}'`);
  return tokens;
}

function parseCondition(text: string): Condition {
  const tokens = lexSearch(text);
  let i = 0;
  const isWord = (word: string): boolean => tokens[i]?.kind === 'word' && tokens[i]!.text === word;
  const or = (): Condition => {
    let left = and();
    while (isWord('OR')) {
      i++;
      left = { type: 'or', left, right: and() };
    }
    return left;
  };
  const and = (): Condition => {
    let left = not();
    for (;;) {
      if (isWord('AND')) i++;
      else if (i >= tokens.length || tokens[i]!.kind === ')' || isWord('OR')) return left;
      left = { type: 'and', left, right: not() };
    }
  };
  const not = (): Condition => {
    if (isWord('NOT')) {
      i++;
      return { type: 'not', operand: not() };
    }
    return term();
  };
  const term = (): Condition => {
    const token = tokens[i++];
    if (token === undefined) throw new MathError(`SEARCH: the search term '${text}' ends too soon`);
    if (token.kind === '(') {
      const inner = or();
      if (tokens[i++]?.kind !== ')') throw new MathError(`SEARCH: unbalanced parentheses in '${text}'`);
      return inner;
    }
    if (token.kind === 'word' && tokens[i]?.kind === '=') {
      i++;
      const value = tokens[i++];
      if (value === undefined || (value.kind !== 'word' && value.kind !== 'quoted')) throw new MathError(`SEARCH: ${token.text}= needs a value in '${text}'`);
      return { type: 'term', text: value.text, exact: value.kind === 'quoted', property: token.text };
    }
    if (token.kind === 'word' || token.kind === 'quoted') return { type: 'term', text: token.text, exact: token.kind === 'quoted' };
    throw new MathError(`SEARCH: unexpected '${token.text}' in '${text}'`);
  };
  const condition = or();
  if (i < tokens.length) throw new MathError(`SEARCH: unexpected '${tokens[i]!.text}' in '${text}'`);
  return condition;
}

/** A name's tokens: the parts between punctuation, cut again at camel case and digits, each part whole, and the whole name without punctuation; all lowercase. */
export function tokensOf(name: string): string[] {
  const parts = name.split(/[^A-Za-z0-9]+/).filter((part) => part !== '');
  const tokens = new Set<string>();
  for (const part of parts) {
    tokens.add(part.toLowerCase());
    for (const piece of part.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+/g) ?? []) tokens.add(piece.toLowerCase());
  }
  tokens.add(parts.join('').toLowerCase());
  return [...tokens];
}

/** The base pieces in order, for a multi-token term (`used_percent` within `disk_used_percent`). */
function piecesOf(name: string): string[] {
  return (name.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+/g) ?? []).map((piece) => piece.toLowerCase());
}

function termMatches(term: string, exact: boolean, name: string): boolean {
  if (exact) return name === term;
  if (tokensOf(name).includes(term.replace(/[^A-Za-z0-9]+/g, '').toLowerCase())) return true;
  const wanted = piecesOf(term);
  const pieces = piecesOf(name);
  if (wanted.length < 2) return false;
  for (let start = 0; start + wanted.length <= pieces.length; start++) {
    if (wanted.every((piece, k) => pieces[start + k] === piece)) return true;
  }
  return false;
}

function conditionMatches(condition: Condition, metric: SearchableMetric): boolean {
  switch (condition.type) {
    case 'and':
      return conditionMatches(condition.left, metric) && conditionMatches(condition.right, metric);
    case 'or':
      return conditionMatches(condition.left, metric) || conditionMatches(condition.right, metric);
    case 'not':
      return !conditionMatches(condition.operand, metric);
    case 'term': {
      const { text, exact, property } = condition;
      const names =
        property === undefined
          ? [metric.Namespace, metric.MetricName, ...metric.Dimensions.flatMap((d) => [d.Name, d.Value])]
          : property === 'MetricName'
            ? [metric.MetricName]
            : property === 'Namespace'
              ? [metric.Namespace]
              : metric.Dimensions.filter((d) => d.Name === property).map((d) => d.Value);
      return names.some((name) => termMatches(text, exact, name));
    }
  }
}

export function searchMatches(query: SearchQuery, metric: SearchableMetric): boolean {
  if (query.schema !== undefined) {
    if (metric.Namespace !== query.schema.namespace) return false;
    const names = metric.Dimensions.map((d) => d.Name).sort();
    const wanted = [...query.schema.dimensions].sort();
    if (names.length !== wanted.length || names.some((name, i) => name !== wanted[i])) return false;
  }
  return query.condition === undefined || conditionMatches(query.condition, metric);
}
