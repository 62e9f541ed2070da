/**
 * CloudWatch dashboards through the real CloudWatchClient: bodies checked against the
 * "Dashboard Body Structure and Syntax" reference (widgets, types, positions, required
 * properties), the global dashboard ARN, listing by prefix and deletion all or nothing.
 */
import {
  DashboardInvalidInputError, DeleteDashboardsCommand, GetDashboardCommand, ListDashboardsCommand, PutDashboardCommand,
} from '@aws-sdk/client-cloudwatch';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { queryCall, startHarness, type Harness } from './harness.js';

let h: Harness;

before(async () => {
  h = await startHarness();
});

after(() => h.close());

/** The body of the reference's first example: a metric widget and a text widget. */
const BODY = JSON.stringify({
  widgets: [
    {
      type: 'metric', x: 0, y: 0, width: 12, height: 6,
      properties: { metrics: [['AWS/EC2', 'CPUUtilization', 'InstanceId', 'i-012345']], period: 300, stat: 'Average', region: 'us-east-1', title: 'EC2 Instance CPU' },
    },
    { type: 'text', x: 0, y: 7, width: 3, height: 3, properties: { markdown: 'Hello world' } },
  ],
});

async function invalid(body: string): Promise<Array<{ DataPath?: string; Message?: string }>> {
  try {
    await h.cw.send(new PutDashboardCommand({ DashboardName: 'broken', DashboardBody: body }));
  } catch (error) {
    assert.ok(error instanceof DashboardInvalidInputError, String(error));
    assert.match(error.message, /^The dashboard body is invalid, there are \d+ validation errors:/);
    return error.dashboardValidationMessages ?? [];
  }
  throw new Error('PutDashboard accepted an invalid body');
}

describe('PutDashboard', () => {
  it('accepts the reference\'s example and answers no validation messages', async () => {
    const out = await h.cw.send(new PutDashboardCommand({ DashboardName: 'web-ops', DashboardBody: BODY }));
    assert.deepEqual(out.DashboardValidationMessages, []);
    const got = await h.cw.send(new GetDashboardCommand({ DashboardName: 'web-ops' }));
    assert.equal(got.DashboardArn, 'arn:aws:cloudwatch::123456789012:dashboard/web-ops');
    assert.equal(got.DashboardBody, BODY);
    assert.equal(got.DashboardName, 'web-ops');
  });

  it('is global: another region sees the same dashboard', async () => {
    const got = await h.client('eu-west-1').send(new GetDashboardCommand({ DashboardName: 'web-ops' }));
    assert.equal(got.DashboardArn, 'arn:aws:cloudwatch::123456789012:dashboard/web-ops');
  });

  it('refuses a body that is not JSON or has no widgets', async () => {
    assert.deepEqual(await invalid('{"widgets": ['), [{ DataPath: '', Message: 'Should be valid JSON' }]);
    assert.deepEqual(await invalid('{}'), [{ DataPath: '', Message: "Should have required property 'widgets'" }]);
    assert.deepEqual(await invalid('{"widgets": {}}'), [{ DataPath: '/widgets', Message: 'Should be array' }]);
  });

  it('names every problem of every widget by its path', async () => {
    const messages = await invalid(JSON.stringify({
      widgets: [
        { type: 'chart', properties: {} },
        { type: 'text', x: 24, width: 0, properties: {} },
        { type: 'metric', properties: { metrics: [['AWS/Lambda', 'Invocations', { stat: 'Sum' }, { FunctionName: 'f' }]] } },
        { type: 'alarm', properties: { alarms: ['web-high'] } },
        { type: 'log' },
      ],
    }));
    assert.deepEqual(messages, [
      { DataPath: '/widgets/0/type', Message: 'Should be equal to one of the allowed values' },
      { DataPath: '/widgets/1/x', Message: 'Should be <= 23' },
      { DataPath: '/widgets/1/width', Message: 'Should be >= 1' },
      { DataPath: '/widgets/1/properties', Message: "Should have required property 'markdown'" },
      { DataPath: '/widgets/2/properties/metrics/0/2', Message: 'Invalid metric field type, only "String" type is allowed' },
      { DataPath: '/widgets/2/properties', Message: "Should have required property 'region'" },
      { DataPath: '/widgets/3/properties/alarms/0', Message: 'Should match format "arn"' },
      { DataPath: '/widgets/4', Message: "Should have required property 'properties'" },
    ]);
    await assert.rejects(h.cw.send(new GetDashboardCommand({ DashboardName: 'broken' })), { name: 'ResourceNotFound' });
  });

  it('says the same over AWS query, as the AWS CLI reads it', async () => {
    const answer = await queryCall(h.sandbox, { Action: 'PutDashboard', DashboardName: 'broken', DashboardBody: '{}' });
    assert.equal(answer.status, 400);
    assert.match(answer.body, /<Code>InvalidParameterInput<\/Code><Message>The dashboard body is invalid, there are 1 validation errors:/);
    assert.match(answer.body, /<dashboardValidationMessages><member><DataPath><\/DataPath><Message>Should have required property 'widgets'<\/Message><\/member><\/dashboardValidationMessages>/);
  });
});

describe('ListDashboards, GetDashboard and DeleteDashboards', () => {
  it('lists by prefix with size and last modified time', async () => {
    await h.cw.send(new PutDashboardCommand({ DashboardName: 'web-db', DashboardBody: '{"widgets":[]}' }));
    await h.cw.send(new PutDashboardCommand({ DashboardName: 'batch', DashboardBody: '{"widgets":[]}' }));
    const { DashboardEntries } = await h.cw.send(new ListDashboardsCommand({ DashboardNamePrefix: 'web-' }));
    assert.deepEqual(DashboardEntries!.map((entry) => entry.DashboardName), ['web-db', 'web-ops']);
    assert.equal(DashboardEntries![1]!.Size, Buffer.byteLength(BODY));
    assert.equal(DashboardEntries![1]!.LastModified!.getTime(), h.now.at);
    assert.equal(DashboardEntries![0]!.DashboardArn, 'arn:aws:cloudwatch::123456789012:dashboard/web-db');
    const all = await h.cw.send(new ListDashboardsCommand({}));
    assert.deepEqual(all.DashboardEntries!.map((entry) => entry.DashboardName), ['batch', 'web-db', 'web-ops']);
  });

  it('deletes all or nothing: a missing dashboard is named and none is deleted', async () => {
    await assert.rejects(h.cw.send(new DeleteDashboardsCommand({ DashboardNames: ['batch', 'nope'] })), (error: Error) => {
      assert.equal(error.name, 'ResourceNotFound');
      assert.equal(error.message, 'Dashboard nope does not exist');
      return true;
    });
    await h.cw.send(new GetDashboardCommand({ DashboardName: 'batch' }));
    await h.cw.send(new DeleteDashboardsCommand({ DashboardNames: ['batch', 'web-db'] }));
    const { DashboardEntries } = await h.cw.send(new ListDashboardsCommand({}));
    assert.deepEqual(DashboardEntries!.map((entry) => entry.DashboardName), ['web-ops']);
  });

  it('refuses a name with other characters than alphanumerics, dash and underscore', async () => {
    await assert.rejects(h.cw.send(new PutDashboardCommand({ DashboardName: 'web ops', DashboardBody: BODY })), { name: 'DashboardInvalidInputError' });
  });
});
