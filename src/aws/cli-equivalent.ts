/**
 * The AWS CLI v2 command that does what an SDK command does, derived from the command's
 * operation schema and its input, never written by hand:
 * `new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' })` -> `aws ec2 create-vpc --cidr-block 10.0.0.0/16`.
 *
 * Names follow botocore's `xform_name` and the CLI's argument renames; structures print in
 * the CLI's shorthand where every value is plain enough for it, and as JSON otherwise, which
 * the CLI always accepts.
 */
import { NormalizedSchema } from '@smithy/core/schema';
import { serviceByNamespace } from './services.js';

/** An SDK command as far as this module reads it: its operation schema and input. */
export interface SchemaCommand {
  readonly schema?: unknown;
  readonly input: object;
}

export interface CliEquivalentOptions {
  /** Global flags to add after the operation, e.g. `{ 'endpoint-url': 'http://127.0.0.1:4566' }`. */
  globals?: Record<string, string>;
  /**
   * Streaming or blob members the CLI reads from a file (`s3api put-object --body`): the
   * member name to the local file the learner would pass.
   */
  files?: Record<string, string>;
}

export interface CliEquivalent {
  /** Arguments after `aws`, unquoted: for running the command. */
  argv: string[];
  /** The command as a learner would type it in a POSIX shell. */
  text: string;
}

// awscli/customizations/argrename.py, for the services the labs use.
const ARGUMENT_RENAMES: Record<string, string> = {
  'ec2.create-image.no-no-reboot': 'reboot',
  'ec2.*.no-egress': 'ingress',
  'ec2.*.no-disable-api-termination': 'enable-api-termination',
  'sns.subscribe.endpoint': 'notification-endpoint',
};

/** Members the CLI replaces with one argument of its own (awscli/customizations). */
const COMBINED_MEMBERS: Record<string, { members: string[]; argv: (values: Record<string, unknown>) => string[] }> = {
  // ec2/addcount.py: `--count N` (or MIN:MAX) stands for MinCount and MaxCount, both 1 by default.
  'ec2.run-instances': {
    members: ['MaxCount', 'MinCount'],
    argv: ({ MinCount = 1, MaxCount = 1 }) => ['--count', MinCount === MaxCount ? String(MinCount) : `${MinCount}:${MaxCount}`],
  },
};

/** Members the CLI takes in a friendlier form than the API (awscli/customizations). */
const DECODED_MEMBERS: Record<string, (value: unknown) => unknown> = {
  // `ec2 run-instances --user-data` takes the script and base64-encodes it itself.
  'ec2.run-instances.UserData': (value) => (typeof value === 'string' ? Buffer.from(value, 'base64').toString('utf8') : value),
};

export function cliEquivalent(command: SchemaCommand, options: CliEquivalentOptions = {}): CliEquivalent {
  // An operation schema: [kind, namespace, name, traits, input thunk, output thunk].
  const operation = command.schema as [number, string, string, unknown, unknown, unknown] | undefined;
  if (!Array.isArray(operation) || typeof operation[1] !== 'string' || typeof operation[2] !== 'string') {
    throw new TypeError('this SDK command carries no operation schema; use a schema-based @aws-sdk/client-* version');
  }
  const service = cliServiceName(operation[1]);
  const operationName = xformName(operation[2]);
  const argv = [service, operationName];
  const values = command.input as Record<string, unknown>;
  const combined = COMBINED_MEMBERS[`${service}.${operationName}`];
  for (const [member, schema] of NormalizedSchema.of(operation[4] as never).structIterator()) {
    if (combined?.members.includes(member)) {
      if (member === combined.members[0]) argv.push(...combined.argv(values));
      continue;
    }
    const raw = values[member];
    // The CLI fills idempotency tokens itself; printing one would only add noise.
    if (raw === undefined || raw === null || schema.isIdempotencyToken()) continue;
    const decode = DECODED_MEMBERS[`${service}.${operationName}.${member}`];
    const value = decode ? decode(raw) : raw;
    argv.push(...memberArguments(service, operationName, member, schema, value, options.files?.[member]));
  }
  for (const [flag, value] of Object.entries(options.globals ?? {})) argv.push(`--${flag}`, value);
  return { argv, text: ['aws', ...argv].map(shellQuote).join(' ') };
}

