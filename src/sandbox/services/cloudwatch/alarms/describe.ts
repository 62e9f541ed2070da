/**
 * Reading and managing alarms: DescribeAlarms (by names, prefix, state, action prefix and
 * type, 50 a page by default, at most 100), DescribeAlarmsForMetric, DeleteAlarms,
 * EnableAlarmActions / DisableAlarmActions and SetAlarmState.
 */
import type {
  DeleteAlarmsCommandInput, DeleteAlarmsCommandOutput, DescribeAlarmsCommandInput, DescribeAlarmsCommandOutput,
  DescribeAlarmsForMetricCommandInput, DescribeAlarmsForMetricCommandOutput, DisableAlarmActionsCommandInput,
  DisableAlarmActionsCommandOutput, EnableAlarmActionsCommandInput, EnableAlarmActionsCommandOutput, MetricAlarm,
  SetAlarmStateCommandInput, SetAlarmStateCommandOutput,
} from '@aws-sdk/client-cloudwatch';
import { AwsError, missingParameter } from '../../../errors.js';
import type { Handler } from '../../../service.js';
import { invalidCombination, invalidParameter, invalidValue } from '../errors.js';
import { page } from '../pages.js';
import { metricKey } from '../state.js';
import { changeState } from './actions.js';
import { recordConfigurationUpdate } from './history.js';
import type { AlarmParts } from './parts.js';
import type { AlarmRecord, AlarmStateValue } from './records.js';
import { enumError } from './put-metric-alarm.js';

const STATES: readonly AlarmStateValue[] = ['OK', 'ALARM', 'INSUFFICIENT_DATA'];
const DEFAULT_RECORDS = 50;
const MAX_RECORDS = 100;
const NAMES_PER_CALL = 100;

export function metricAlarmOf(alarm: AlarmRecord): MetricAlarm {
  const { config, state } = alarm;
  return {
    ...(JSON.parse(JSON.stringify(config)) as MetricAlarm),
    AlarmArn: alarm.arn,
    AlarmConfigurationUpdatedTimestamp: new Date(alarm.configurationUpdated),
    StateValue: state.value,
    StateReason: state.reason,
    ...(state.reasonData === undefined ? {} : { StateReasonData: state.reasonData }),
    StateUpdatedTimestamp: new Date(state.updated),
    StateTransitionedTimestamp: new Date(state.transitioned),
  };
}

function checkState(value: string | undefined, member: string): void {
  if (value !== undefined && !(STATES as readonly string[]).includes(value)) throw enumError(value, member, STATES);
}

function notFound(name: string): AwsError {
  return new AwsError('ResourceNotFound', `Alarm ${name} not found`);
}

