/**
 * Ten thousand malformed and random requests against a sandbox serving every service: the
 * server never falls over, never answers a bug (500) or a non-AWS body, and every refusal
 * is an AWS error in a parseable wire format with a code. Seeded, so a failure replays.
 */
import assert from 'node:assert/strict';
import { Agent, request } from 'node:http';
import { after, before, test } from 'node:test';
import { parseXML } from '@aws-sdk/xml-builder';
import { seededRandom } from '../../../src/bench/seeded-random.js';
import { cbor } from '@smithy/core/cbor';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox/server.js';

const REQUESTS = 10_000;
const CONCURRENCY = 8;
const SEED = 20260101;

let sandbox: RunningSandbox;
/** What the sandbox logs of each 500: the error and where it was thrown, once each. */
const internalErrors = new Set<string>();
const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
before(async () => {
  sandbox = await startSandbox({ port: 0, log: (message) => internalErrors.add(message.split('\n').slice(0, 3).join('\n')) });
});
after(async () => {
  agent.destroy();
  await sandbox.stop();
});


interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer;
}

const SERVICES = ['ec2', 'sts', 'sns', 'iam', 's3', 'monitoring', 'dynamodb', ''];
const ACTIONS = [
  'DescribeVpcs', 'CreateVpc', 'DeleteVpc', 'CreateSubnet', 'RunInstances', 'CreateTags', 'DescribeInstances', 'AuthorizeSecurityGroupIngress',
  'CreateTopic', 'Publish', 'Subscribe', 'SetTopicAttributes', 'CreateUser', 'AddUserToGroup', 'GetCallerIdentity', 'GetSessionToken',
  'ListBuckets', 'NoSuchThing', '', '%00', 'Describe Vpcs',
];
const PARAMETERS = [
  'VpcId', 'VpcId.1', 'CidrBlock', 'MaxResults', 'DryRun', 'Filter.1.Name', 'Filter.1.Value.1', 'TagSpecification.1.Tag.1.Key',
  'Name', 'Attributes.entry.1.key', 'Attributes.entry.1.value', 'Tags.member.1.Key', 'DurationSeconds', 'UserName', 'TopicArn', 'MinCount', 'MaxCount',
  'Message', 'Tags', 'ImageId', 'Port', 'IpPermissions.1.FromPort', 'Filter.999999999999.Name', '....', 'a..b',
];
const VALUES = ['', 'x', '10.0.0.0/16', '-1', '0', '1e400', '99999999999999999999999', 'NaN', 'true', 'maybe', '2026-13-45T99:00:00Z', 'vpc-0123', '%ZZ', '<b>&', '\u0000', 'é'.repeat(50), 'a'.repeat(3000)];
const TARGETS = ['DynamoDB_20120810.PutItem', 'AWSSecurityTokenServiceV20110615.GetCallerIdentity', 'AWSSecurityTokenServiceV20110615.GetSessionToken', 'Logs_20140328.CreateLogGroup', 'nodot', '.', 'X.'];
const PATHS = ['/', '/bucket', '/lab-bucket/key.txt', '/lab-bucket?list-type=2', '/a/b/c?acl', '/%zz', '/?Action=DescribeVpcs', '/service/x/operation/GetCallerIdentity', '//', '/_lab/nothing'];

