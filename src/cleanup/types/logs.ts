/**
 * CloudWatch Logs: log groups, the metric filters that live in them, and saved Logs
 * Insights queries. A group's streams and events go with DeleteLogGroup; a metric filter
 * is deleted before its group (it names the group, and DeleteMetricFilter needs it), and
 * the metrics it already emitted stay in CloudWatch until they age out, as all metrics do.
 */
import type { ClientPool } from '../../aws/clients.js';
import { ignoreNotFound, type Input, type Output, type ResourceType, type Tag } from '../resource-type.js';

const logs = () => import('@aws-sdk/client-cloudwatch-logs');

async function logGroupExists(clients: ClientPool, name: string): Promise<boolean> {
  const { DescribeLogGroupsCommand } = await logs();
  const out = await clients.send<Output>(new DescribeLogGroupsCommand({ logGroupNamePrefix: name }));
  return (out.logGroups ?? []).some((group: Output) => group.logGroupName === name);
}

export const logGroup: ResourceType = {
  name: 'logs:log-group',
  title: 'CloudWatch Logs log group',
  createdBy: 'CreateLogGroup',
  dependsOn: [],
  // CreateLogGroup takes its tags as a map, not a list.
  addTags(input: Input, tags: Tag[]) {
    input.tags = { ...(input.tags as Record<string, string> | undefined), ...Object.fromEntries(tags.map((tag) => [tag.Key, tag.Value])) };
  },
  created: (_output, input) => [{ resourceId: String(input.logGroupName) }],
  intentAttributes: (input) => ({ name: String(input.logGroupName) }),
  async resolveIntent(record, clients) {
    const name = record.attributes?.name;
    return name && (await logGroupExists(clients, name)) ? [{ resourceId: name }] : [];
  },
  async delete(record, clients) {
    const { DeleteLogGroupCommand } = await logs();
    await ignoreNotFound(() => clients.send(new DeleteLogGroupCommand({ logGroupName: record.resourceId! })));
  },
};

export const metricFilter: ResourceType = {
  name: 'logs:metric-filter',
  title: 'CloudWatch Logs metric filter',
  createdBy: 'PutMetricFilter',
  dependsOn: ['logs:log-group'],
  created: (_output, input) => [{ resourceId: String(input.filterName), attributes: { logGroupName: String(input.logGroupName) } }],
  intentAttributes: (input) => ({ logGroupName: String(input.logGroupName), name: String(input.filterName) }),
  async resolveIntent(record, clients) {
    const { DescribeMetricFiltersCommand } = await logs();
    const { logGroupName, name } = record.attributes ?? {};
    if (!logGroupName || !name) return [];
    try {
      const out = await clients.send<Output>(new DescribeMetricFiltersCommand({ logGroupName, filterNamePrefix: name }));
      return (out.metricFilters ?? []).some((filter: Output) => filter.filterName === name) ? [{ resourceId: name, attributes: { logGroupName } }] : [];
    } catch (error) {
      if ((error as Error).name === 'ResourceNotFoundException') return [];
      throw error;
    }
  },
  async delete(record, clients) {
    const { DeleteMetricFilterCommand } = await logs();
    // A filter whose group is already gone answers ResourceNotFoundException: nothing left to do.
    await ignoreNotFound(() => clients.send(new DeleteMetricFilterCommand({ logGroupName: record.attributes!.logGroupName!, filterName: record.resourceId! })));
  },
};

export const queryDefinition: ResourceType = {
  name: 'logs:query-definition',
  title: 'CloudWatch Logs Insights saved query',
  createdBy: 'PutQueryDefinition',
  // A saved query names log groups but does not live in them: deleting a group leaves it.
  dependsOn: [],
  created: (output: Output) => [{ resourceId: String(output.queryDefinitionId) }],
  intentAttributes: (input) => ({ name: String(input.name) }),
  async resolveIntent(record, clients, known) {
    const { DescribeQueryDefinitionsCommand } = await logs();
    const out = await clients.send<Output>(new DescribeQueryDefinitionsCommand({ queryDefinitionNamePrefix: record.attributes?.name }));
    // Names are not unique: only a definition of that name the ledger does not know yet can be the intent's.
    return (out.queryDefinitions ?? [])
      .filter((definition: Output) => definition.name === record.attributes?.name && !known.has(definition.queryDefinitionId))
      .map((definition: Output) => ({ resourceId: String(definition.queryDefinitionId) }));
  },
  async delete(record, clients) {
    const { DeleteQueryDefinitionCommand } = await logs();
    await ignoreNotFound(() => clients.send(new DeleteQueryDefinitionCommand({ queryDefinitionId: record.resourceId! })));
  },
};

export const logsResourceTypes: ResourceType[] = [logGroup, metricFilter, queryDefinition];