export function alarmOperations(parts: AlarmParts): {
  DescribeAlarms: Handler<DescribeAlarmsCommandInput, DescribeAlarmsCommandOutput>;
  DescribeAlarmsForMetric: Handler<DescribeAlarmsForMetricCommandInput, DescribeAlarmsForMetricCommandOutput>;
  DeleteAlarms: Handler<DeleteAlarmsCommandInput, DeleteAlarmsCommandOutput>;
  EnableAlarmActions: Handler<EnableAlarmActionsCommandInput, EnableAlarmActionsCommandOutput>;
  DisableAlarmActions: Handler<DisableAlarmActionsCommandInput, DisableAlarmActionsCommandOutput>;
  SetAlarmState: Handler<SetAlarmStateCommandInput, SetAlarmStateCommandOutput>;
} {
  const { alarms } = parts;
  const setActions = (enabled: boolean) => (input: { AlarmNames?: string[] }, ctx: { region: string }): Record<string, never> => {
    for (const name of input.AlarmNames ?? []) {
      const alarm = alarms.alarm(ctx.region, name);
      if (alarm) alarm.config.ActionsEnabled = enabled;
    }
    return {};
  };
  return {
    DescribeAlarms: (input, ctx) => {
      checkState(input.StateValue, 'stateValue');
      const names = input.AlarmNames ?? [];
      if (names.length > NAMES_PER_CALL) throw invalidValue(`The collection AlarmNames must not contain more than ${NAMES_PER_CALL} items.`);
      if (names.length > 0 && input.AlarmNamePrefix !== undefined) throw invalidCombination('AlarmNamePrefix and AlarmNames cannot be specified together.');
      const size = input.MaxRecords ?? DEFAULT_RECORDS;
      if (size < 1 || size > MAX_RECORDS) throw invalidParameter(size, 'MaxRecords');
      const types = input.AlarmTypes ?? ['MetricAlarm'];
      for (const type of types) if (type !== 'MetricAlarm' && type !== 'CompositeAlarm') throw enumError(type, 'alarmTypes', ['CompositeAlarm', 'MetricAlarm']);
      const matching = types.includes('MetricAlarm') ? alarms.alarms(ctx.region).filter((alarm) =>
        (names.length === 0 || names.includes(alarm.config.AlarmName))
        && (input.AlarmNamePrefix === undefined || alarm.config.AlarmName.startsWith(input.AlarmNamePrefix))
        && (input.StateValue === undefined || alarm.state.value === input.StateValue)
        && (input.ActionPrefix === undefined || [...alarm.config.AlarmActions, ...alarm.config.OKActions, ...alarm.config.InsufficientDataActions].some((arn) => arn.startsWith(input.ActionPrefix!)))) : [];
      const { items, NextToken } = page(matching, input.NextToken, size);
      return {
        MetricAlarms: items.map(metricAlarmOf),
        ...(types.includes('CompositeAlarm') ? { CompositeAlarms: [] } : {}),
        ...(NextToken === undefined ? {} : { NextToken }),
      };
    },

    DescribeAlarmsForMetric: (input, ctx) => {
      if (input.MetricName === undefined) throw missingParameter('MetricName');
      if (input.Namespace === undefined) throw missingParameter('Namespace');
      const wanted = metricKey({ Namespace: input.Namespace, MetricName: input.MetricName, Dimensions: (input.Dimensions ?? []).map((d) => ({ Name: d.Name ?? '', Value: d.Value ?? '' })) });
      const watches = (alarm: AlarmRecord): boolean => {
        const c = alarm.config;
        if (c.Metrics !== undefined) {
          return c.Metrics.some((query) => {
            const metric = query.MetricStat?.Metric;
            return metric !== undefined && metricKey({ Namespace: metric.Namespace ?? '', MetricName: metric.MetricName ?? '', Dimensions: (metric.Dimensions ?? []).map((d) => ({ Name: d.Name ?? '', Value: d.Value ?? '' })) }) === wanted
              && (input.Statistic === undefined || query.MetricStat?.Stat === input.Statistic)
              && (input.ExtendedStatistic === undefined || query.MetricStat?.Stat === input.ExtendedStatistic)
              && (input.Period === undefined || query.MetricStat?.Period === input.Period)
              && (input.Unit === undefined || query.MetricStat?.Unit === input.Unit);
          });
        }
        return metricKey({ Namespace: c.Namespace ?? '', MetricName: c.MetricName ?? '', Dimensions: c.Dimensions ?? [] }) === wanted
          && (input.Statistic === undefined || c.Statistic === input.Statistic)
          && (input.ExtendedStatistic === undefined || c.ExtendedStatistic === input.ExtendedStatistic)
          && (input.Period === undefined || c.Period === input.Period)
          && (input.Unit === undefined || c.Unit === input.Unit);
      };
      return { MetricAlarms: alarms.alarms(ctx.region).filter(watches).map(metricAlarmOf) };
    },

    /** AWS: "If you specify an incorrect alarm name or make any other error in the operation, no alarms are deleted." */
    DeleteAlarms: (input, ctx) => {
      const names = input.AlarmNames ?? [];
      if (names.length > NAMES_PER_CALL) throw invalidValue(`The collection AlarmNames must not contain more than ${NAMES_PER_CALL} items.`);
      const missing = names.filter((name) => alarms.alarm(ctx.region, name) === undefined);
      if (missing.length > 0) throw new AwsError('ResourceNotFound', `${missing.length} of the ${names.length} alarms could not be found: ${missing.join(', ')}`);
      const now = ctx.clock.now();
      for (const name of names) {
        const alarm = alarms.alarm(ctx.region, name)!;
        delete alarms.region(ctx.region).alarms[name];
        recordConfigurationUpdate(alarms, alarm, 'Delete', now);
      }
      return {};
    },

    EnableAlarmActions: setActions(true),
    DisableAlarmActions: setActions(false),

    /**
     * A state set by hand, actions and all when it changes; the next evaluation puts the
     * alarm back where its data says (the User Guide: "This temporary state change lasts
     * only until the next alarm comparison occurs").
     */
    SetAlarmState: (input, ctx) => {
      const name = input.AlarmName ?? '';
      if (name === '') throw missingParameter('AlarmName');
      if (input.StateValue === undefined) throw missingParameter('StateValue');
      checkState(input.StateValue, 'stateValue');
      if (input.StateReason === undefined) throw missingParameter('StateReason');
      if (input.StateReason.length > 1023) throw invalidValue('The value for parameter StateReason must be at most 1023 characters long.');
      if (input.StateReasonData !== undefined) {
        try {
          JSON.parse(input.StateReasonData);
        } catch {
          throw new AwsError('InvalidFormat', 'The StateReasonData parameter must be valid JSON.');
        }
      }
      const alarm = alarms.alarm(ctx.region, name);
      if (alarm === undefined) throw notFound(name);
      changeState(parts, alarm, {
        value: input.StateValue as AlarmStateValue,
        reason: input.StateReason,
        ...(input.StateReasonData === undefined ? {} : { reasonData: input.StateReasonData }),
      }, ctx.clock.now(), ctx.clock);
      return {};
    },
  };
}