/** A file a printed command names, with what the CLI must find in it to send what the SDK command sends. */
export interface NamedFile {
  member: string;
  file: string;
  content: string | Uint8Array;
}

/**
 * The contents of the files `options.files` names: a blob's or a stream's bytes as they
 * are, any other member as the JSON the CLI reads from `file://` (what would otherwise be
 * printed inline).
 */
export function namedFiles(command: SchemaCommand, files: Record<string, string>): NamedFile[] {
  const operation = command.schema as [number, string, string, unknown, unknown, unknown];
  const values = command.input as Record<string, unknown>;
  const named: NamedFile[] = [];
  for (const [member, schema] of NormalizedSchema.of(operation[4] as never).structIterator()) {
    const file = files[member];
    const value = values[member];
    if (file === undefined || value === undefined || value === null) continue;
    const raw = schema.isBlobSchema() || schema.isStreaming();
    named.push({ member, file, content: raw ? (value instanceof Uint8Array ? value : String(value)) : `${JSON.stringify(toJson(schema, value), null, 2)}\n` });
  }
  return named;
}

/** The CLI's command for the service whose schemas carry this namespace: `aws s3api` for `com.amazonaws.s3`. */
export function cliServiceName(namespace: string): string {
  const service = serviceByNamespace(namespace);
  if (!service) throw new TypeError(`lab knows no AWS CLI command for ${namespace}; add the service's descriptor to src/aws/services.ts`);
  return service.cli;
}

