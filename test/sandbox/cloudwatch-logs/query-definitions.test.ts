/**
 * CloudWatch Logs Insights saved queries (query definitions) in the sandbox, through the real
 * CloudWatchLogsClient over HTTP: PutQueryDefinition creating, replacing and retrying with a
 * clientToken; DescribeQueryDefinitions by prefix and by page; DeleteQueryDefinition; a
 * restart with a state directory keeping them (and metric filters).
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import {
  CloudWatchLogsClient, CreateLogGroupCommand, DeleteQueryDefinitionCommand, DescribeMetricFiltersCommand, DescribeQueryDefinitionsCommand,
  PutMetricFilterCommand, PutQueryDefinitionCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { createClock } from '../../../src/sandbox/clock.js';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox/server.js';
import { createServices } from '../../../src/sandbox/services/index.js';
import { assertError, failure } from '../../support/aws-errors.js';

let now = Date.UTC(2026, 11, 4, 12, 0, 0);
let sandbox: RunningSandbox;
let logs: CloudWatchLogsClient;
const clients: CloudWatchLogsClient[] = [];

function client(url: string, region = 'us-east-1'): CloudWatchLogsClient {
  const made = new CloudWatchLogsClient({ endpoint: url, region, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  clients.push(made);
  return made;
}

before(async () => {
  sandbox = await startSandbox({ port: 0, services: await createServices(['logs']), clock: createClock({ now: () => now }) });
  logs = client(sandbox.url);
});

after(async () => {
  for (const made of clients) made.destroy();
  await sandbox.stop();
});

beforeEach(() => sandbox.router.reset());

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** The query the workshop saves. */
const ERRORS_QUERY = 'fields @timestamp, @message | filter @message like /ERROR/ | sort @timestamp desc | limit 20';

describe('PutQueryDefinition', () => {
  it('creates a definition with a new id, and describes it with lastModified', async () => {
    const { queryDefinitionId } = await logs.send(new PutQueryDefinitionCommand({ name: 'Errors', queryString: ERRORS_QUERY, logGroupNames: ['/lab/app'] }));
    assert.match(queryDefinitionId!, UUID);
    const { queryDefinitions } = await logs.send(new DescribeQueryDefinitionsCommand({}));
    assert.deepEqual(queryDefinitions, [{
      queryLanguage: 'CWLI', queryDefinitionId, name: 'Errors', queryString: ERRORS_QUERY, lastModified: now, logGroupNames: ['/lab/app'],
    }]);
  });

  it('replaces the definition its id names, and refuses an unknown id', async () => {
    const { queryDefinitionId } = await logs.send(new PutQueryDefinitionCommand({ name: 'Errors', queryString: ERRORS_QUERY }));
    now += 60_000;
    const replaced = await logs.send(new PutQueryDefinitionCommand({ queryDefinitionId, name: 'Errors (recent)', queryString: `${ERRORS_QUERY} | limit 5` }));
    assert.equal(replaced.queryDefinitionId, queryDefinitionId);
    const { queryDefinitions } = await logs.send(new DescribeQueryDefinitionsCommand({}));
    assert.equal(queryDefinitions?.length, 1);
    assert.equal(queryDefinitions![0]!.name, 'Errors (recent)');
    assert.equal(queryDefinitions![0]!.lastModified, now);
    assert.deepEqual(queryDefinitions![0]!.logGroupNames, []);

    assertError(await failure(logs.send(new PutQueryDefinitionCommand({ queryDefinitionId: '00000000-0000-4000-8000-000000000000', name: 'x', queryString: 'fields @message' }))),
      'ResourceNotFoundException', 'The specified query definition does not exist.', 400);
  });

  it('answers a retried request (same clientToken) with the same definition', async () => {
    const first = await logs.send(new PutQueryDefinitionCommand({ name: 'Errors', queryString: ERRORS_QUERY, clientToken: 'token-1' }));
    const again = await logs.send(new PutQueryDefinitionCommand({ name: 'Errors', queryString: ERRORS_QUERY, clientToken: 'token-1' }));
    assert.equal(again.queryDefinitionId, first.queryDefinitionId);
    assert.equal((await logs.send(new DescribeQueryDefinitionsCommand({}))).queryDefinitions?.length, 1);
  });

  it('refuses an empty name or query string', async () => {
    assert.equal((await failure(logs.send(new PutQueryDefinitionCommand({ name: '', queryString: 'fields @message' })))).name, 'InvalidParameterException');
    assert.equal((await failure(logs.send(new PutQueryDefinitionCommand({ name: 'x', queryString: '' })))).name, 'InvalidParameterException');
  });
});

