import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { GlobalOptions } from '../../src/cli/global-options.js';
import { doctor } from '../../src/cli/commands/doctor.js';
import { ACCESS_KEY_ID, SECRET_ACCESS_KEY, SESSION_TOKEN, assertNoSecrets, captureIo, closedUrl, localSts, tempHome, withEnv } from './helpers.js';

const MASKED = '****************TOR1';
const credentialsFile = `[learner]\naws_access_key_id = ${ACCESS_KEY_ID}\naws_secret_access_key = ${SECRET_ACCESS_KEY}\naws_session_token = ${SESSION_TOKEN}\n`;
const configFile = '[profile learner]\nregion = ap-southeast-1\n';

async function runDoctor(options: Partial<GlobalOptions>, env: NodeJS.ProcessEnv) {
  const io = captureIo(env);
  const code = await doctor({ color: 'off', ...options }, [], io);
  const document = options.output === 'json' ? (JSON.parse(io.out()) as { Checks: Record<string, unknown>[]; Ready: boolean }) : undefined;
  const check = (name: string) => document?.Checks.find((entry) => entry.Name === name);
  return { code, out: io.out(), err: io.err(), document, check };
}

test('a profile in ~/.aws/credentials: says where, masks the key id, asks STS who it is', async () => {
  const { home, cleanup } = await tempHome({ '.aws/credentials': credentialsFile, '.aws/config': configFile });
  const sts = await localSts('identity');
  try {
    await withEnv({ HOME: home }, async (env) => {
      const result = await runDoctor({ profile: 'learner', endpointUrl: sts.url, output: 'json', debug: true }, env);
      assert.equal(result.code, 0, result.out + result.err);
      assert.equal(result.check('AWS credentials')!.Status, 'ok');
      assert.match(String(result.check('AWS credentials')!.Detail), new RegExp(`^profile 'learner' in ~/\\.aws/credentials; access key \\*{16}TOR1, temporary$`));
      assert.equal(result.check('AWS region')!.Detail, "ap-southeast-1 (from profile 'learner' in ~/.aws/config)");
      assert.equal(result.check('AWS identity')!.Detail, 'account 111122223333, arn:aws:iam::111122223333:user/learner');
      assert.ok(result.out.includes(MASKED));
      assert.match(result.err, /lab doctor: credential features: .*CREDENTIALS_PROFILE/);
      assertNoSecrets(result.out + result.err, assert);
      // The identity call really went out signed with these credentials.
      assert.equal(sts.requests.length, 1);
      assert.match(String(sts.requests[0]!.headers.authorization), new RegExp(`Credential=${ACCESS_KEY_ID}/\\d{8}/ap-southeast-1/sts/aws4_request`));
      assert.equal(sts.requests[0]!.headers['x-amz-security-token'], SESSION_TOKEN);
    });
  } finally {
    await sts.close();
    await cleanup();
  }
});

test('environment variables, region from AWS_DEFAULT_REGION, STS unreachable: a warning, not a failure', async () => {
  const { home, cleanup } = await tempHome();
  const unreachable = await closedUrl();
  try {
    await withEnv(
      { HOME: home, AWS_ACCESS_KEY_ID: ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY: SECRET_ACCESS_KEY, AWS_DEFAULT_REGION: 'eu-west-1', COLUMNS: '200' },
      async (env) => {
        const result = await runDoctor({ target: 'aws', endpointUrl: unreachable, debug: true }, env);
        assert.equal(result.code, 0, result.out);
        assert.match(result.out, /AWS credentials\s+│ ok\s+│ environment variables AWS_ACCESS_KEY_ID and/);
        assert.match(result.out, /eu-west-1 \(from AWS_DEFAULT_REGION\)/);
        assert.match(result.out, /AWS identity\s+│ warn\s+│ could not ask http:\/\/127\.0\.0\.1:\d+ who these/);
        assert.match(result.out, /ECONNREFUSED/);
        assert.match(result.out, /Ready \(\d warnings?\)\./);
        assertNoSecrets(result.out + result.err, assert);
      },
    );
  } finally {
    await cleanup();
  }
});

test('--region beats AWS_REGION and the profile', async () => {
  const { home, cleanup } = await tempHome({ '.aws/credentials': credentialsFile, '.aws/config': configFile });
  const unreachable = await closedUrl();
  try {
    await withEnv({ HOME: home, AWS_REGION: 'us-west-2' }, async (env) => {
      const flag = await runDoctor({ profile: 'learner', region: 'eu-central-1', endpointUrl: unreachable, output: 'json' }, env);
      assert.equal(flag.check('AWS region')!.Detail, 'eu-central-1 (from --region)');
      const fromEnv = await runDoctor({ profile: 'learner', endpointUrl: unreachable, output: 'json' }, env);
      assert.equal(fromEnv.check('AWS region')!.Detail, 'us-west-2 (from AWS_REGION)');
    });
  } finally {
    await cleanup();
  }
});

