import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Writable } from 'node:stream';
import { debugLog, maskAccessKeyId, Redactor } from '../../src/doctor/redact.js';
import { ACCESS_KEY_ID, SECRET_ACCESS_KEY, SESSION_TOKEN, assertNoSecrets } from './helpers.js';

test('an access key id masks as aws configure list masks it', () => {
  assert.equal(maskAccessKeyId('AKIAIOSFODNN7EXAMPLE'), '****************MPLE');
});

test('once credentials are known, every occurrence is replaced, in --debug lines too', () => {
  const redactor = new Redactor();
  redactor.addCredentials({ accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY, sessionToken: SESSION_TOKEN });
  const leaky = `key=${ACCESS_KEY_ID} secret=${SECRET_ACCESS_KEY} token=${SESSION_TOKEN} again ${SECRET_ACCESS_KEY}`;
  assert.equal(redactor.redact(leaky), 'key=****************TOR1 secret=<secret access key> token=<session token> again <secret access key>');

  const written: string[] = [];
  const stderr = new Writable({
    write(chunk: Buffer, _encoding, done) {
      written.push(chunk.toString());
      done();
    },
  });
  debugLog(true, stderr, redactor)(leaky);
  debugLog(false, stderr, redactor)('never written');
  assert.equal(written.length, 1);
  assert.match(written[0]!, /^lab doctor: key=\*{16}TOR1 /);
  assertNoSecrets(written.join(''), assert);
});
