/** Routing and failure paths, through raw HTTP where no SDK client would send such a request. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { cbor } from '@smithy/core/cbor';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox/server.js';
import type { SandboxService } from '../../../src/sandbox/service.js';
import { createServices } from '../../../src/sandbox/services/index.js';

const logged: string[] = [];
let sandbox: RunningSandbox;

/** STS plus an operation that fails the way a bug would. */
async function stsWithABug(): Promise<SandboxService> {
  const [sts] = (await createServices(['sts'])) as [SandboxService];
  return {
    ...sts,
    operations: {
      ...sts.operations,
      DecodeAuthorizationMessage: () => {
        throw new TypeError('a bug in a handler');
      },
    },
  };
}

before(async () => {
  sandbox = await startSandbox({ port: 0, services: [await stsWithABug()], log: (message) => logged.push(message) });
});
after(() => sandbox.stop());

function scope(service: string, region = 'us-east-1'): string {
  return `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/${region}/${service}/aws4_request, SignedHeaders=host, Signature=00`;
}

async function post(body: string | Uint8Array, headers: Record<string, string>, path = '/') {
  const response = await fetch(`${sandbox.url}${path}`, { method: 'POST', headers, body });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

const form = (service: string) => ({ 'content-type': 'application/x-www-form-urlencoded', authorization: scope(service) });
const json = (target: string) => ({ 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target, authorization: scope('sts') });

describe('routing', () => {
  test('every answer carries the request id in both AWS headers', async () => {
    const { status, headers, text } = await post('Action=GetCallerIdentity&Version=2011-06-15', form('sts'));
    assert.equal(status, 200);
    const id = headers.get('x-amzn-requestid')!;
    assert.match(id, /^[0-9a-f-]{36}$/);
    assert.equal(headers.get('x-amz-request-id'), id);
    assert.ok(text.includes(`<RequestId>${id}</RequestId>`));
  });

  test('a presigned request names its service in X-Amz-Credential', async () => {
    const credential = encodeURIComponent('AKID/20260101/eu-west-1/sts/aws4_request');
    const response = await fetch(`${sandbox.url}/?Action=GetCallerIdentity&Version=2011-06-15&X-Amz-Credential=${credential}`);
    assert.equal(response.status, 200);
    assert.match(await response.text(), /<Account>123456789012<\/Account>/);
  });

  test('an unknown query action is InvalidAction (400) in query XML', async () => {
    const { status, text } = await post('Action=FlyToTheMoon&Version=2011-06-15', form('sts'));
    assert.equal(status, 400);
    assert.match(text, /^<ErrorResponse xmlns="https:\/\/sts.amazonaws.com\/doc\/2011-06-15\/"><Error><Type>Sender<\/Type><Code>InvalidAction<\/Code><Message>The action FlyToTheMoon is not valid for this web service.<\/Message><\/Error><RequestId>[0-9a-f-]{36}<\/RequestId><\/ErrorResponse>$/);
  });

  test('a real operation the sandbox lacks says so, as InvalidAction', async () => {
    const { status, text } = await post('Action=AssumeRole&RoleArn=arn:aws:iam::123456789012:role/r&RoleSessionName=s', form('sts'));
    assert.equal(status, 400);
    assert.match(text, /<Code>InvalidAction<\/Code><Message>The action AssumeRole is not implemented by the lab sandbox's sts service yet.<\/Message>/);
  });

  test('a service the sandbox lacks answers in the wire format of the request', async () => {
    const query = await post('Action=DescribeAlarms', form('monitoring'));
    assert.equal(query.status, 400);
    assert.match(query.text, /<Code>InvalidAction<\/Code>/);
    const viaJson = await post('{}', { ...json('GraniteServiceVersion20100801.DescribeAlarms'), authorization: scope('monitoring') });
    assert.equal(viaJson.status, 400);
    assert.equal(JSON.parse(viaJson.text).__type, 'UnknownOperationException');
  });

  test('an unsigned query request is MissingAuthenticationToken (403)', async () => {
    const { status, text } = await post('Action=GetCallerIdentity', { 'content-type': 'application/x-www-form-urlencoded' });
    assert.equal(status, 403);
    assert.match(text, /<Code>MissingAuthenticationToken<\/Code>/);
  });

  test('a handler bug is logged and answered as a 500 InternalError; the server keeps serving', async () => {
    const { status, text } = await post('Action=DecodeAuthorizationMessage&EncodedMessage=x', form('sts'));
    assert.equal(status, 500);
    assert.match(text, /<Type>Receiver<\/Type><Code>InternalError<\/Code>/);
    assert.ok(logged.some((line) => line.includes('a bug in a handler')));
    const sts = new STSClient({ endpoint: sandbox.url, region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
    assert.equal((await sts.send(new GetCallerIdentityCommand({}))).Account, '123456789012');
  });

  test('a malformed number in a query form is refused with the parameter named', async () => {
    const { status, text } = await post('Action=GetSessionToken&DurationSeconds=lots', form('sts'));
    assert.equal(status, 400);
    assert.match(text, /<Code>MalformedInput<\/Code><Message>Value 'lots' for parameter DurationSeconds is not a valid Number.<\/Message>/);
  });
});

describe('JSON 1.1', () => {
  test('reads the target operation and writes epoch-second timestamps', async () => {
    const { status, headers, text } = await post('{"DurationSeconds": 900}', json('AWSSecurityTokenServiceV20110615.GetSessionToken'));
    assert.equal(status, 200);
    assert.equal(headers.get('content-type'), 'application/x-amz-json-1.1');
    const expiration = JSON.parse(text).Credentials.Expiration;
    assert.equal(typeof expiration, 'number');
    assert.ok(Math.abs(expiration - (Date.now() / 1000 + 900)) < 5);
  });

  test('an unknown target is UnknownOperationException', async () => {
    const { status, text } = await post('{}', json('AWSSecurityTokenServiceV20110615.Nope'));
    assert.equal(status, 400);
    assert.equal(JSON.parse(text).__type, 'UnknownOperationException');
  });

  test('a body that is not JSON, or a member of the wrong type, is a SerializationException', async () => {
    for (const body of ['{"DurationSeconds":', '[1]', '{"DurationSeconds": "long"}', '{"DurationSeconds": {}}']) {
      const { status, text } = await post(body, json('AWSSecurityTokenServiceV20110615.GetSessionToken'));
      assert.equal(status, 400, body);
      assert.equal(JSON.parse(text).__type, 'SerializationException', body);
    }
  });

  test('a missing required member is a ValidationException in AWS words', async () => {
    const { status, text } = await post('{}', json('AWSSecurityTokenServiceV20110615.DecodeAuthorizationMessage'));
    assert.equal(status, 400);
    assert.deepEqual(JSON.parse(text), {
      __type: 'ValidationException',
      message: "1 validation error detected: Value null at 'encodedMessage' failed to satisfy constraint: Member must not be null",
    });
  });

  test('a modelled error is written with its shape name', async () => {
    const { status, text } = await post('{"DurationSeconds": 1}', json('AWSSecurityTokenServiceV20110615.GetSessionToken'));
    assert.equal(status, 400);
    assert.equal(JSON.parse(text).__type, 'ValidationError');
  });
});

describe('RPCv2 CBOR', () => {
  const headers = { 'smithy-protocol': 'rpc-v2-cbor', 'content-type': 'application/cbor', accept: 'application/cbor', authorization: scope('sts') };

  test('reads the operation from the path and answers in CBOR with the protocol header', async () => {
    const response = await fetch(`${sandbox.url}/service/AWSSecurityTokenServiceV20110615/operation/GetCallerIdentity`, { method: 'POST', headers, body: cbor.serialize({}) });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('smithy-protocol'), 'rpc-v2-cbor');
    const document = cbor.deserialize(new Uint8Array(await response.arrayBuffer())) as Record<string, unknown>;
    assert.equal(document.Account, '123456789012');
  });

  test('garbage is a SerializationException, still in CBOR', async () => {
    const response = await fetch(`${sandbox.url}/service/AWSSecurityTokenServiceV20110615/operation/GetSessionToken`, { method: 'POST', headers, body: new Uint8Array([0xff, 0x01]) });
    assert.equal(response.status, 400);
    const document = cbor.deserialize(new Uint8Array(await response.arrayBuffer())) as Record<string, unknown>;
    assert.equal(document.__type, 'SerializationException');
  });
});

describe('control paths', () => {
  test('/_lab/health names the services and the uptime', async () => {
    const response = await fetch(`${sandbox.url}/_lab/health`);
    const health = (await response.json()) as { status: string; services: string[]; uptimeSeconds: number };
    assert.equal(health.status, 'running');
    assert.deepEqual(health.services, ['sts']);
    assert.equal(typeof health.uptimeSeconds, 'number');
  });
});
