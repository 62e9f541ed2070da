/**
 * week4-tue: monitoring with CloudWatch (workshop 000008). The workshop runs five instances
 * with the CloudWatch agent behind two NAT gateways, which is where its bill comes from.
 * Here the lab plays the agent itself: it writes what those instances would have sent (log
 * lines and disk/memory metrics over the past hours), so everything after that, the metric
 * math, Logs Insights, a metric filter with an alarm and an email, a dashboard, works on
 * real data, on the sandbox and on AWS alike, for cents.
 */
import { CLOUDWATCH_LOGS_USD, CLOUDWATCH_USD, perHourOfMonthly } from '../../src/aws/prices.js';
import { terminalLineCharts } from '../../src/output/line-chart.js';
import type { Lab } from '../../src/runner/lab.js';
import { agentInstances, agentLogEvents, agentMetricData, errorBurst, logEventBatches } from './agent-data.js';
import { alertEmail, confirmSubscription, NO_EMAIL_ON_AWS } from './subscription.js';
import { dashboardBody, ERRORS_QUERY } from './dashboard-body.js';
import { writeDashboardReport } from './dashboard-report.js';
import { runInsightsQuery } from './insights.js';
import { sandboxMailbox, waitForMail } from './mailbox.js';
import { METRIC_MATH_QUERIES, seriesOf } from './metric-math.js';
import {
  AGENT_NAMESPACE, ALARM, ALARM_THRESHOLD, DASHBOARD, DISK_METRIC, ERROR_METRIC, ERROR_PATTERN, HISTORY_HOURS, LAB_ID, LOG_GROUP,
  MEMORY_METRIC, METRIC_FILTER, METRIC_PERIOD_SECONDS, RETENTION_DAYS, SAVED_QUERY, TOPIC,
} from './names.js';

const cloudwatch = () => import('@aws-sdk/client-cloudwatch');
const logs = () => import('@aws-sdk/client-cloudwatch-logs');
const sns = () => import('@aws-sdk/client-sns');

const REUSED = 'already exists (an earlier run made it): reusing it. lab cleanup removes it with that run.';
const HOUR_MS = 3_600_000;

function history(): { fromMs: number; toMs: number } {
  const toMs = Date.now();
  return { fromMs: toMs - HISTORY_HOURS * HOUR_MS, toMs };
}

const QUERIES = {
  latest: 'fields @timestamp, @message | sort @timestamp desc | limit 20',
  errors: 'fields @timestamp, @message | filter @message like /ERROR/ | sort @timestamp desc | limit 20',
  warnings: 'fields @timestamp, @message | filter @message like /WARN/ | sort @timestamp desc | limit 20',
  eth0: 'filter @message like /eth0/ | stats count(*) by bin(30m)',
  errorCounts: 'filter @message like /ERROR/ | stats count(*) as errors by bin(5m)',
} as const;

function insightsStep(id: string, title: string, why: string, query: string) {
  return {
    id,
    title,
    why,
    needs: ['agent-logs'],
    run: async (ctx: import('../../src/runner/step-context.js').StepContext) => ({
      operation: 'GetQueryResults',
      response: await runInsightsQuery(ctx, LOG_GROUP, query, history()),
    }),
  };
}

