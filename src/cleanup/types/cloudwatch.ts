/**
 * CloudWatch alarms and dashboards. Both are named, not id'd, and their Put calls create or
 * replace by name, so the name is the resource id and a crash before the ledger learnt it is
 * resolved by looking the name up. Neither lives in anything: an alarm's SNS action is a
 * reference AWS does not check on deletion of either side.
 */
import type { ClientPool } from '../../aws/clients.js';
import { CLOUDWATCH_USD, perHourOfMonthly } from '../../aws/prices.js';
import { appendTags, ignoreNotFound, type Output, type ResourceType } from '../resource-type.js';

const cloudwatch = () => import('@aws-sdk/client-cloudwatch');

async function alarmExists(clients: ClientPool, name: string): Promise<boolean> {
  const { DescribeAlarmsCommand } = await cloudwatch();
  const out = await clients.send<Output>(new DescribeAlarmsCommand({ AlarmNames: [name], AlarmTypes: ['MetricAlarm', 'CompositeAlarm'] }));
  return (out.MetricAlarms?.length ?? 0) + (out.CompositeAlarms?.length ?? 0) > 0;
}

async function dashboardExists(clients: ClientPool, name: string): Promise<boolean> {
  const { ListDashboardsCommand } = await cloudwatch();
  const out = await clients.send<Output>(new ListDashboardsCommand({ DashboardNamePrefix: name }));
  return (out.DashboardEntries ?? []).some((entry: Output) => entry.DashboardName === name);
}

export const alarm: ResourceType = {
  name: 'cloudwatch:alarm',
  title: 'CloudWatch alarm',
  createdBy: 'PutMetricAlarm',
  dependsOn: [],
  hourlyCostUsd: () => perHourOfMonthly(CLOUDWATCH_USD.perAlarmMetricMonth),
  addTags: appendTags,
  // PutMetricAlarm answers nothing: the alarm is its name.
  created: (_output, input) => [{ resourceId: String(input.AlarmName) }],
  intentAttributes: (input) => ({ name: String(input.AlarmName) }),
  async resolveIntent(record, clients) {
    const name = record.attributes?.name;
    return name && (await alarmExists(clients, name)) ? [{ resourceId: name }] : [];
  },
  async delete(record, clients) {
    const { DeleteAlarmsCommand } = await cloudwatch();
    // DeleteAlarms answers ResourceNotFound for a name it does not know: already gone is done.
    await ignoreNotFound(() => clients.send(new DeleteAlarmsCommand({ AlarmNames: [record.resourceId!] })));
  },
};

export const dashboard: ResourceType = {
  name: 'cloudwatch:dashboard',
  title: 'CloudWatch dashboard',
  createdBy: 'PutDashboard',
  dependsOn: [],
  // The first 3 dashboards of an account are free; which ones those are is the account's, not lab's, to know.
  hourlyCostUsd: () => perHourOfMonthly(CLOUDWATCH_USD.perDashboardMonth),
  created: (_output, input) => [{ resourceId: String(input.DashboardName) }],
  intentAttributes: (input) => ({ name: String(input.DashboardName) }),
  async resolveIntent(record, clients) {
    const name = record.attributes?.name;
    return name && (await dashboardExists(clients, name)) ? [{ resourceId: name }] : [];
  },
  async delete(record, clients) {
    const { DeleteDashboardsCommand } = await cloudwatch();
    // A missing name fails the whole call with ResourceNotFound (DashboardNotFoundError).
    await ignoreNotFound(() => clients.send(new DeleteDashboardsCommand({ DashboardNames: [record.resourceId!] })));
  },
};

export const cloudwatchResourceTypes: ResourceType[] = [alarm, dashboard];
