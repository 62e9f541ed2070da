/**
 * Alarm history: ConfigurationUpdate, StateUpdate and Action items as DescribeAlarmHistory
 * lists them, newest first unless ScanBy says TimestampAscending, kept two weeks.
 */
import type { AlarmHistoryItem, DescribeAlarmHistoryCommandInput, DescribeAlarmHistoryCommandOutput } from '@aws-sdk/client-cloudwatch';
import type { Handler } from '../../../service.js';
import { invalidParameter } from '../errors.js';
import { page } from '../pages.js';
import { HISTORY_KEPT_MS, type AlarmConfig, type AlarmRecord, type AlarmStateValue, type AlarmsState } from './records.js';
import { jsonTime } from './wording.js';

const HISTORY_ITEM_TYPES = ['ConfigurationUpdate', 'StateUpdate', 'Action', 'AlarmContributorStateUpdate', 'AlarmContributorAction'];
const MAX_RECORDS = 100;

export function recordStateUpdate(alarms: AlarmsState, alarm: AlarmRecord, old: { value: AlarmStateValue; reason: string }, at: number): void {
  alarms.record(alarm.region, {
    AlarmName: alarm.config.AlarmName,
    Timestamp: at,
    HistoryItemType: 'StateUpdate',
    HistorySummary: `Alarm updated from ${old.value} to ${alarm.state.value}`,
    HistoryData: JSON.stringify({
      version: '1.0',
      oldState: { stateValue: old.value, stateReason: old.reason },
      newState: {
        stateValue: alarm.state.value,
        stateReason: alarm.state.reason,
        ...(alarm.state.reasonData === undefined ? {} : { stateReasonData: JSON.parse(alarm.state.reasonData) as unknown }),
      },
    }),
  });
}

/** `Alarm "name" created` / `updated` / `deleted`, with the configuration as HistoryData. */
export function recordConfigurationUpdate(alarms: AlarmsState, alarm: AlarmRecord, type: 'Create' | 'Update' | 'Delete', at: number, original?: AlarmConfig): void {
  const done = { Create: 'created', Update: 'updated', Delete: 'deleted' }[type];
  const described = { ...alarm.config, AlarmArn: alarm.arn, AlarmConfigurationUpdatedTimestamp: jsonTime(alarm.configurationUpdated) };
  const data = type === 'Create' ? { type, createdAlarm: described }
    : type === 'Delete' ? { type, deletedAlarm: described }
      : { type, updatedAlarm: described, originalUpdatedFields: changedFields(original ?? alarm.config, alarm.config) };
  alarms.record(alarm.region, {
    AlarmName: alarm.config.AlarmName,
    Timestamp: at,
    HistoryItemType: 'ConfigurationUpdate',
    HistorySummary: `Alarm "${alarm.config.AlarmName}" ${done}`,
    HistoryData: JSON.stringify({ version: '1.0', ...data }),
  });
}

function changedFields(before: AlarmConfig, after: AlarmConfig): Record<string, unknown> {
  const changed: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)]) as Set<keyof AlarmConfig>) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) changed[key] = before[key] ?? null;
  }
  return changed;
}

export function describeAlarmHistory(alarms: AlarmsState): Handler<DescribeAlarmHistoryCommandInput, DescribeAlarmHistoryCommandOutput> {
  return (input, ctx) => {
    if (input.HistoryItemType !== undefined && !HISTORY_ITEM_TYPES.includes(input.HistoryItemType)) throw invalidParameter(input.HistoryItemType, 'HistoryItemType');
    if (input.ScanBy !== undefined && input.ScanBy !== 'TimestampAscending' && input.ScanBy !== 'TimestampDescending') throw invalidParameter(input.ScanBy, 'ScanBy');
    const size = input.MaxRecords ?? MAX_RECORDS;
    if (size < 1 || size > MAX_RECORDS) throw invalidParameter(size, 'MaxRecords');
    const start = input.StartDate === undefined ? -Infinity : new Date(input.StartDate).getTime();
    const end = input.EndDate === undefined ? Infinity : new Date(input.EndDate).getTime();
    const oldest = ctx.clock.now() - HISTORY_KEPT_MS;
    // Every item here is a metric alarm's; a filter for composite alarms alone finds none.
    const types = input.AlarmTypes ?? ['MetricAlarm'];
    const items = (alarms.regions[ctx.region]?.history ?? []).filter((item) =>
      types.includes('MetricAlarm')
      && item.Timestamp >= oldest && item.Timestamp >= start && item.Timestamp <= end
      && (input.AlarmName === undefined || item.AlarmName === input.AlarmName)
      && (input.HistoryItemType === undefined || item.HistoryItemType === input.HistoryItemType));
    const ordered = input.ScanBy === 'TimestampAscending' ? items : [...items].reverse();
    const { items: shown, NextToken } = page(ordered, input.NextToken, size);
    const AlarmHistoryItems = shown.map((item): AlarmHistoryItem => ({
      AlarmName: item.AlarmName,
      AlarmType: 'MetricAlarm',
      Timestamp: new Date(item.Timestamp),
      HistoryItemType: item.HistoryItemType,
      HistorySummary: item.HistorySummary,
      HistoryData: item.HistoryData,
    }));
    return { AlarmHistoryItems, ...(NextToken === undefined ? {} : { NextToken }) };
  };
}
