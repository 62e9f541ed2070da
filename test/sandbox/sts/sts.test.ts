import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { GetCallerIdentityCommand, GetSessionTokenCommand, STSClient, STSServiceException } from '@aws-sdk/client-sts';
import { InProcessHandler } from '../../../src/sandbox/in-process.js';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox/server.js';
import { createServices } from '../../../src/sandbox/services/index.js';

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
let sandbox: RunningSandbox;

before(async () => {
  sandbox = await startSandbox({ port: 0, services: await createServices(['sts']) });
});
after(() => sandbox.stop());

// The same calls through the socket and through the in-process handler.
const transports: Array<[string, () => STSClient]> = [
  ['over HTTP', () => new STSClient({ endpoint: sandbox.url, region: 'us-east-1', credentials })],
  ['in process', () => new STSClient({ endpoint: 'http://sandbox.local', region: 'us-east-1', credentials, requestHandler: new InProcessHandler(sandbox.router) })],
];

for (const [transport, client] of transports) {
  describe(`STS ${transport}`, () => {
    test('GetCallerIdentity names the sandbox account root', async () => {
      const out = await client().send(new GetCallerIdentityCommand({}));
      assert.equal(out.Account, '123456789012');
      assert.equal(out.Arn, 'arn:aws:iam::123456789012:root');
      assert.equal(out.UserId, '123456789012');
      assert.equal(out.$metadata.httpStatusCode, 200);
      assert.match(out.$metadata.requestId ?? '', /^[0-9a-f-]{36}$/);
    });

    test('GetSessionToken hands out temporary credentials that expire after DurationSeconds', async () => {
      const before = Date.now();
      const out = await client().send(new GetSessionTokenCommand({ DurationSeconds: 900 }));
      const credentials = out.Credentials!;
      assert.match(credentials.AccessKeyId!, /^ASIA[0-9A-F]{16}$/);
      assert.ok(credentials.SecretAccessKey!.length >= 40);
      assert.ok(credentials.SessionToken!.length > 100);
      const expiresIn = credentials.Expiration!.getTime() - before;
      assert.ok(expiresIn > 899_000 && expiresIn < 901_000, `expires in ${expiresIn} ms`);
    });

    test('GetSessionToken defaults to 12 hours', async () => {
      const out = await client().send(new GetSessionTokenCommand({}));
      const hours = (out.Credentials!.Expiration!.getTime() - Date.now()) / 3_600_000;
      assert.ok(hours > 11.99 && hours <= 12, String(hours));
    });

    test('GetSessionToken refuses a duration outside 15 minutes to 36 hours', async () => {
      for (const DurationSeconds of [899, 129_601]) {
        const error = await client()
          .send(new GetSessionTokenCommand({ DurationSeconds }))
          .then(() => assert.fail('accepted'), (e: STSServiceException) => e);
        assert.equal(error.name, 'ValidationError');
        assert.equal(error.$metadata.httpStatusCode, 400);
        assert.equal(error.$fault, 'client');
        assert.match(error.message, new RegExp(`Value '${DurationSeconds}' at 'durationSeconds' failed to satisfy constraint`));
      }
    });
  });
}
