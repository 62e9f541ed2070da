/**
 * CloudWatch alarms and their history, per region, and dashboards (global, as on AWS):
 * plain JSON records saved with the sandbox's state directory beside the metrics.
 */
import type { MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import type { Dimension } from '../state.js';
import type { Tag } from '../../../kit/tags.js';

export type AlarmStateValue = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';
export type HistoryItemType = 'ConfigurationUpdate' | 'StateUpdate' | 'Action';

/** What PutMetricAlarm set, as DescribeAlarms answers it (times kept apart, in ms). */
export interface AlarmConfig {
  AlarmName: string;
  AlarmDescription?: string;
  ActionsEnabled: boolean;
  OKActions: string[];
  AlarmActions: string[];
  InsufficientDataActions: string[];
  MetricName?: string;
  Namespace?: string;
  Statistic?: string;
  ExtendedStatistic?: string;
  Dimensions?: Dimension[];
  Period?: number;
  Unit?: string;
  EvaluationPeriods: number;
  DatapointsToAlarm?: number;
  Threshold?: number;
  ComparisonOperator: string;
  TreatMissingData?: string;
  EvaluateLowSampleCountPercentile?: string;
  Metrics?: MetricDataQuery[];
  ThresholdMetricId?: string;
}

export interface AlarmState {
  value: AlarmStateValue;
  reason: string;
  /** JSON text, as StateReasonData carries it. */
  reasonData?: string;
  /** ms: the last change of value or reason. */
  updated: number;
  /** ms: the last change of value. */
  transitioned: number;
}

export interface AlarmRecord {
  config: AlarmConfig;
  arn: string;
  region: string;
  state: AlarmState;
  configurationUpdated: number;
  /** The last evaluation boundary brought up to (ms); the next is one step later. */
  evaluatedAt: number;
  tags: Tag[];
}

export interface HistoryRecord {
  AlarmName: string;
  Timestamp: number;
  HistoryItemType: HistoryItemType;
  HistorySummary: string;
  HistoryData: string;
}

export interface DashboardRecord {
  name: string;
  body: string;
  lastModified: number;
}

interface RegionAlarms {
  alarms: Record<string, AlarmRecord>;
  history: HistoryRecord[];
}

/** AWS keeps alarm history two weeks ("Common features of CloudWatch alarms"). */
export const HISTORY_KEPT_MS = 14 * 24 * 3600 * 1000;

export class AlarmsState {
  regions: Record<string, RegionAlarms> = {};
  dashboards: Record<string, DashboardRecord> = {};

  region(region: string): RegionAlarms {
    return (this.regions[region] ??= { alarms: {}, history: [] });
  }

  alarm(region: string, name: string): AlarmRecord | undefined {
    return this.regions[region]?.alarms[name];
  }

  /** A region's alarms by name, the order DescribeAlarms lists them in. */
  alarms(region: string): AlarmRecord[] {
    const alarms = this.regions[region]?.alarms ?? {};
    return Object.keys(alarms).sort().map((name) => alarms[name]!);
  }

  allAlarms(): AlarmRecord[] {
    return Object.values(this.regions).flatMap((region) => Object.values(region.alarms));
  }

  record(region: string, item: HistoryRecord): void {
    const history = this.region(region).history;
    history.push(item);
    const oldest = item.Timestamp - HISTORY_KEPT_MS;
    while (history.length > 0 && history[0]!.Timestamp < oldest) history.shift();
  }

  snapshot(): unknown {
    return { regions: this.regions, dashboards: this.dashboards };
  }

  restore(saved: unknown): void {
    const { regions, dashboards } = (saved ?? {}) as { regions?: Record<string, RegionAlarms>; dashboards?: Record<string, DashboardRecord> };
    this.regions = regions ?? {};
    this.dashboards = dashboards ?? {};
  }
}
