/**
 * When alarms are evaluated. AWS evaluates an alarm every minute (every period for the 10,
 * 20 and 30 second high-resolution periods) on the latest periods; here each alarm
 * remembers the last boundary it was evaluated at, and every boundary since is evaluated
 * in turn, on the sandbox clock:
 *
 * - lazily, before every CloudWatch request (as DynamoDB's TTL sweeper does), so a test
 *   stepping a fake clock sees exactly the states due, whatever the timer did;
 * - and by a timer the service starts when the sandbox opens, so actions (SNS
 *   notifications) happen while nobody asks CloudWatch.
 *
 * A boundary `t` evaluates the periods ending at `t`: [t - P, t) is the newest. After a long
 * pause (a sandbox restored days later) only the last day of boundaries is caught up.
 * What one evaluation decides is evaluation.ts's; the series is what GetMetricData answers
 * for the alarm's metric (or its Metrics queries), so metric math serves alarms too.
 */
import type { GetMetricDataCommandOutput, MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import type { Clock } from '../../../clock.js';
import { SANDBOX_ACCOUNT_ID } from '../../../constants.js';
import type { RequestContext } from '../../../service.js';
import { getMetricData } from '../metric-data.js';
import { changeState } from './actions.js';
import { evaluate, rangeLength, type EvaluationRule, type Slot } from './evaluation.js';
import type { AlarmParts } from './parts.js';
import type { AlarmConfig, AlarmRecord } from './records.js';

const MINUTE = 60_000;
const CATCH_UP_LIMIT = 24 * 3600 * 1000;
/** How often the timer looks at the clock; evaluations themselves fall on the clock's boundaries. */
const TIMER_MS = 1000;
const VALUE_ID = 'alarmvalue';
const SAMPLES_ID = 'alarmsamples';

/** ms between an alarm's evaluations. */
export function evaluationStep(config: AlarmConfig): number {
  const period = alarmPeriod(config);
  return period < 60 ? period * 1000 : MINUTE;
}

/** The boundary at or before `now`: an alarm made at `now` is first evaluated one step later. */
export function lastBoundary(config: AlarmConfig, now: number): number {
  const step = evaluationStep(config);
  return Math.floor(now / step) * step;
}

/** The period of the alarm's datapoints: its Period, or the period of the query whose data it watches. */
export function alarmPeriod(config: AlarmConfig): number {
  if (config.Metrics === undefined) return config.Period ?? 60;
  const returned = config.Metrics.find((query) => query.ReturnData !== false);
  return returned?.MetricStat?.Period ?? returned?.Period ?? config.Metrics.find((query) => query.MetricStat)?.MetricStat?.Period ?? 60;
}

export class AlarmEvaluator {
  private queue: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private readonly readSeries: ReturnType<typeof getMetricData>;

  constructor(private readonly parts: AlarmParts) {
    this.readSeries = getMetricData(parts.metrics);
  }

  /** Evaluates every boundary passed up to the clock's now, one run at a time. */
  catchUp(clock: Clock): Promise<void> {
    this.queue = this.queue.then(() => this.run(clock)).catch(() => undefined);
    return this.queue;
  }

  start(clock: Clock): void {
    this.stop();
    this.timer = setInterval(() => void this.catchUp(clock), TIMER_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  private async run(clock: Clock): Promise<void> {
    const now = clock.now();
    for (const alarm of this.parts.alarms.allAlarms()) {
      const step = evaluationStep(alarm.config);
      if (now - alarm.evaluatedAt > CATCH_UP_LIMIT) alarm.evaluatedAt = Math.floor((now - CATCH_UP_LIMIT) / step) * step;
      while (alarm.evaluatedAt + step <= now) {
        const at = alarm.evaluatedAt + step;
        await this.evaluateAt(alarm, at, clock);
        // The alarm may have been replaced or deleted while its series was read.
        if (this.parts.alarms.alarm(alarm.region, alarm.config.AlarmName) !== alarm) break;
        alarm.evaluatedAt = at;
      }
    }
  }

  private async evaluateAt(alarm: AlarmRecord, at: number, clock: Clock): Promise<void> {
    const config = alarm.config;
    const period = alarmPeriod(config);
    const n = config.EvaluationPeriods;
    const slots = await this.slots(alarm, at, period, rangeLength(n));
    if (slots === undefined) return;
    if (lowSampleCount(config, slots.slice(-n))) return;
    const rule: EvaluationRule = {
      evaluationPeriods: n,
      datapointsToAlarm: config.DatapointsToAlarm ?? n,
      datapointsToAlarmGiven: config.DatapointsToAlarm !== undefined,
      comparison: config.ComparisonOperator,
      threshold: config.Threshold ?? 0,
      treatMissingData: config.TreatMissingData ?? 'missing',
      period,
      ...(config.Metrics === undefined ? { statistic: statisticOf(config) } : {}),
    };
    const result = evaluate(rule, slots, alarm.state.value, at);
    if (result.state === undefined || result.state === alarm.state.value) return;
    changeState(this.parts, alarm, { value: result.state, reason: result.reason, reasonData: result.reasonData }, at, clock);
  }

  /** The range's periods, oldest first; undefined when the series cannot be read (a query GetMetricData refuses). */
  private async slots(alarm: AlarmRecord, at: number, period: number, length: number): Promise<Slot[] | undefined> {
    const periodMs = period * 1000;
    const start = at - length * periodMs;
    const ctx: RequestContext = { accountId: SANDBOX_ACCOUNT_ID, region: alarm.region, requestId: 'alarm-evaluation', clock: { now: () => at, delay: () => 0 } };
    let output: Omit<GetMetricDataCommandOutput, '$metadata'>;
    try {
      output = await this.readSeries({ MetricDataQueries: queriesOf(alarm.config), StartTime: new Date(start), EndTime: new Date(at), ScanBy: 'TimestampAscending' }, ctx);
    } catch {
      return undefined;
    }
    const results = output.MetricDataResults ?? [];
    const values = seriesOf(results.find((result) => result.Id === VALUE_ID) ?? results[0]);
    const samples = seriesOf(results.find((result) => result.Id === SAMPLES_ID));
    return Array.from({ length }, (_, i): Slot => {
      const timestamp = start + i * periodMs;
      const value = values.get(timestamp);
      const sampleCount = samples.get(timestamp);
      return { timestamp, ...(value === undefined ? {} : { value }), ...(sampleCount === undefined || value === undefined ? {} : { sampleCount }) };
    });
  }
}

function seriesOf(result: { Timestamps?: Date[]; Values?: number[] } | undefined): Map<number, number> {
  const series = new Map<number, number>();
  (result?.Timestamps ?? []).forEach((timestamp, i) => series.set(new Date(timestamp).getTime(), result!.Values![i]!));
  return series;
}

/** A metric alarm reads its statistic and the sample count beside it; a Metrics alarm its own queries. */
function queriesOf(config: AlarmConfig): MetricDataQuery[] {
  if (config.Metrics !== undefined) return config.Metrics;
  const metric = { Namespace: config.Namespace, MetricName: config.MetricName, Dimensions: config.Dimensions ?? [] };
  const stat = (Stat: string): MetricDataQuery['MetricStat'] => ({ Metric: metric, Period: config.Period, Stat, ...(config.Unit === undefined ? {} : { Unit: config.Unit }) } as MetricDataQuery['MetricStat']);
  return [
    { Id: VALUE_ID, MetricStat: stat(config.Statistic ?? config.ExtendedStatistic ?? 'Average'), ReturnData: true },
    { Id: SAMPLES_ID, MetricStat: stat('SampleCount'), ReturnData: true },
  ];
}

function statisticOf(config: AlarmConfig): Record<string, string> {
  return {
    ...(config.ExtendedStatistic === undefined ? { statistic: config.Statistic ?? '' } : { extendedStatistic: config.ExtendedStatistic }),
    ...(config.Unit === undefined ? {} : { unit: config.Unit }),
  };
}

/**
 * EvaluateLowSampleCountPercentile `ignore`: while a percentile has too few samples to mean
 * much (fewer than 10 / (1 - p) for p >= 0.5, 10 / p below; "Percentile-based alarms and
 * low data samples"), the alarm keeps its state.
 */
function lowSampleCount(config: AlarmConfig, evaluated: readonly Slot[]): boolean {
  if (config.ExtendedStatistic === undefined || config.EvaluateLowSampleCountPercentile !== 'ignore') return false;
  const p = Number(config.ExtendedStatistic.slice(1)) / 100;
  const minimum = p >= 0.5 ? 10 / (1 - p) : 10 / p;
  return evaluated.some((slot) => slot.sampleCount !== undefined && slot.sampleCount < minimum);
}