test('credentials AWS refuses fail the identity check', async () => {
  const { home, cleanup } = await tempHome({ '.aws/credentials': credentialsFile, '.aws/config': configFile });
  const sts = await localSts('InvalidClientTokenId');
  try {
    await withEnv({ HOME: home }, async (env) => {
      const result = await runDoctor({ profile: 'learner', endpointUrl: sts.url, output: 'json' }, env);
      assert.equal(result.code, 1);
      assert.equal(result.document!.Ready, false);
      const identity = result.check('AWS identity')!;
      assert.equal(identity.Status, 'fail');
      assert.match(String(identity.Detail), /rejected the credentials: InvalidClientTokenId: The security token included in the request is invalid\./);
      assert.equal(identity.Fix, 'aws configure --profile learner   (SSO: aws sso login --profile learner)');
    });
  } finally {
    await sts.close();
    await cleanup();
  }
});

test('a profile that does not exist fails with the command that creates it', async () => {
  const { home, cleanup } = await tempHome({ '.aws/credentials': credentialsFile, '.aws/config': configFile });
  try {
    await withEnv({ HOME: home }, async (env) => {
      const result = await runDoctor({ profile: 'dev', output: 'json' }, env);
      assert.equal(result.code, 1);
      assert.equal(result.check('AWS credentials')!.Detail, "profile 'dev' is in neither ~/.aws/credentials nor ~/.aws/config");
      assert.match(String(result.check('AWS credentials')!.Fix), /^aws configure --profile dev /);
      assert.equal(result.document!.Ready, false);
    });
  } finally {
    await cleanup();
  }
});

test('no credentials and no region anywhere: two failures with fixes, exit 1', async () => {
  const { home, cleanup } = await tempHome();
  try {
    await withEnv({ HOME: home }, async (env) => {
      const result = await runDoctor({ target: 'aws', output: 'json' }, env);
      assert.equal(result.code, 1);
      const credentials = result.check('AWS credentials')!;
      assert.equal(credentials.Status, 'fail');
      assert.match(String(credentials.Detail), /^none found: not in AWS_ACCESS_KEY_ID/);
      assert.match(String(credentials.Fix), /^aws configure --profile default/);
      assert.equal(result.check('AWS region')!.Status, 'fail');
      assert.equal(result.check('AWS identity'), undefined);
    });
  } finally {
    await cleanup();
  }
});

test('an SSO profile without a login says to run aws sso login', async () => {
  const { home, cleanup } = await tempHome({
    '.aws/config':
      '[profile sso-dev]\nsso_session = study\nsso_account_id = 111122223333\nsso_role_name = Learner\nregion = us-east-1\n\n' +
      '[sso-session study]\nsso_start_url = https://example.awsapps.com/start\nsso_region = us-east-1\n',
  });
  try {
    await withEnv({ HOME: home }, async (env) => {
      const result = await runDoctor({ profile: 'sso-dev', output: 'json' }, env);
      assert.equal(result.code, 1);
      const credentials = result.check('AWS credentials')!;
      assert.equal(credentials.Status, 'fail');
      assert.match(String(credentials.Detail), /^profile 'sso-dev': .*SSO/);
      assert.equal(credentials.Fix, 'aws sso login --profile sso-dev');
    });
  } finally {
    await cleanup();
  }
});

test('credential_process: the process runs, its secrets stay out of every line, --debug included', async () => {
  const processOutput = JSON.stringify({ Version: 1, AccessKeyId: ACCESS_KEY_ID, SecretAccessKey: SECRET_ACCESS_KEY, SessionToken: SESSION_TOKEN });
  const { home, cleanup } = await tempHome({ 'bin/creds': `#!/bin/sh\necho '${processOutput}'\n` });
  const unreachable = await closedUrl();
  try {
    const { writeFile } = await import('node:fs/promises');
    await writeFile(`${home}/.aws-config`, `[profile tool]\ncredential_process = ${home}/bin/creds\nregion = us-east-2\n`);
    await withEnv({ HOME: home, AWS_CONFIG_FILE: `${home}/.aws-config` }, async (env) => {
      const result = await runDoctor({ profile: 'tool', endpointUrl: unreachable, debug: true, output: 'text' }, env);
      assert.equal(result.code, 0, result.out);
      assert.match(result.out, /credential_process of profile 'tool'; access key \*{16}TOR1, temporary/);
      assert.match(result.out, new RegExp(`us-east-2 \\(from profile 'tool' in ~/\\.aws-config\\)`));
      assertNoSecrets(result.out + result.err, assert);
    });
  } finally {
    await cleanup();
  }
});
