/**
 * PutMetricAlarm: an alarm on one metric (Namespace, MetricName, Dimensions, Statistic or
 * ExtendedStatistic, Period, Unit) or on Metrics (MetricDataQuery entries, exactly one
 * returning data). A new alarm starts INSUFFICIENT_DATA, "Unchecked: Initial alarm
 * creation"; putting an existing alarm replaces its configuration and keeps its state
 * (the PutMetricAlarm API reference). Where AWS's wording of a refusal was not found in
 * its documentation, the message follows CloudWatch's usual forms and says so.
 */
import type { MetricDataQuery, PutMetricAlarmCommandInput, PutMetricAlarmCommandOutput } from '@aws-sdk/client-cloudwatch';
import { AwsError, missingParameter } from '../../../errors.js';
import type { Handler } from '../../../service.js';
import { isPercentile, STATISTICS } from '../aggregation.js';
import { invalidCombination, invalidParameter, invalidValue } from '../errors.js';
import { checkPeriod } from '../series.js';
import { STANDARD_UNITS } from '../units.js';
import { COMPARISONS } from './evaluation.js';
import { lastBoundary } from './evaluator.js';
import { recordConfigurationUpdate } from './history.js';
import type { AlarmParts } from './parts.js';
import type { AlarmConfig, AlarmRecord } from './records.js';
import { checkTags } from './tags.js';

const ALARM_PERIODS: readonly number[] = [10, 20, 30];
const ONE_HOUR_SECONDS = 3_600;
const ONE_DAY_SECONDS = 86_400;
const SEVEN_DAYS_SECONDS = 604_800;
const ACTIONS_PER_STATE = 5;
const METRICS_PER_ALARM = 10;
const MISSING_DATA = ['missing', 'notBreaching', 'breaching', 'ignore'];
const ANOMALY_COMPARISONS = ['LessThanLowerOrGreaterThanUpperThreshold', 'LessThanLowerThreshold', 'GreaterThanUpperThreshold'];
const SNS_ARN = /^arn:aws:sns:([a-z0-9-]+):(\d{12}):[A-Za-z0-9_-]{1,256}(\.fifo)?$/;
const ACTION_ARN = /^arn:aws:(autoscaling|automate|swf|lambda|ssm|ssm-incidents):([a-z0-9-]*):/;

export const INITIAL_REASON = 'Unchecked: Initial alarm creation';

export function alarmArn(region: string, accountId: string, name: string): string {
  return `arn:aws:cloudwatch:${region}:${accountId}:alarm:${name}`;
}

/** `1 validation error detected: ...`: how AWS refuses a value outside a member's enum. */
export function enumError(value: string, member: string, allowed: readonly string[]): AwsError {
  return new AwsError('ValidationError', `1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: Member must satisfy enum value set: [${allowed.join(', ')}]`);
}

export function putMetricAlarm(parts: AlarmParts): Handler<PutMetricAlarmCommandInput, PutMetricAlarmCommandOutput> {
  return (input, ctx) => {
    const config = configOf(input, ctx.region);
    const tags = (input.Tags ?? []).map((tag) => ({ Key: tag.Key ?? '', Value: tag.Value ?? '' }));
    checkTags(tags);
    const now = ctx.clock.now();
    const existing = parts.alarms.alarm(ctx.region, config.AlarmName);
    const record: AlarmRecord = existing ?? {
      config,
      arn: alarmArn(ctx.region, ctx.accountId, config.AlarmName),
      region: ctx.region,
      state: { value: 'INSUFFICIENT_DATA', reason: INITIAL_REASON, updated: now, transitioned: now },
      configurationUpdated: now,
      evaluatedAt: lastBoundary(config, now),
      tags,
    };
    const original = record.config;
    record.config = config;
    record.configurationUpdated = now;
    record.evaluatedAt = lastBoundary(config, now);
    // Tags given with an update are ignored by AWS ("use TagResource" on the PutMetricAlarm reference).
    parts.alarms.region(ctx.region).alarms[config.AlarmName] = record;
    recordConfigurationUpdate(parts.alarms, record, existing ? 'Update' : 'Create', now, original);
    return {};
  };
}

