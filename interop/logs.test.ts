/**
 * The real AWS CLI v2 against `lab sandbox start`: CloudWatch Logs groups, retention, events,
 * metric filters (with their datapoints read back through `aws cloudwatch`), saved queries,
 * and the service's refusals as the CLI prints them. Every command's output is checked.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cliSession, type CliJson } from './cli-session.js';

const { ok, refused, printed: output } = cliSession();

const group = ['--log-group-name', '/lab/interop'];
const APACHE_404 = '127.0.0.1 - bob [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 404 2326';
const APACHE_200 = '127.0.0.1 - bob [10/Oct/2000:13:55:36 -0700] "GET /apache_pb2.gif HTTP/1.0" 200 2326';

describe('CloudWatch Logs through the AWS CLI', () => {
  test('create-log-group, twice, and put-retention-policy', () => {
    assert.deepEqual(ok('logs', 'create-log-group', ...group), {});
    assert.equal(refused('ResourceAlreadyExistsException', 'logs', 'create-log-group', ...group), 'The specified log group already exists');
    assert.deepEqual(ok('logs', 'put-retention-policy', ...group, '--retention-in-days', '7'), {});
    assert.match(refused('InvalidParameterException', 'logs', 'put-retention-policy', ...group, '--retention-in-days', '8'), /retentionInDays.*Member must satisfy enum value set/);
    const described = ok('logs', 'describe-log-groups', '--log-group-name-prefix', '/lab/interop');
    assert.equal(described.logGroups[0].retentionInDays, 7);
    assert.equal(described.logGroups[0].metricFilterCount, 0);
  });

  test('put-metric-filter, describe-metric-filters (--query, --output table), test-metric-filter', () => {
    assert.deepEqual(ok('logs', 'put-metric-filter', ...group, '--filter-name', 'HTTP404Errors',
      '--filter-pattern', '[ip, id, user, timestamp, request, status_code=404, size]',
      '--metric-transformations', 'metricName=ApacheNotFoundErrorCount,metricNamespace=MyNamespace,metricValue=1,defaultValue=0'), {});
    assert.equal(output('text', 'logs', 'describe-metric-filters', ...group, '--query', 'metricFilters[].filterName'), 'HTTP404Errors');
    const table = output('table', 'logs', 'describe-metric-filters', ...group, '--query', 'metricFilters[].{Name:filterName,Metric:metricTransformations[0].metricName}');
    assert.match(table, /DescribeMetricFilters/);
    assert.match(table, /\|\s+ApacheNotFoundErrorCount\s+\|\s+HTTP404Errors\s+\|/);
    assert.equal(ok('logs', 'describe-log-groups', '--log-group-name-prefix', '/lab/interop').logGroups[0].metricFilterCount, 1);

    const tested = ok('logs', 'test-metric-filter', '--filter-pattern', '[ip, id, user, timestamp, request, status_code=404, size]',
      '--log-event-messages', APACHE_404, APACHE_200);
    assert.deepEqual(tested.matches, [{
      eventNumber: 0,
      eventMessage: APACHE_404,
      extractedValues: {
        $ip: '127.0.0.1', $id: '-', $user: 'bob', $timestamp: '10/Oct/2000:13:55:36 -0700',
        $request: 'GET /apache_pb.gif HTTP/1.0', $status_code: '404', $size: '2326',
      },
    }]);
    assert.match(refused('InvalidParameterException', 'logs', 'test-metric-filter', '--filter-pattern', '%(a|b)%', '--log-event-messages', 'a'), /^Invalid filter pattern/);
  });

  test('put-log-events and filter-log-events; the filter reports into CloudWatch', () => {
    ok('logs', 'create-log-stream', ...group, '--log-stream-name', 'web-1');
    const now = Date.now();
    const events = [{ timestamp: now - 2000, message: APACHE_404 }, { timestamp: now - 1000, message: APACHE_200 }];
    const put = ok('logs', 'put-log-events', ...group, '--log-stream-name', 'web-1', '--log-events', JSON.stringify(events));
    assert.match(put.nextSequenceToken, /^\d+$/);

    const filtered = ok('logs', 'filter-log-events', ...group, '--filter-pattern', '[..., status_code=404, size]');
    assert.deepEqual(filtered.events.map((event: CliJson) => event.message), [APACHE_404]);
    assert.equal(filtered.events[0].logStreamName, 'web-1');
    const regex = ok('logs', 'filter-log-events', ...group, '--filter-pattern', '%apache_pb[0-9]%');
    assert.deepEqual(regex.events.map((event: CliJson) => event.message), [APACHE_200]);

    const minute = Math.floor((now - 2000) / 60_000) * 60_000;
    const statistics = ok('cloudwatch', 'get-metric-statistics', '--namespace', 'MyNamespace', '--metric-name', 'ApacheNotFoundErrorCount',
      '--start-time', new Date(minute - 60_000).toISOString(), '--end-time', new Date(minute + 120_000).toISOString(),
      '--period', '300', '--statistics', 'Sum');
    assert.deepEqual(statistics.Datapoints.map((point: CliJson) => point.Sum), [1]);
  });

  test('put-query-definition and describe-query-definitions', () => {
    const query = 'fields @timestamp, @message | filter @message like /ERROR/ | sort @timestamp desc | limit 20';
    const { queryDefinitionId } = ok('logs', 'put-query-definition', '--name', 'Errors', '--query-string', query, '--log-group-names', '/lab/interop');
    assert.match(queryDefinitionId, /^[0-9a-f-]{36}$/);
    const described = ok('logs', 'describe-query-definitions', '--query-definition-name-prefix', 'Err');
    assert.equal(described.queryDefinitions.length, 1);
    assert.equal(described.queryDefinitions[0].queryDefinitionId, queryDefinitionId);
    assert.equal(described.queryDefinitions[0].name, 'Errors');
    assert.equal(described.queryDefinitions[0].queryString, query);
    assert.deepEqual(described.queryDefinitions[0].logGroupNames, ['/lab/interop']);
    assert.equal(typeof described.queryDefinitions[0].lastModified, 'number');
    assert.equal(ok('logs', 'delete-query-definition', '--query-definition-id', queryDefinitionId).success, true);
  });

  test('delete-metric-filter, twice, and delete-log-group', () => {
    assert.deepEqual(ok('logs', 'delete-metric-filter', ...group, '--filter-name', 'HTTP404Errors'), {});
    assert.equal(refused('ResourceNotFoundException', 'logs', 'delete-metric-filter', ...group, '--filter-name', 'HTTP404Errors'), 'The specified metric filter does not exist.');
    assert.deepEqual(ok('logs', 'describe-metric-filters', ...group).metricFilters, []);
    assert.deepEqual(ok('logs', 'delete-log-group', ...group), {});
    assert.equal(refused('ResourceNotFoundException', 'logs', 'delete-log-group', ...group), 'The specified log group does not exist.');
  });
});