/** botocore's `xform_name(name, '-')`: `DescribeDBInstances` -> `describe-db-instances`. */
export function xformName(name: string): string {
  const special = /[A-Z]{2,}s$/.exec(name);
  let text = special ? `${name.slice(0, -special[0].length)}-${special[0].toLowerCase()}` : name;
  text = text.replace(/(.)([A-Z][a-z]+)/g, '$1-$2');
  return text.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

function memberArguments(
  service: string,
  operation: string,
  member: string,
  schema: NormalizedSchema,
  value: unknown,
  file: string | undefined,
): string[] {
  const flag = xformName(member);
  if (isAttributeBooleanValue(schema, value)) value = (value as { Value: boolean }).Value;
  if (schema.isBooleanSchema() || typeof value === 'boolean') {
    const name = value ? flag : `no-${flag}`;
    return [`--${renamed(service, operation, name)}`];
  }
  const option = `--${renamed(service, operation, flag)}`;
  if (schema.isBlobSchema() || schema.isStreaming()) {
    // A streaming body is read from a plain path (`--body hello.txt`); other blobs from fileb://.
    if (file !== undefined) return [option, schema.isStreaming() ? file : `fileb://${file}`];
    return [option, blobText(value)];
  }
  // Any other member can come from a file (`--request-items file://music.json`): the CLI reads its JSON.
  if (file !== undefined) return [option, `file://${file}`];
  if (schema.isListSchema() && Array.isArray(value)) {
    const element = schema.getValueSchema();
    if (value.length === 0) return [option, '[]'];
    if (isScalarSchema(element)) return [option, ...value.map((item) => scalarText(element, item))];
    if (value.every((item) => shorthandable(element, item))) return [option, ...value.map((item) => shorthand(element, item))];
    return [option, JSON.stringify(toJson(schema, value))];
  }
  if (schema.isStructSchema() || schema.isMapSchema()) {
    return [option, shorthandable(schema, value) ? shorthand(schema, value) : JSON.stringify(toJson(schema, value))];
  }
  return [option, scalarText(schema, value)];
}

/** EC2's `{ Value: true }` attribute structures, which the CLI takes as `--flag` / `--no-flag`. */
function isAttributeBooleanValue(schema: NormalizedSchema, value: unknown): boolean {
  if (!schema.isStructSchema() || typeof value !== 'object' || value === null) return false;
  const members = [...schema.structIterator()];
  return members.length === 1 && members[0]![0] === 'Value' && members[0]![1].isBooleanSchema() && typeof (value as { Value?: unknown }).Value === 'boolean';
}

function renamed(service: string, operation: string, flag: string): string {
  return ARGUMENT_RENAMES[`${service}.${operation}.${flag}`] ?? ARGUMENT_RENAMES[`${service}.*.${flag}`] ?? flag;
}

function isScalarSchema(schema: NormalizedSchema): boolean {
  return !schema.isStructSchema() && !schema.isListSchema() && !schema.isMapSchema() && !schema.isDocumentSchema();
}

function scalarText(schema: NormalizedSchema, value: unknown): string {
  if (value instanceof Date) return value.toISOString().replace('.000Z', 'Z');
  if (schema.isBlobSchema()) return blobText(value);
  return String(value);
}

function blobText(value: unknown): string {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
  return String(value);
}

// A value the shorthand parser reads back unchanged: no separators, brackets, quotes or edge spaces.
const PLAIN_SHORTHAND_VALUE = /^[\p{L}\p{N}_.:/@+*#%&!-](?:[\p{L}\p{N}_.:/@+*#%&! -]*[\p{L}\p{N}_.:/@+*#%&!-])?$/u;

function shorthandable(schema: NormalizedSchema, value: unknown, depth = 0): boolean {
  if (depth > 3 || value === null || value === undefined) return false;
  if (schema.isDocumentSchema() || schema.isBlobSchema()) return false;
  if (schema.isStructSchema()) {
    if (typeof value !== 'object' || Array.isArray(value)) return false;
    const members = new Map([...schema.structIterator()]);
    return Object.entries(value as Record<string, unknown>).every(([key, item]) => {
      const member = members.get(key);
      return item === undefined || (member !== undefined && shorthandable(member, item, depth + 1));
    });
  }
  if (schema.isMapSchema()) {
    if (typeof value !== 'object' || Array.isArray(value)) return false;
    return Object.entries(value as Record<string, unknown>).every(
      ([key, item]) => PLAIN_SHORTHAND_VALUE.test(key) && isScalarSchema(schema.getValueSchema()) && shorthandable(schema.getValueSchema(), item, depth + 1),
    );
  }
  if (schema.isListSchema()) {
    return Array.isArray(value) && value.length > 0 && value.every((item) => shorthandable(schema.getValueSchema(), item, depth + 1));
  }
  return PLAIN_SHORTHAND_VALUE.test(scalarText(schema, value));
}

function shorthand(schema: NormalizedSchema, value: unknown): string {
  if (schema.isStructSchema()) {
    const members = new Map([...schema.structIterator()]);
    return Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .map(([key, item]) => `${key}=${nestedShorthand(members.get(key)!, item)}`)
      .join(',');
  }
  if (schema.isMapSchema()) {
    return Object.entries(value as Record<string, unknown>)
      .map(([key, item]) => `${key}=${scalarText(schema.getValueSchema(), item)}`)
      .join(',');
  }
  return scalarText(schema, value);
}

function nestedShorthand(schema: NormalizedSchema, value: unknown): string {
  if (schema.isStructSchema() || schema.isMapSchema()) return `{${shorthand(schema, value)}}`;
  if (schema.isListSchema()) return `[${(value as unknown[]).map((item) => nestedShorthand(schema.getValueSchema(), item)).join(',')}]`;
  return scalarText(schema, value);
}

/** The input as the CLI's JSON form reads it: dates as ISO text, blobs as text. */
function toJson(schema: NormalizedSchema, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (schema.isListSchema() && Array.isArray(value)) return value.map((item) => toJson(schema.getValueSchema(), item));
  if (schema.isMapSchema()) {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, item]) => [key, toJson(schema.getValueSchema(), item)]));
  }
  if (schema.isStructSchema()) {
    const members = new Map([...schema.structIterator()]);
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      if (item === undefined) continue;
      const member = members.get(key);
      out[key] = member ? toJson(member, item) : item;
    }
    return out;
  }
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
  return value;
}

/** POSIX shell quoting: bare when safe, else single quotes. */
export function shellQuote(word: string): string {
  if (/^[\w@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'"'"'`)}'`;
}