function generate(random: () => number): FuzzRequest {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const method = pick(['GET', 'POST', 'POST', 'POST', 'PUT', 'DELETE', 'HEAD', 'PATCH', 'OPTIONS']);
  const headers: Record<string, string> = {};
  const service = pick(SERVICES);
  if (random() < 0.9) headers.authorization = `AWS4-HMAC-SHA256 Credential=AKID/20260101/${pick(['us-east-1', 'eu-west-1', 'xx'])}/${service}/aws4_request, SignedHeaders=host, Signature=0`;
  let body: Buffer;
  switch (pick(['form', 'form', 'form', 'json', 'cbor', 'xml', 'garbage', 'empty'])) {
    case 'form': {
      headers['content-type'] = pick(['application/x-www-form-urlencoded', 'application/x-www-form-urlencoded; charset=utf-8']);
      const pairs = [`Action=${pick(ACTIONS)}`];
      const count = Math.floor(random() * 6);
      for (let i = 0; i < count; i++) pairs.push(`${pick(PARAMETERS)}=${encodeURIComponent(pick(VALUES))}`);
      let text = pairs.join('&');
      if (random() < 0.2) text = text.slice(0, Math.floor(random() * text.length));
      body = Buffer.from(text);
      break;
    }
    case 'json': {
      headers['content-type'] = pick(['application/x-amz-json-1.0', 'application/x-amz-json-1.1']);
      headers['x-amz-target'] = pick(TARGETS);
      const text = pick(['{}', '{"DurationSeconds": "x"}', '{"DurationSeconds": 1e999}', '{"TableName": 7}', '[', 'null', '{"a":{"b":[1,2,{"c":null}]}}', '"str"', '{"DurationSeconds": 900}']);
      body = Buffer.from(random() < 0.2 ? text.slice(0, Math.max(0, text.length - 1)) : text);
      break;
    }
    case 'cbor':
      headers['smithy-protocol'] = 'rpc-v2-cbor';
      headers['content-type'] = 'application/cbor';
      body = random() < 0.5 ? Buffer.from(cbor.serialize({ DurationSeconds: pick([1, 900, 'x', null]) })) : randomBytes(random, 16);
      break;
    case 'xml':
      headers['content-type'] = 'application/xml';
      body = Buffer.from(pick(['<CreateBucketConfiguration><LocationConstraint>eu-west-1</LocationConstraint></CreateBucketConfiguration>', '<a><b></a>', '<?xml', '<Delete><Object><Key>k</Key></Object></Delete>']));
      break;
    case 'garbage':
      if (random() < 0.5) headers['content-type'] = pick(['text/html', 'application/octet-stream', 'multipart/form-data']);
      body = randomBytes(random, Math.floor(random() * 256));
      break;
    default:
      body = Buffer.alloc(0);
  }
  if (random() < 0.1) headers['x-amz-target'] = pick(TARGETS);
  return { method, path: pick(PATHS), headers, body };
}

function randomBytes(random: () => number, length: number): Buffer {
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i++) bytes[i] = Math.floor(random() * 256);
  return bytes;
}

function send(fuzz: FuzzRequest): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      `${sandbox.url}${fuzz.path}`,
      { method: fuzz.method, headers: { ...fuzz.headers, 'content-length': String(fuzz.body.length) }, agent, timeout: 10_000 },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
        response.on('error', reject);
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error('timed out')));
    outgoing.on('error', reject);
    outgoing.end(fuzz.body);
  });
}

/** The error code in an AWS error body, whichever wire format it is in. */
function errorCode(body: Buffer, contentType: string): string | undefined {
  if (contentType.includes('cbor')) return String((cbor.deserialize(new Uint8Array(body)) as Record<string, unknown>).__type);
  if (contentType.includes('json')) {
    const document = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    return typeof document.__type === 'string' ? document.__type : undefined;
  }
  const text = body.toString('utf8');
  parseXML(text);
  return /<Code>([^<]+)<\/Code>/.exec(text)?.[1];
}

/** What is wrong with an answer, as a short kind, or undefined when it is a proper AWS answer. */
function check(fuzz: FuzzRequest, response: { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }): string | undefined {
  if (response.status < 200 || response.status >= 600) return `status ${response.status}`;
  if (response.status === 500) return '500 (see the logged errors)';
  if (response.status < 400 || fuzz.method === 'HEAD') return undefined;
  const contentType = String(response.headers['content-type'] ?? '');
  if (contentType.includes('html')) return 'an HTML answer';
  try {
    const code = errorCode(response.body, contentType);
    return code === undefined || code === '' ? `an error without a code (${contentType})` : undefined;
  } catch {
    return `an unparseable ${contentType} error body`;
  }
}

test(`${REQUESTS} malformed and random requests get AWS errors, and the server stays up`, async () => {
  const random = seededRandom(SEED);
  const cases = Array.from({ length: REQUESTS }, () => generate(random));
  const statuses = new Map<number, number>();
  // Every failure is collected, so one run shows all the distinct problems.
  const failures = new Map<string, string>();
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const index = next++;
      const fuzz = cases[index]!;
      const response = await send(fuzz);
      const where = `case ${index}: ${fuzz.method} ${fuzz.path} ${JSON.stringify(fuzz.headers)} ${JSON.stringify(fuzz.body.toString('latin1').slice(0, 200))}`;
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      const problem = check(fuzz, response);
      if (problem !== undefined && !failures.has(problem)) failures.set(problem, `${where}\n  -> ${response.status} ${response.body.toString('utf8').slice(0, 300)}`);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  assert.deepEqual([...failures].map(([problem, example]) => `${problem}\n  ${example}`), [], [...internalErrors].join('\n\n'));
  const errors = [...statuses].filter(([status]) => status >= 400).reduce((sum, [, count]) => sum + count, 0);
  assert.ok(errors > REQUESTS * 0.8, `most fuzz requests are refused: ${JSON.stringify([...statuses])}`);
  const health = await fetch(`${sandbox.url}/_lab/health`);
  assert.equal(health.status, 200);
});