describe('DescribeQueryDefinitions and DeleteQueryDefinition', () => {
  it('filters by name prefix and pages with maxResults', async () => {
    for (const name of ['Errors', 'Errors by host', 'Latency', 'Slow requests']) {
      await logs.send(new PutQueryDefinitionCommand({ name, queryString: 'fields @message' }));
    }
    const names = (definitions?: { name?: string }[]) => definitions?.map((definition) => definition.name);
    assert.deepEqual(names((await logs.send(new DescribeQueryDefinitionsCommand({ queryDefinitionNamePrefix: 'Errors' }))).queryDefinitions), ['Errors', 'Errors by host']);
    const first = await logs.send(new DescribeQueryDefinitionsCommand({ maxResults: 3 }));
    assert.deepEqual(names(first.queryDefinitions), ['Errors', 'Errors by host', 'Latency']);
    const second = await logs.send(new DescribeQueryDefinitionsCommand({ maxResults: 3, nextToken: first.nextToken }));
    assert.deepEqual(names(second.queryDefinitions), ['Slow requests']);
    assert.equal(second.nextToken, undefined);
    assert.deepEqual((await client(sandbox.url, 'eu-west-1').send(new DescribeQueryDefinitionsCommand({}))).queryDefinitions, [], 'per region');
  });

  it('deletes a definition (success: true), and refuses an unknown one', async () => {
    const { queryDefinitionId } = await logs.send(new PutQueryDefinitionCommand({ name: 'Errors', queryString: ERRORS_QUERY }));
    assert.equal((await logs.send(new DeleteQueryDefinitionCommand({ queryDefinitionId }))).success, true);
    assert.deepEqual((await logs.send(new DescribeQueryDefinitionsCommand({}))).queryDefinitions, []);
    assertError(await failure(logs.send(new DeleteQueryDefinitionCommand({ queryDefinitionId }))), 'ResourceNotFoundException', 'The specified query definition does not exist.', 400);
  });
});

describe('a restart with a state directory', () => {
  it('keeps query definitions and metric filters', async () => {
    const stateDir = await mkdtemp(join(tmpdir(), 'lab-logs-queries-'));
    try {
      const first = await startSandbox({ port: 0, services: await createServices(['logs']), stateDir });
      const before = client(first.url);
      const { queryDefinitionId } = await before.send(new PutQueryDefinitionCommand({ name: 'Errors', queryString: ERRORS_QUERY }));
      await before.send(new CreateLogGroupCommand({ logGroupName: '/lab/app' }));
      await before.send(new PutMetricFilterCommand({
        logGroupName: '/lab/app', filterName: 'errors', filterPattern: 'ERROR',
        metricTransformations: [{ metricName: 'Errors', metricNamespace: 'Lab', metricValue: '1' }],
      }));
      await first.stop();

      const second = await startSandbox({ port: 0, services: await createServices(['logs']), stateDir });
      const after = client(second.url);
      assert.equal((await after.send(new DescribeQueryDefinitionsCommand({}))).queryDefinitions?.[0]?.queryDefinitionId, queryDefinitionId);
      assert.deepEqual((await after.send(new DescribeMetricFiltersCommand({ logGroupName: '/lab/app' }))).metricFilters?.map((filter) => filter.filterName), ['errors']);
      await second.stop();
    } finally {
      await rm(stateDir, { recursive: true, force: true });
    }
  });
});