export const week4Tue: Lab = {
  id: LAB_ID,
  title: 'CloudWatch: metrics, logs, alarms and dashboards for a fleet of instances',
  services: ['CloudWatch', 'CloudWatch Logs', 'SNS'],
  objectives: [
    'Tell the four parts of CloudWatch apart: metrics, logs, alarms and dashboards',
    'Send logs and metrics as the CloudWatch agent does, and keep logs only as long as they are useful',
    'Find and rank series with metric math (SEARCH, SORT, arithmetic, dynamic labels) and query logs with Logs Insights',
    'Turn log lines into a metric with a metric filter, alarm on it, and get the alarm by email through SNS',
    'Put it all on a dashboard, and know what outlives a cleanup',
  ],
  theory: [
    'Metrics are time series of numbers (a namespace, a name, dimensions); logs are timestamped lines in log streams inside log groups; alarms watch one metric (or a math expression) against a threshold; dashboards put metrics, alarms and log queries on one page.',
    'The CloudWatch agent runs on an instance and sends what EC2 cannot see from outside, memory and disk use (namespace CWAgent), and ships log files such as /var/log/messages to a log group, one stream per instance.',
    'Metric math works on series, not numbers: SEARCH finds every series matching a schema and terms, SORT ranks them, arithmetic applies point by point; ${PROP(\'Dim.InstanceId\')} labels each result by its dimension.',
    'An alarm is OK, ALARM or INSUFFICIENT_DATA; it changes state when DatapointsToAlarm of EvaluationPeriods periods breach, and acts (SNS, Auto Scaling, EC2) only on a change.',
    'Log groups never expire unless given a retention; custom metrics cannot be deleted and age out after 15 months.',
    'Cost: this lab runs no instances and no NAT gateway. On AWS it costs cents: custom metrics $0.30 each per month prorated by the hour they receive data, an alarm $0.10 a month, a dashboard $3 a month beyond the 3 free, logs $0.50 per GB ingested, Logs Insights $0.005 per GB scanned.',
  ],
  steps: [
    {
      id: 'components',
      title: 'The four parts of CloudWatch: metrics, logs, alarms, dashboards',
      why: 'Every later step uses one of them; knowing which answers which question (how much, what happened, tell me when, show me) is the point of the day.',
      run: async () => ({
        operation: 'CloudWatchComponents',
        response: {
          Components: [
            { Component: 'Metrics', Answers: 'How much, over time?', Here: `${AGENT_NAMESPACE} ${DISK_METRIC} and ${MEMORY_METRIC} per instance, and ${ERROR_METRIC.name} from a metric filter` },
            { Component: 'Logs', Answers: 'What exactly happened?', Here: `${LOG_GROUP}, one stream per instance, searched with Logs Insights` },
            { Component: 'Alarms', Answers: 'Tell me when it matters', Here: `${ALARM}: more than ${ALARM_THRESHOLD} errors in a minute, emailed through the SNS topic ${TOPIC}` },
            { Component: 'Dashboards', Answers: 'Show me everything at once', Here: `${DASHBOARD}: disk, memory, the alarm and the latest errors; also written as an offline HTML file` },
          ],
          Cost: 'No instances, no NAT gateways: on AWS this lab costs cents (a few custom metrics for a few hours, one alarm, one dashboard, well under 1 MB of logs).',
        },
      }),
    },
    {
      id: 'log-group',
      title: `Create the log group ${LOG_GROUP}`,
      why: 'The agent writes into a log group that must exist (or be created by the agent with logs:CreateLogGroup). The group is where retention, metric filters and access are set.',
      produces: ['logGroupName'],
      run: async (ctx) => {
        const { CreateLogGroupCommand, DescribeLogGroupsCommand } = await logs();
        const listed = await ctx.call(new DescribeLogGroupsCommand({ logGroupNamePrefix: LOG_GROUP }));
        if (!ctx.dryRun && listed.logGroups?.some((group) => group.logGroupName === LOG_GROUP)) {
          ctx.note(`The log group ${LOG_GROUP} ${REUSED}`);
        } else {
          await ctx.call(new CreateLogGroupCommand({ logGroupName: LOG_GROUP }));
        }
        await ctx.remember('logGroupName', LOG_GROUP);
        const query = 'logGroups[].{Name: logGroupName, Retention: retentionInDays, StoredBytes: storedBytes, Arn: arn}';
        return { operation: 'DescribeLogGroups', response: await ctx.call(new DescribeLogGroupsCommand({ logGroupNamePrefix: LOG_GROUP }), { query }), query };
      },
    },
    {
      id: 'agent-logs',
      title: `Play the agent of ${agentInstances().length} instances: their /var/log/messages over the past ${HISTORY_HOURS} hours`,
      why: `Each instance gets its own log stream, named by its instance id, as the agent names them. The lines mix system messages with the workshop's Python script logging random DEBUG to CRITICAL messages. Ingestion costs $${CLOUDWATCH_LOGS_USD.perGbIngested.toFixed(2)} per GB on AWS; this is well under 1 MB.`,
      needs: ['log-group'],
      run: async (ctx) => {
        const { CreateLogStreamCommand, DescribeLogStreamsCommand, PutLogEventsCommand } = await logs();
        const window = history();
        const streams: Record<string, unknown>[] = [];
        let calls = 0;
        // Five streams fit the first page (50): one look tells which an earlier run made.
        const existing = await ctx.call(new DescribeLogStreamsCommand({ logGroupName: LOG_GROUP }));
        for (const instance of agentInstances()) {
          if (ctx.dryRun || !existing.logStreams?.some((stream) => stream.logStreamName === instance.instanceId)) {
            await ctx.call(new CreateLogStreamCommand({ logGroupName: LOG_GROUP, logStreamName: instance.instanceId }), { showCommand: calls === 0 });
          }
          const events = agentLogEvents(instance, window);
          let rejected = 0;
          for (const batch of logEventBatches(events)) {
            const out = await ctx.call(new PutLogEventsCommand({ logGroupName: LOG_GROUP, logStreamName: instance.instanceId, logEvents: batch }), { files: { logEvents: `${instance.instanceId}-events.json` }, showCommand: calls === 0 });
            calls++;
            if (out?.rejectedLogEventsInfo) rejected++;
            if (ctx.dryRun) break;
          }
          streams.push({ logStreamName: instance.instanceId, Events: events.length, First: events[0]?.message, Last: events.at(-1)?.message, RejectedBatches: rejected });
          ctx.progress(`wrote ${events.length} lines to ${LOG_GROUP}/${instance.instanceId}`);
        }
        if (calls > 1) ctx.note(`... and ${calls - 1} more create-log-stream / put-log-events calls like these, one set per instance.`);
        return { operation: 'PutLogEvents', response: { logGroupName: LOG_GROUP, Streams: streams, PutLogEventsCalls: calls } };
      },
    },
    {
      id: 'agent-metrics',
      title: `Play the agent: ${DISK_METRIC} and ${MEMORY_METRIC} every 5 minutes over the past ${HISTORY_HOURS} hours`,
      why: `The agent reports disk use with the dimensions InstanceId, path, device and fstype, and memory use with InstanceId, in the namespace ${AGENT_NAMESPACE}. Past timestamps (up to two weeks back) are accepted, which gives the graphs history. On AWS each of these ${agentInstances().length * 2} custom metrics costs $${CLOUDWATCH_USD.perCustomMetricMonth.toFixed(2)} a month, prorated by the hour it receives data: a fraction of a cent here.`,
      run: async (ctx) => {
        const { PutMetricDataCommand } = await cloudwatch();
        const window = history();
        let calls = 0;
        const sent: Record<string, unknown>[] = [];
        for (const instance of agentInstances()) {
          const data = agentMetricData(instance, window, METRIC_PERIOD_SECONDS);
          // 1,000 metrics a request at most: one instance's few hours fit in one.
          await ctx.call(new PutMetricDataCommand({ Namespace: AGENT_NAMESPACE, MetricData: data }), { files: { MetricData: `${instance.instanceId}-metrics.json` }, showCommand: calls === 0 });
          calls++;
          sent.push({ InstanceId: instance.instanceId, Datapoints: data.length, From: data[0]?.Timestamp, To: data.at(-1)?.Timestamp });
        }
        if (calls > 1) ctx.note(`... and ${calls - 1} more put-metric-data calls like it, one per instance.`);
        return { operation: 'PutMetricData', response: { Namespace: AGENT_NAMESPACE, Instances: sent } };
      },
    },
    {
      id: 'retention',
      title: `Keep the logs ${RETENTION_DAYS} days`,
      why: `A log group keeps its events forever by default, and stored logs cost $${CLOUDWATCH_LOGS_USD.perGbMonthStored} per GB every month, for ever. A retention makes CloudWatch delete older events; the group stays.`,
      needs: ['log-group'],
      run: async (ctx) => {
        const { PutRetentionPolicyCommand, DescribeLogGroupsCommand } = await logs();
        await ctx.call(new PutRetentionPolicyCommand({ logGroupName: LOG_GROUP, retentionInDays: RETENTION_DAYS }));
        const query = 'logGroups[].{Name: logGroupName, Retention: retentionInDays}';
        return { operation: 'DescribeLogGroups', response: await ctx.call(new DescribeLogGroupsCommand({ logGroupNamePrefix: LOG_GROUP }), { query }), query };
      },
    },
    {
      id: 'metric-math',
      title: 'Metric math: SEARCH, the top 3 disks by SORT, free memory by arithmetic, labels by instance',
      why: "SEARCH finds series without naming each instance (the workshop's SEARCH('disk_used_percent', 'Average', 300) finds the same); SORT(e1, SUM, DESC, 3) keeps the three fullest disks; 100 - e2 turns memory used into memory free; ${PROP('Dim.InstanceId')} names each result by its instance.",
      needs: ['agent-metrics'],
      run: async (ctx) => {
        const { GetMetricDataCommand } = await cloudwatch();
        const window = history();
        const query = 'MetricDataResults[].{Id: Id, Label: Label, Points: length(Values), Latest: Values[-1], Status: StatusCode}';
        const response = await ctx.call(new GetMetricDataCommand({
          MetricDataQueries: METRIC_MATH_QUERIES,
          StartTime: new Date(window.fromMs),
          EndTime: new Date(window.toMs),
          ScanBy: 'TimestampAscending',
        }), { query });
        if (ctx.dryRun) return { operation: 'GetMetricData', response, query };
        if (seriesOf(response).length === 0) {
          // AWS indexes a new metric for search (and ListMetrics) up to 15 minutes after its first datapoint.
          ctx.note(`SEARCH found no ${AGENT_NAMESPACE} series yet. On AWS new metrics can take up to 15 minutes to become searchable: run this step again later: lab run ${LAB_ID} --steps ${week4Tue.steps.findIndex((step) => step.id === 'metric-math') + 1}.`);
        }
        const chart = [
          terminalLineCharts('Top 3 instances by disk used (SORT(e1, SUM, DESC, 3)):', seriesOf(response, 'top3'), { unit: '%' }),
          terminalLineCharts('Free memory per instance (100 - e2):', seriesOf(response, 'free'), { unit: '%', height: 4 }),
        ].join('\n\n');
        return { operation: 'GetMetricData', response, chart, query };
      },
    },
    insightsStep('insights-latest', 'Logs Insights: the latest 20 lines', `Insights scans the log group over a time range; fields picks what to show, sort and limit the order and count. On AWS it costs $${CLOUDWATCH_LOGS_USD.perGbScannedByInsights} per GB scanned.`, QUERIES.latest),
    insightsStep('insights-errors', 'Logs Insights: the latest ERROR lines', 'filter keeps the lines whose message matches a regular expression: the first thing to run when something breaks.', QUERIES.errors),
    insightsStep('insights-warnings', 'Logs Insights: the latest WARN lines', '/WARN/ matches WARNING too: a regular expression matches anywhere in the message.', QUERIES.warnings),
    insightsStep('insights-eth0', 'Logs Insights: eth0 messages counted per 30 minutes', 'stats count(*) by bin(...) turns lines into a time series, here the network interface messages the workshop counts.', QUERIES.eth0),
    insightsStep('insights-error-counts', 'Logs Insights: ERROR lines counted per 5 minutes', 'The same counting for errors: a quick look at whether errors come in bursts before anyone builds an alarm.', QUERIES.errorCounts),
    {
      id: 'save-query',
      title: `Save the ERROR query as "${SAVED_QUERY}"`,
      why: 'A saved query (a query definition) appears in the console\'s Insights page with its log groups, so the team runs the same query the same way.',
      needs: ['log-group'],
      produces: ['queryDefinitionId'],
      run: async (ctx) => {
        const { DescribeQueryDefinitionsCommand, PutQueryDefinitionCommand } = await logs();
        const listed = await ctx.call(new DescribeQueryDefinitionsCommand({ queryDefinitionNamePrefix: SAVED_QUERY }));
        const existing = ctx.dryRun ? undefined : listed.queryDefinitions?.find((definition) => definition.name === SAVED_QUERY && definition.queryString === QUERIES.errors);
        if (existing?.queryDefinitionId) {
          ctx.note(`The saved query ${SAVED_QUERY} ${REUSED}`);
          await ctx.remember('queryDefinitionId', existing.queryDefinitionId);
          return { operation: 'DescribeQueryDefinitions', response: listed };
        }
        const response = await ctx.call(new PutQueryDefinitionCommand({ name: SAVED_QUERY, queryString: QUERIES.errors, logGroupNames: [LOG_GROUP] }));
        await ctx.remember('queryDefinitionId', response.queryDefinitionId ?? '<queryDefinitionId>');
        return { operation: 'PutQueryDefinition', response };
      },
    },
    {
      id: 'metric-filter',
      title: `Metric filter ${METRIC_FILTER}: every ERROR line counts 1`,
      why: `A metric filter turns matching log lines into a metric (${ERROR_METRIC.namespace}/${ERROR_METRIC.name}): 1 per ERROR line, 0 for a minute with lines but no error. It only sees lines that arrive after it exists; it is not retroactive.`,
      needs: ['log-group'],
      run: async (ctx) => {
        const { DescribeMetricFiltersCommand, PutMetricFilterCommand } = await logs();
        const existing = await ctx.find(new DescribeMetricFiltersCommand({ logGroupName: LOG_GROUP, filterNamePrefix: METRIC_FILTER }), 'ResourceNotFoundException');
        if (existing?.metricFilters?.some((filter) => filter.filterName === METRIC_FILTER)) {
          ctx.note(`The metric filter ${METRIC_FILTER} ${REUSED}`);
          return { operation: 'DescribeMetricFilters', response: existing };
        }
        await ctx.call(new PutMetricFilterCommand({
          logGroupName: LOG_GROUP,
          filterName: METRIC_FILTER,
          filterPattern: ERROR_PATTERN,
          metricTransformations: [{ metricNamespace: ERROR_METRIC.namespace, metricName: ERROR_METRIC.name, metricValue: '1', defaultValue: 0 }],
        }));
        return { operation: 'DescribeMetricFilters', response: await ctx.call(new DescribeMetricFiltersCommand({ logGroupName: LOG_GROUP, filterNamePrefix: METRIC_FILTER })) };
      },
    },
    {
      id: 'topic',
      title: `Create the SNS topic ${TOPIC} for the alarm`,
      why: 'An alarm does not send email itself: it publishes to an SNS topic, and the topic delivers to its subscribers.',
      produces: ['topicArn'],
      run: async (ctx) => {
        const { CreateTopicCommand, ListTopicsCommand } = await sns();
        const listed = await ctx.call(new ListTopicsCommand({}));
        const existing = ctx.dryRun ? undefined : listed.Topics?.find((topic) => topic.TopicArn?.endsWith(`:${TOPIC}`));
        if (existing?.TopicArn) {
          ctx.note(`The topic ${TOPIC} ${REUSED}`);
          await ctx.remember('topicArn', existing.TopicArn);
          return { operation: 'ListTopics', response: listed };
        }
        const response = await ctx.call(new CreateTopicCommand({ Name: TOPIC }));
        await ctx.remember('topicArn', response.TopicArn!);
        return { operation: 'CreateTopic', response };
      },
    },
    {
      id: 'subscribe',
      title: 'Subscribe your email address and confirm it',
      why: 'An email subscription stays "pending confirmation" until its owner follows the link in the confirmation mail (ConfirmSubscription with its token). On AWS, set LAB_ALERT_EMAIL to your address and follow the link in your inbox; on the sandbox (learner@example.com unless you set it), the lab reads the mail from the sandbox mailbox and confirms for you.',
      needs: ['topic'],
      run: async (ctx) => {
        const topicArn = ctx.need('topicArn');
        const email = alertEmail(ctx);
        if (email === undefined) {
          ctx.note(NO_EMAIL_ON_AWS);
          return { operation: 'Subscribe', response: { Note: NO_EMAIL_ON_AWS } };
        }
        return confirmSubscription(ctx, topicArn, email);
      },
    },
    {
      id: 'alarm',
      title: `Alarm ${ALARM}: more than ${ALARM_THRESHOLD} errors in a minute`,
      why: `Sum of ${ERROR_METRIC.name} over 60 seconds, 1 of 1 periods breaching, missing data counted as not breaching (no lines, no errors). Its action publishes to the topic. On AWS an alarm costs $${CLOUDWATCH_USD.perAlarmMetricMonth.toFixed(2)} a month.`,
      needs: ['topic', 'metric-filter'],
      produces: ['alarmArn'],
      cost: { perHourUsd: perHourOfMonthly(CLOUDWATCH_USD.perAlarmMetricMonth), what: 'one standard-resolution alarm ($0.10 a month; 10 are free)' },
      run: async (ctx) => {
        const { DescribeAlarmsCommand, PutMetricAlarmCommand } = await cloudwatch();
        const query = 'MetricAlarms[].{Name: AlarmName, State: StateValue, Metric: MetricName, Statistic: Statistic, Period: Period, Threshold: Threshold, Actions: AlarmActions}';
        const existing = await ctx.call(new DescribeAlarmsCommand({ AlarmNames: [ALARM] }));
        if (!ctx.dryRun && existing.MetricAlarms?.[0]) {
          ctx.note(`The alarm ${ALARM} ${REUSED}`);
        } else {
          await ctx.call(new PutMetricAlarmCommand({
            AlarmName: ALARM,
            AlarmDescription: `More than ${ALARM_THRESHOLD} ERROR lines a minute in ${LOG_GROUP}`,
            Namespace: ERROR_METRIC.namespace,
            MetricName: ERROR_METRIC.name,
            Statistic: 'Sum',
            Period: 60,
            EvaluationPeriods: 1,
            DatapointsToAlarm: 1,
            Threshold: ALARM_THRESHOLD,
            ComparisonOperator: 'GreaterThanThreshold',
            TreatMissingData: 'notBreaching',
            AlarmActions: [ctx.need('topicArn')],
          }));
        }
        const response = await ctx.call(new DescribeAlarmsCommand({ AlarmNames: [ALARM] }), { query });
        await ctx.remember('alarmArn', response.MetricAlarms?.[0]?.AlarmArn ?? '<alarmArn>');
        return { operation: 'DescribeAlarms', response, query };
      },
    },
    {
      id: 'error-burst',
      title: `An error burst: ${ALARM_THRESHOLD + 5} ERROR lines in one minute, and the alarm goes to ALARM`,
      why: 'The metric filter counts the burst, the alarm sums the minute, finds it above the threshold and changes state. An alarm judges a period once it has ended, so the burst is stamped in the minute that just ended; the wait is for the next evaluation, at most about a minute.',
      needs: ['alarm', 'agent-logs'],
      produces: ['burstAt'],
      run: async (ctx) => {
        const { DescribeAlarmsCommand, SetAlarmStateCommand } = await cloudwatch();
        const { PutLogEventsCommand } = await logs();
        const before = await ctx.call(new DescribeAlarmsCommand({ AlarmNames: [ALARM] }));
        if (!ctx.dryRun && before.MetricAlarms?.[0]?.StateValue === 'ALARM') {
          // Actions fire on a change only: an alarm still in ALARM from an earlier run is set back to OK so this burst shows a fresh change.
          ctx.note(`${ALARM} is still in ALARM from an earlier burst: setting it to OK first, so this burst makes a new state change.`);
          await ctx.call(new SetAlarmStateCommand({ AlarmName: ALARM, StateValue: 'OK', StateReason: 'Reset by lab before a new error burst' }));
        }
        const burstAt = new Date().toISOString();
        await ctx.remember('burstAt', burstAt);
        const minute = Math.floor(Date.now() / 60_000) * 60_000 - 60_000;
        const instance = agentInstances()[0]!;
        await ctx.call(new PutLogEventsCommand({ logGroupName: LOG_GROUP, logStreamName: instance.instanceId, logEvents: errorBurst(instance, minute, ALARM_THRESHOLD + 5) }), { files: { logEvents: 'error-burst.json' } });
        const query = 'MetricAlarms[].{Name: AlarmName, State: StateValue, Reason: StateReason, Since: StateUpdatedTimestamp}';
        const alarmed = await ctx.waitFor(new DescribeAlarmsCommand({ AlarmNames: [ALARM] }), (out) => out.MetricAlarms?.[0]?.StateValue === 'ALARM', {
          what: `alarm ${ALARM} to be in ALARM`,
          pollMs: 2_000,
          timeoutMs: ctx.target.kind === 'aws' ? 10 * 60_000 : 3 * 60_000,
        });
        if (!ctx.dryRun) ctx.note(`${ALARM} is in ALARM: ${alarmed.MetricAlarms?.[0]?.StateReason}`);
        return { operation: 'DescribeAlarms', response: alarmed, query };
      },
    },
    {
      id: 'alarm-history',
      title: 'The alarm\'s history: configuration, state changes and actions',
      why: 'DescribeAlarmHistory is the alarm\'s own log: when it was created or changed, every state change with its reason, and every action it took (the SNS publish).',
      needs: ['error-burst'],
      run: async (ctx) => {
        const { DescribeAlarmHistoryCommand } = await cloudwatch();
        const query = 'AlarmHistoryItems[].{Time: Timestamp, Type: HistoryItemType, Summary: HistorySummary}';
        return { operation: 'DescribeAlarmHistory', response: await ctx.call(new DescribeAlarmHistoryCommand({ AlarmName: ALARM, MaxRecords: 20, ScanBy: 'TimestampDescending' }), { query }), query };
      },
    },
    {
      id: 'notification',
      title: 'The alarm\'s email',
      why: 'The state change published to the topic, and SNS mailed every confirmed subscriber. On the sandbox the mail lands in the sandbox mailbox; on AWS, in your inbox.',
      needs: ['error-burst'],
      run: async (ctx) => {
        if ((await sandboxMailbox(ctx)) === undefined) {
          const email = alertEmail(ctx);
          const note = email ? `Look for a mail titled 'ALARM: "${ALARM}" in ...' (the region's name) in the inbox of ${email}.` : NO_EMAIL_ON_AWS;
          return { operation: 'Mailbox', response: { Note: note } };
        }
        const since = ctx.need('burstAt');
        const topicArn = ctx.need('topicArn');
        const mail = await waitForMail(ctx, `the ${ALARM} notification`, (message) => message.kind === 'notification' && message.topicArn === topicArn && message.at >= since);
        if (!mail) throw new Error(`no notification from ${TOPIC} reached the sandbox mailbox after the alarm went to ALARM`);
        return { operation: 'Mailbox', response: { Messages: [{ To: mail.to, At: mail.at, Subject: mail.subject, Body: mail.body }] } };
      },
    },
    {
      id: 'dashboard',
      title: `Dashboard ${DASHBOARD}: disk, memory, the alarm and the latest errors`,
      why: `A dashboard is a JSON body of widgets; PutDashboard checks it and answers DashboardValidationMessages for anything wrong. On AWS a dashboard costs $${CLOUDWATCH_USD.perDashboardMonth.toFixed(2)} a month beyond the first 3.`,
      needs: ['alarm', 'log-group'],
      cost: { perHourUsd: perHourOfMonthly(CLOUDWATCH_USD.perDashboardMonth), what: 'one dashboard ($3 a month; the first 3 are free)' },
      run: async (ctx) => {
        const { GetDashboardCommand, ListDashboardsCommand, PutDashboardCommand } = await cloudwatch();
        const listed = await ctx.call(new ListDashboardsCommand({ DashboardNamePrefix: DASHBOARD }));
        if (!ctx.dryRun && listed.DashboardEntries?.some((entry) => entry.DashboardName === DASHBOARD)) {
          ctx.note(`The dashboard ${DASHBOARD} ${REUSED}`);
        } else {
          const put = await ctx.call(new PutDashboardCommand({ DashboardName: DASHBOARD, DashboardBody: dashboardBody(ctx.region, ctx.need('alarmArn')) }));
          if (put.DashboardValidationMessages?.length) ctx.note(`PutDashboard warns: ${put.DashboardValidationMessages.map((message) => `${message.DataPath}: ${message.Message}`).join('; ')}`);
        }
        return { operation: 'GetDashboard', response: await ctx.call(new GetDashboardCommand({ DashboardName: DASHBOARD })) };
      },
    },
    {
      id: 'dashboard-html',
      title: 'The dashboard as an offline HTML page',
      why: 'The same widgets drawn from the same calls (GetMetricData, DescribeAlarms, a Logs Insights query) into one file that opens in any browser without network: a snapshot to keep or share.',
      needs: ['dashboard'],
      run: async (ctx) => writeDashboardReport(ctx, { window: history(), errorsQuery: ERRORS_QUERY }),
    },
    {
      id: 'cleanup-notes',
      title: 'What lab cleanup removes, and what stays',
      why: 'The workshop ends with a stack deletion, which leaves log groups and custom metrics behind. Knowing what outlives a cleanup is knowing what keeps billing.',
      run: async (ctx) => ({
        operation: 'CleanupNotes',
        response: {
          RemovedByLabCleanup: [`alarm ${ALARM}`, `dashboard ${DASHBOARD}`, `metric filter ${METRIC_FILTER}`, `log group ${LOG_GROUP} with its streams and events`, `saved query ${SAVED_QUERY}`, `topic ${TOPIC} and its subscription`],
          Stays: [
            `Custom metrics (${AGENT_NAMESPACE}/${DISK_METRIC}, ${AGENT_NAMESPACE}/${MEMORY_METRIC}, ${ERROR_METRIC.namespace}/${ERROR_METRIC.name}): CloudWatch has no call to delete a metric. A metric that gets no new data stops being billed and ages out: 1-minute points after 15 days, 5-minute after 63 days, 1-hour after 15 months.`,
          ],
          Next: `lab cleanup --lab ${LAB_ID} removes what this lab made on ${ctx.target.description}.`,
        },
      }),
    },
  ],
};
