/**
 * Interop: `lab format` against AWS CLI v2 itself, live, byte for byte.
 *
 * 1. test/golden/generate.py renders every golden case again with the CLI's own formatter
 *    (one Python process for the whole corpus) into a temporary directory;
 * 2. the committed corpus must equal that, so it never goes stale against the CLI;
 * 3. every case goes through `node bin/lab.js format` as a real process and must print
 *    the same stdout and stderr and exit with the same code;
 * 4. the real `/usr/bin/aws` binary formats responses itself: `--generate-cli-skeleton
 *    output` runs an operation against a stubbed client (no network, no credentials) and
 *    prints the stub response through the normal formatter, `--output` and `--query`
 *    included; lab, given the JSON form of that response, must print what aws printed.
 *
 * Needs the Debian awscli package (/usr/bin/aws 2.9.19 and its /usr/bin/python3); CI
 * installs it, and without it this suite fails rather than passing vacuously.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import {
  documentText,
  expectedDir,
  expectedOutcome,
  goldenDir,
  labBin,
  labEnv,
  labFormatArgs,
  readManifest,
  type Outcome,
} from '../test/golden/corpus.js';

const AWS = '/usr/bin/aws';
const PYTHON = '/usr/bin/python3';
// The machine is shared; two children at a time keeps the suite quick without crowding it.
const CONCURRENCY = Math.min(2, availableParallelism());

function run(command: string, args: string[], input: string, env: NodeJS.ProcessEnv): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8'), exitCode: code ?? -1 }),
    );
    child.stdin.end(input);
  });
}

function lab(args: string[], input: string, columns?: number): Promise<Outcome> {
  return run(process.execPath, [labBin, ...args], input, labEnv(columns));
}

const missing = [AWS, PYTHON].filter((path) => !existsSync(path));
if (missing.length > 0) {
  test('the reference AWS CLI v2 is installed', () => {
    assert.fail(`interop compares lab with the real AWS CLI v2, but ${missing.join(' and ')} is missing: install it with apt-get install awscli`);
  });
} else {
  const workDir = mkdtempSync(join(tmpdir(), 'lab-interop-'));
  after(() => rmSync(workDir, { recursive: true, force: true }));
  const liveDir = join(workDir, 'expected');
  const generator = spawnSync(PYTHON, [join(goldenDir, 'generate.py'), '--out', liveDir], { encoding: 'utf8' });

  test('generate.py renders the corpus with the installed AWS CLI', () => {
    assert.equal(generator.status, 0, generator.stderr);
  });

  if (generator.status === 0) {
    const live = readManifest(liveDir);

    test('the committed corpus is what the AWS CLI prints today', () => {
      assert.deepEqual(readManifest(), live, 'manifest.json is stale: regenerate it (test/golden/README.md)');
      const outFiles = (dir: string) => readdirSync(dir).filter((name) => name.endsWith('.out')).sort();
      assert.deepEqual(outFiles(expectedDir), outFiles(liveDir));
      for (const name of outFiles(liveDir)) {
        assert.equal(readFileSync(join(expectedDir, name), 'utf8'), readFileSync(join(liveDir, name), 'utf8'), `${name} is stale`);
      }
    });

    describe('lab format, as a process, prints what the AWS CLI printed', { concurrency: CONCURRENCY }, () => {
      for (const goldenCase of live) {
        test(goldenCase.id, async () => {
          const actual = await lab(labFormatArgs(goldenCase), documentText(goldenCase.document), goldenCase.columns);
          assert.deepEqual(actual, expectedOutcome(goldenCase, liveDir));
        });
      }
    });
  }

  describe('the aws binary formats a stubbed response; lab prints the same', { concurrency: CONCURRENCY }, () => {
    const home = join(workDir, 'home');
    mkdirSync(home);
    // No profile, no credentials, no pager: only the region, which creating a client needs.
    const awsEnv: NodeJS.ProcessEnv = {
      PATH: '/usr/bin:/bin',
      HOME: home,
      LC_ALL: 'C.UTF-8',
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_CONFIG_FILE: join(home, 'none'),
      AWS_SHARED_CREDENTIALS_FILE: join(home, 'none'),
      AWS_PAGER: '',
    };
    const aws = (command: string[], globals: string[]) => run(AWS, [...command, '--generate-cli-skeleton', 'output', ...globals], '', awsEnv);

    // Operations whose output has no timestamps: the stub hands the formatter botocore's
    // datetime objects, where a real response's timestamps arrive as the CLI's ISO strings.
    const operations = [
      { command: ['ec2', 'describe-vpcs'], operation: 'DescribeVpcs', query: 'Vpcs[].{Id: VpcId, Cidr: CidrBlock, Default: IsDefault}' },
      { command: ['ec2', 'describe-subnets'], operation: 'DescribeSubnets', query: 'Subnets[].[SubnetId, AvailableIpAddressCount, MapPublicIpOnLaunch]' },
      { command: ['ec2', 'describe-security-groups'], operation: 'DescribeSecurityGroups', query: 'SecurityGroups[0].IpPermissions[0].IpRanges' },
      { command: ['ec2', 'describe-route-tables'], operation: 'DescribeRouteTables', query: 'RouteTables[].Routes[].{Dest: DestinationCidrBlock, State: State}' },
      { command: ['sns', 'list-topics'], operation: 'ListTopics', query: 'Topics[].TopicArn | [0]' },
    ];
    const variants: { output: string; query?: boolean }[] = [
      { output: 'json' },
      { output: 'yaml' },
      { output: 'yaml-stream' },
      { output: 'text' },
      { output: 'table' },
      { output: 'table', query: true },
      { output: 'text', query: true },
    ];

    for (const { command, operation, query } of operations) {
      // The response as JSON is what lab reads; taken once per operation.
      let response: Promise<Outcome> | undefined;
      const responseJson = async () => {
        const outcome = await (response ??= aws(command, ['--output', 'json']));
        assert.equal(outcome.exitCode, 0, outcome.stderr);
        return outcome.stdout;
      };
      for (const variant of variants) {
        const queryArgs = variant.query ? ['--query', query] : [];
        test(`aws ${command.join(' ')} --output ${variant.output}${variant.query ? ` --query '${query}'` : ''}`, async () => {
          const [expected, document] = await Promise.all([aws(command, ['--output', variant.output, ...queryArgs]), responseJson()]);
          // Off a terminal the CLI lays tables out for 80 columns; lab must default the same.
          const actual = await lab(['format', '--operation', operation, '--output', variant.output, ...queryArgs], document);
          assert.deepEqual(actual, expected);
        });
      }
    }
  });
}