function configOf(input: PutMetricAlarmCommandInput, region: string): AlarmConfig {
  const name = input.AlarmName ?? '';
  if (name === '') throw missingParameter('AlarmName');
  if (name.length > 255) throw invalidValue(`The value for parameter AlarmName must be at most 255 characters long.`);
  // The User Guide: "Alarm names must contain only ASCII characters."
  if (!/^[\x20-\x7e]+$/.test(name)) throw invalidParameter(name, 'AlarmName');
  const evaluationPeriods = input.EvaluationPeriods;
  if (evaluationPeriods === undefined) throw missingParameter('EvaluationPeriods');
  if (!Number.isInteger(evaluationPeriods) || evaluationPeriods < 1) throw invalidParameter(evaluationPeriods, 'EvaluationPeriods');
  const comparison = input.ComparisonOperator ?? '';
  if (comparison === '') throw missingParameter('ComparisonOperator');
  if (!(comparison in COMPARISONS) && !ANOMALY_COMPARISONS.includes(comparison)) {
    throw enumError(comparison, 'comparisonOperator', [...Object.keys(COMPARISONS), ...ANOMALY_COMPARISONS]);
  }
  if (ANOMALY_COMPARISONS.includes(comparison) || input.ThresholdMetricId !== undefined) {
    throw invalidValue('The lab sandbox does not model anomaly detection bands yet: use a static Threshold with GreaterThanThreshold, GreaterThanOrEqualToThreshold, LessThanThreshold or LessThanOrEqualToThreshold.');
  }
  if (input.Threshold === undefined) throw missingParameter('Threshold');
  if (input.DatapointsToAlarm !== undefined && (input.DatapointsToAlarm < 1 || input.DatapointsToAlarm > evaluationPeriods)) {
    throw invalidValue(`DatapointsToAlarm must be greater than 0 and less than or equal to EvaluationPeriods (${evaluationPeriods}).`);
  }
  if (input.TreatMissingData !== undefined && !MISSING_DATA.includes(input.TreatMissingData)) throw invalidParameter(input.TreatMissingData, 'TreatMissingData');

  const single = metricFieldsOf(input);
  if (input.Metrics !== undefined && input.Metrics.length > 0) {
    if (single.length > 0) throw invalidCombination(`The parameters Metrics and ${single[0]} are mutually exclusive.`);
    checkMetrics(input.Metrics);
  } else {
    checkSingleMetric(input);
  }
  const period = input.Metrics?.length ? undefined : input.Period!;
  const periodSeconds = period ?? Math.max(...(input.Metrics ?? []).map((q) => q.MetricStat?.Period ?? q.Period ?? 60));
  // The PutMetricAlarm reference: "Period multiplied by EvaluationPeriods can't be more than
  // 604,800 seconds. For alarms with a period of less than one hour (3,600 seconds), the total
  // evaluation period can't be longer than one day (86,400 seconds)."
  const limit = periodSeconds < ONE_HOUR_SECONDS ? ONE_DAY_SECONDS : SEVEN_DAYS_SECONDS;
  if (periodSeconds * evaluationPeriods > limit) {
    throw invalidValue(`Period multiplied by EvaluationPeriods (${evaluationPeriods} * ${periodSeconds} seconds) must not be more than ${limit} seconds.`);
  }
  if (input.EvaluateLowSampleCountPercentile !== undefined) {
    if (input.ExtendedStatistic === undefined) throw invalidCombination('EvaluateLowSampleCountPercentile can only be used with an ExtendedStatistic (a percentile).');
    if (!['evaluate', 'ignore'].includes(input.EvaluateLowSampleCountPercentile)) throw invalidParameter(input.EvaluateLowSampleCountPercentile, 'EvaluateLowSampleCountPercentile');
  }
  const actions = (list: string[] | undefined, parameter: string): string[] => checkActions(list ?? [], parameter, region, input.Metrics !== undefined);

  const config: AlarmConfig = {
    AlarmName: name,
    ...(input.AlarmDescription === undefined ? {} : { AlarmDescription: input.AlarmDescription }),
    ActionsEnabled: input.ActionsEnabled ?? true,
    OKActions: actions(input.OKActions, 'OKActions'),
    AlarmActions: actions(input.AlarmActions, 'AlarmActions'),
    InsufficientDataActions: actions(input.InsufficientDataActions, 'InsufficientDataActions'),
    EvaluationPeriods: evaluationPeriods,
    ...(input.DatapointsToAlarm === undefined ? {} : { DatapointsToAlarm: input.DatapointsToAlarm }),
    Threshold: input.Threshold,
    ComparisonOperator: comparison,
    ...(input.TreatMissingData === undefined ? {} : { TreatMissingData: input.TreatMissingData }),
    ...(input.EvaluateLowSampleCountPercentile === undefined ? {} : { EvaluateLowSampleCountPercentile: input.EvaluateLowSampleCountPercentile }),
  };
  if (input.Metrics?.length) return { ...config, Metrics: input.Metrics.map(plainQuery) };
  return {
    ...config,
    MetricName: input.MetricName!,
    Namespace: input.Namespace!,
    ...(input.Statistic === undefined ? {} : { Statistic: input.Statistic }),
    ...(input.ExtendedStatistic === undefined ? {} : { ExtendedStatistic: input.ExtendedStatistic }),
    Dimensions: (input.Dimensions ?? []).map((d) => ({ Name: d.Name ?? '', Value: d.Value ?? '' })),
    Period: period,
    ...(input.Unit === undefined ? {} : { Unit: input.Unit }),
  };
}

function metricFieldsOf(input: PutMetricAlarmCommandInput): string[] {
  const fields = ['MetricName', 'Namespace', 'Statistic', 'ExtendedStatistic', 'Dimensions', 'Period', 'Unit'] as const;
  return fields.filter((field) => input[field] !== undefined && !(field === 'Dimensions' && input.Dimensions!.length === 0));
}

