/**
 * What a state change does: the alarm's new state is recorded (a StateUpdate history item)
 * and, when ActionsEnabled, the actions for the new state run, each leaving an Action item.
 * Actions run on transitions only ("Alarms invoke actions for sustained state changes only").
 *
 * An SNS action publishes AWS's alarm notification: the subject
 * `ALARM: "name" in US East (N. Virginia)` and the JSON message whose fields (AlarmName ...
 * Trigger) are those of the notifications AWS sends. Other actions (Auto Scaling policies,
 * EC2 actions, Lambda, Systems Manager) are accepted by PutMetricAlarm and recorded here as
 * not run: the sandbox does not model them yet.
 */
import type { Clock } from '../../../clock.js';
import { SANDBOX_ACCOUNT_ID } from '../../../constants.js';
import { recordStateUpdate } from './history.js';
import type { AlarmParts } from './parts.js';
import type { AlarmConfig, AlarmRecord, AlarmStateValue } from './records.js';
import { javaJson, jsonTime, regionName } from './wording.js';

export interface NewState {
  value: AlarmStateValue;
  reason: string;
  reasonData?: string;
}

/** Moves the alarm to `next` at `at`; actions run when the state value changed. */
export function changeState(parts: AlarmParts, alarm: AlarmRecord, next: NewState, at: number, clock: Clock): void {
  const old = { value: alarm.state.value, reason: alarm.state.reason };
  const changed = old.value !== next.value;
  alarm.state = {
    value: next.value,
    reason: next.reason,
    ...(next.reasonData === undefined ? {} : { reasonData: next.reasonData }),
    updated: at,
    transitioned: changed ? at : alarm.state.transitioned,
  };
  if (!changed) return;
  recordStateUpdate(parts.alarms, alarm, old, at);
  if (alarm.config.ActionsEnabled) runActions(parts, alarm, old.value, at, clock);
}

function actionsFor(config: AlarmConfig, state: AlarmStateValue): string[] {
  return state === 'ALARM' ? config.AlarmActions : state === 'OK' ? config.OKActions : config.InsufficientDataActions;
}

function runActions(parts: AlarmParts, alarm: AlarmRecord, oldState: AlarmStateValue, at: number, clock: Clock): void {
  for (const arn of actionsFor(alarm.config, alarm.state.value)) {
    const outcome = runAction(parts, alarm, arn, oldState, at, clock);
    parts.alarms.record(alarm.region, {
      AlarmName: alarm.config.AlarmName,
      Timestamp: at,
      HistoryItemType: 'Action',
      HistorySummary: outcome.error === undefined ? `Successfully executed action ${arn}` : `Failed to execute action ${arn}. Received error: "${outcome.error}"`,
      HistoryData: JSON.stringify({
        actionState: outcome.error === undefined ? 'Succeeded' : 'Failed',
        stateUpdateTimestamp: at,
        notificationResource: arn,
        ...(outcome.error === undefined ? { publishedMessage: outcome.published } : { error: outcome.error }),
      }),
    });
  }
}

function runAction(parts: AlarmParts, alarm: AlarmRecord, arn: string, oldState: AlarmStateValue, at: number, clock: Clock): { error?: string; published?: string } {
  if (!arn.startsWith('arn:aws:sns:')) return { error: 'The lab sandbox does not run this kind of alarm action yet' };
  const sns = parts.sns();
  // AWS does not check an action's topic when the alarm is made; publishing to a topic that is gone fails.
  if (!sns.topicExists(arn)) return { error: 'Resource not found' };
  const Message = notification(alarm, oldState, at);
  try {
    const messageId = sns.publish({ region: alarm.region, clock }, arn, { Subject: subject(alarm), Message });
    return { published: JSON.stringify({ messageId, sentTimestamp: at }) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** `ALARM: "name" in US East (N. Virginia)`. */
export function subject(alarm: AlarmRecord): string {
  return `${alarm.state.value}: "${alarm.config.AlarmName}" in ${regionName(alarm.region)}`;
}

/** The JSON body of AWS's alarm notification. */
export function notification(alarm: AlarmRecord, oldState: AlarmStateValue, at: number): string {
  const config = alarm.config;
  return javaJson({
    AlarmName: config.AlarmName,
    AlarmDescription: config.AlarmDescription ?? null,
    AWSAccountId: SANDBOX_ACCOUNT_ID,
    AlarmConfigurationUpdatedTimestamp: jsonTime(alarm.configurationUpdated),
    NewStateValue: alarm.state.value,
    NewStateReason: alarm.state.reason,
    StateChangeTime: jsonTime(at),
    Region: regionName(alarm.region),
    AlarmArn: alarm.arn,
    OldStateValue: oldState,
    OKActions: config.OKActions,
    AlarmActions: config.AlarmActions,
    InsufficientDataActions: config.InsufficientDataActions,
    Trigger: trigger(config),
  }, new Set(['Threshold']));
}

function trigger(config: AlarmConfig): Record<string, unknown> {
  const common = {
    Period: config.Period ?? null,
    EvaluationPeriods: config.EvaluationPeriods,
    ...(config.DatapointsToAlarm === undefined ? {} : { DatapointsToAlarm: config.DatapointsToAlarm }),
    ComparisonOperator: config.ComparisonOperator,
    Threshold: config.Threshold ?? null,
    TreatMissingData: config.TreatMissingData ?? 'missing',
    EvaluateLowSampleCountPercentile: config.EvaluateLowSampleCountPercentile ?? '',
  };
  if (config.Metrics !== undefined) {
    return {
      ...common,
      Metrics: config.Metrics.map((query) => ({
        ...(query.Expression === undefined ? {} : { Expression: query.Expression }),
        Id: query.Id,
        ...(query.Label === undefined ? {} : { Label: query.Label }),
        ...(query.MetricStat === undefined ? {} : {
          MetricStat: {
            Metric: {
              Dimensions: (query.MetricStat.Metric?.Dimensions ?? []).map((d) => ({ value: d.Value, name: d.Name })),
              MetricName: query.MetricStat.Metric?.MetricName,
              Namespace: query.MetricStat.Metric?.Namespace,
            },
            Period: query.MetricStat.Period,
            Stat: query.MetricStat.Stat,
            ...(query.MetricStat.Unit === undefined ? {} : { Unit: query.MetricStat.Unit }),
          },
        }),
        ReturnData: query.ReturnData ?? true,
      })),
    };
  }
  return {
    MetricName: config.MetricName,
    Namespace: config.Namespace,
    StatisticType: config.ExtendedStatistic === undefined ? 'Statistic' : 'ExtendedStatistic',
    ...(config.ExtendedStatistic === undefined ? { Statistic: (config.Statistic ?? '').toUpperCase() } : { ExtendedStatistic: config.ExtendedStatistic }),
    Unit: config.Unit ?? null,
    Dimensions: (config.Dimensions ?? []).map((d) => ({ value: d.Value, name: d.Name })),
    ...common,
  };
}
