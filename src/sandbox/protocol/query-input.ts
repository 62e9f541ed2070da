/**
 * Reads a query-protocol request (a form of dotted keys, `TagSpecification.1.Tag.1.Key=v`)
 * into an operation's input object, driven by its input schema. The SDK has no parser for
 * this direction. It accepts what both the JS SDK and botocore send: EC2's always
 * flattened lists; AWS query's `X.member.N` lists and `X.entry.N.key` maps; the `X=` the JS
 * SDK sends for an empty list; botocore's renamed last segment of flattened lists.
 */
import type { NormalizedSchema } from '@smithy/core/schema';
import { AwsError, missingParameter } from '../errors.js';
import { requiredCount } from './required.js';

export interface QueryDialect {
  /** EC2 query: `ec2QueryName`s and capitalised names, lists always flattened. */
  ec2: boolean;
}

/** A form key's segment tree: `A.1.B=v` is A -> 1 -> B with value v. */
interface FormNode {
  value?: string;
  children?: Map<string, FormNode>;
}

/** The form parameters of a request: its query string, then its form body. */
export function formParameters(query: string, body: Buffer, contentType: string | undefined): URLSearchParams {
  const parameters = new URLSearchParams(query);
  if (body.length > 0 && (contentType === undefined || contentType.startsWith('application/x-www-form-urlencoded'))) {
    for (const [key, value] of new URLSearchParams(body.toString('utf8'))) parameters.append(key, value);
  }
  return parameters;
}

export function readQueryInput(ns: NormalizedSchema, parameters: URLSearchParams, dialect: QueryDialect): Record<string, unknown> {
  const root: FormNode = {};
  for (const [key, value] of parameters) {
    if (key === 'Action' || key === 'Version' || key.startsWith('X-Amz-')) continue;
    let node = root;
    for (const segment of key.split('.')) {
      node.children ??= new Map();
      let child = node.children.get(segment);
      if (child === undefined) node.children.set(segment, (child = {}));
      node = child;
    }
    node.value = value;
  }
  if (!ns.isStructSchema()) return {};
  return readStruct(ns, root, '', dialect);
}

function readStruct(ns: NormalizedSchema, node: FormNode, path: string, dialect: QueryDialect): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const required = requiredCount(ns);
  let index = 0;
  for (const [name, member] of ns.structIterator()) {
    const keys = memberKeys(name, member, dialect);
    const key = keys.find((candidate) => node.children?.has(candidate));
    if (key !== undefined) {
      const value = readValue(member, node.children!.get(key)!, `${path}${key}`, dialect);
      if (value !== undefined) out[name] = value;
    }
    if (index < required && out[name] === undefined) throw missingParameter(`${path}${keys[0]}`);
    index++;
  }
  return out;
}

/** The names a member may travel under, the one each dialect sends first. */
function memberKeys(name: string, member: NormalizedSchema, dialect: QueryDialect): string[] {
  const traits = member.getMemberTraits() as { ec2QueryName?: string; xmlName?: string };
  const xmlName = traits.xmlName ?? name;
  const keys = dialect.ec2 ? [traits.ec2QueryName, capitalize(xmlName), capitalize(name)] : [xmlName, capitalize(xmlName), name];
  if (member.isListSchema()) {
    // botocore sends a flattened list under its member's name.
    const itemName = member.getValueSchema().getMergedTraits().xmlName as string | undefined;
    if (itemName !== undefined) keys.push(itemName);
  }
  return [...new Set(keys.filter((key): key is string => key !== undefined))];
}

function capitalize(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

function readValue(ns: NormalizedSchema, node: FormNode, path: string, dialect: QueryDialect): unknown {
  if (ns.isListSchema()) return readList(ns, node, path, dialect);
  if (ns.isMapSchema()) return readMap(ns, node, path, dialect);
  if (ns.isStructSchema()) return node.children === undefined ? undefined : readStruct(ns, node, `${path}.`, dialect);
  if (node.value === undefined) return undefined;
  return readScalar(ns, node.value, path, dialect);
}

function readList(ns: NormalizedSchema, node: FormNode, path: string, dialect: QueryDialect): unknown[] {
  const item = ns.getValueSchema();
  const itemName = (item.getMergedTraits().xmlName as string | undefined) ?? 'member';
  const wrapped = dialect.ec2 ? undefined : node.children?.get(itemName);
  const container = wrapped ?? node;
  const prefix = wrapped ? `${path}.${itemName}.` : `${path}.`;
  return numbered(container).map(([index, child]) => readValue(item, child, `${prefix}${index}`, dialect)).filter((value) => value !== undefined);
}

function readMap(ns: NormalizedSchema, node: FormNode, path: string, dialect: QueryDialect): Record<string, unknown> {
  const keyName = (ns.getKeySchema().getMergedTraits().xmlName as string | undefined) ?? 'key';
  const valueSchema = ns.getValueSchema();
  const valueName = (valueSchema.getMergedTraits().xmlName as string | undefined) ?? 'value';
  const entries = node.children?.get('entry') ?? node;
  const out: Record<string, unknown> = {};
  for (const [index, entry] of numbered(entries)) {
    const key = entry.children?.get(keyName)?.value;
    const value = entry.children?.get(valueName);
    if (key === undefined || value === undefined || key === '__proto__') continue;
    out[key] = readValue(valueSchema, value, `${path}.entry.${index}.${valueName}`, dialect);
  }
  return out;
}

/** Children keyed 1, 2, 3 ... in numeric order; `X=` (no children) is an empty list. */
function numbered(node: FormNode): Array<[number, FormNode]> {
  const entries: Array<[number, FormNode]> = [];
  for (const [key, child] of node.children ?? []) {
    if (/^\d{1,9}$/.test(key)) entries.push([Number(key), child]);
  }
  return entries.sort((a, b) => a[0] - b[0]);
}

function readScalar(ns: NormalizedSchema, text: string, path: string, dialect: QueryDialect): unknown {
  if (ns.isStringSchema() || ns.isDocumentSchema() || ns.isBigDecimalSchema()) return text;
  if (ns.isBooleanSchema()) {
    const lower = text.toLowerCase();
    if (lower === 'true' || lower === 'false') return lower === 'true';
    throw invalidValue(text, path, 'Boolean', dialect);
  }
  if (ns.isNumericSchema()) {
    const number = text.trim() === '' ? NaN : Number(text);
    if (Number.isFinite(number)) return number;
    throw invalidValue(text, path, 'Number', dialect);
  }
  if (ns.isBigIntegerSchema()) {
    if (/^-?\d+$/.test(text)) return BigInt(text);
    throw invalidValue(text, path, 'Integer', dialect);
  }
  if (ns.isTimestampSchema()) {
    const date = /^-?\d+(\.\d+)?$/.test(text) ? new Date(Number(text) * 1000) : new Date(text);
    if (!Number.isNaN(date.getTime())) return date;
    throw invalidValue(text, path, 'Timestamp', dialect);
  }
  if (ns.isBlobSchema()) return new Uint8Array(Buffer.from(text, 'base64'));
  return text;
}

function invalidValue(text: string, path: string, expected: string, dialect: QueryDialect): AwsError {
  const shown = text.length > 64 ? `${text.slice(0, 64)}...` : text;
  return dialect.ec2
    ? new AwsError('InvalidParameterValue', `Value (${shown}) for parameter ${path} is invalid. Expected: '${expected}'.`)
    : new AwsError('MalformedInput', `Value '${shown}' for parameter ${path} is not a valid ${expected}.`);
}