function checkSingleMetric(input: PutMetricAlarmCommandInput): void {
  if (input.MetricName === undefined && input.Namespace === undefined) throw invalidCombination('One of MetricName or Metrics must be specified.');
  if (input.MetricName === undefined) throw missingParameter('MetricName');
  if (input.Namespace === undefined) throw missingParameter('Namespace');
  if (input.Statistic !== undefined && input.ExtendedStatistic !== undefined) throw invalidCombination('Statistic and ExtendedStatistic are mutually exclusive.');
  if (input.Statistic === undefined && input.ExtendedStatistic === undefined) throw invalidCombination('One of Statistic or ExtendedStatistic must be specified.');
  if (input.Statistic !== undefined && !(STATISTICS as readonly string[]).includes(input.Statistic)) throw enumError(input.Statistic, 'statistic', STATISTICS);
  if (input.ExtendedStatistic !== undefined && !isPercentile(input.ExtendedStatistic)) throw invalidParameter(input.ExtendedStatistic, 'ExtendedStatistic');
  if (input.Unit !== undefined && !STANDARD_UNITS.has(input.Unit)) throw enumError(input.Unit, 'unit', [...STANDARD_UNITS]);
  if (input.Period === undefined) throw missingParameter('Period');
  checkPeriod(input.Period, ALARM_PERIODS, 'Period');
}

/** Exactly one query returns the alarm's data; at most 10 metrics; SEARCH is refused (CloudWatch alarms cannot watch a search). */
function checkMetrics(queries: readonly MetricDataQuery[]): void {
  if (queries.filter((query) => query.MetricStat !== undefined).length > METRICS_PER_ALARM) throw invalidValue(`An alarm on a math expression can include as many as ${METRICS_PER_ALARM} metrics.`);
  const returning = queries.filter((query) => query.ReturnData !== false);
  if (returning.length !== 1) throw new AwsError('ValidationError', 'Metrics list must contain exactly one metric matching the ReturnData parameter');
  const periods = new Set<number>();
  queries.forEach((query, i) => {
    const at = `Metrics.member.${i + 1}`;
    if (!/^[a-z][a-zA-Z0-9_]*$/.test(query.Id ?? '')) throw new AwsError('ValidationError', `The value ${query.Id ?? ''} for parameter ${at}.Id is not matching the expected pattern ^[a-z][a-zA-Z0-9_]*$.`);
    if ((query.MetricStat === undefined) === (query.Expression === undefined)) throw invalidCombination(`Exactly one element of the ${at}.MetricStat and ${at}.Expression parameters must be specified.`);
    if (query.Expression !== undefined && /\bSEARCH\s*\(/i.test(query.Expression)) throw invalidValue('SEARCH is not supported on Metric Alarms.');
    const stat = query.MetricStat;
    if (stat !== undefined) {
      if (stat.Metric?.MetricName === undefined || stat.Metric.Namespace === undefined) throw missingParameter(`${at}.MetricStat.Metric.MetricName`);
      if (stat.Stat === undefined || (!(STATISTICS as readonly string[]).includes(stat.Stat) && !isPercentile(stat.Stat))) throw invalidParameter(stat.Stat, `${at}.MetricStat.Stat`);
      checkPeriod(stat.Period ?? 0, ALARM_PERIODS, `${at}.MetricStat.Period`);
      periods.add(stat.Period!);
    }
  });
  // The User Guide: "Each metric must be using the same period."
  if (periods.size > 1) throw invalidValue('The metrics of an alarm on a math expression must all use the same period.');
}

/**
 * Action ARNs as AWS accepts them: an SNS topic in the alarm's region (AWS: "Invalid region
 * X specified. Only Y is supported."), an Auto Scaling policy, an EC2 action
 * (arn:aws:automate:<region>:ec2:stop|terminate|reboot|recover), Lambda or Systems Manager.
 */
function checkActions(actions: readonly string[], parameter: string, region: string, onMetrics: boolean): string[] {
  if (actions.length > ACTIONS_PER_STATE) throw invalidValue(`The collection ${parameter} must not contain more than ${ACTIONS_PER_STATE} items.`);
  for (const arn of actions) {
    const sns = SNS_ARN.exec(arn);
    const other = ACTION_ARN.exec(arn);
    if (sns === null && other === null) throw new AwsError('ValidationError', `Invalid arn syntax: ${arn}`);
    const arnRegion = sns?.[1] ?? other?.[2] ?? '';
    if (arnRegion !== '' && arnRegion !== region) throw new AwsError('ValidationError', `Invalid region ${arnRegion} specified. Only ${region} is supported.`);
    if (other?.[1] === 'automate' && !/^arn:aws:automate:[a-z0-9-]+:ec2:(stop|terminate|reboot|recover)$/.test(arn)) throw new AwsError('ValidationError', `Invalid arn syntax: ${arn}`);
    // The User Guide: "Alarms based on math expressions cannot perform Amazon EC2 actions."
    if (onMetrics && other?.[1] === 'automate') throw invalidValue('Alarms based on math expressions cannot perform Amazon EC2 actions.');
  }
  return [...actions];
}

/** The query as plain JSON (the SDK hands class-less objects already; dates are none). */
function plainQuery(query: MetricDataQuery): MetricDataQuery {
  return JSON.parse(JSON.stringify(query)) as MetricDataQuery;
}
