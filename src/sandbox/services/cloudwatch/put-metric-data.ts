/**
 * PutMetricData: AWS's checks on a put (the PutMetricData API reference: up to 1000
 * metrics a call, 30 dimensions a metric, 150 values a datum, values within +-2^360,
 * timestamps from two weeks back to two hours ahead, StorageResolution 1 or 60, no
 * "AWS/" namespace), then one stored datapoint per datum.
 */
import type { MetricDatum, PutMetricDataCommandInput, PutMetricDataCommandOutput } from '@aws-sdk/client-cloudwatch';
import type { Handler } from '../../service.js';
import type { Sample } from './aggregation.js';
import { invalidCombination, invalidParameter, invalidValue } from './errors.js';
import type { CloudWatchState, StoredDatapoint } from './state.js';
import { STANDARD_UNITS } from './units.js';

const METRICS_PER_CALL = 1000;
const DIMENSIONS_PER_METRIC = 30;
const VALUES_PER_DATUM = 150;
const LARGEST_VALUE = 2 ** 360;
const TWO_WEEKS = 14 * 24 * 3600 * 1000;
const TWO_HOURS = 2 * 3600 * 1000;

export function putMetricData(state: CloudWatchState): Handler<PutMetricDataCommandInput, PutMetricDataCommandOutput> {
  return (input, ctx) => {
    const namespace = input.Namespace ?? '';
    if (namespace.startsWith('AWS/')) throw invalidValue('The value AWS/ for parameter Namespace is invalid.');
    const data = input.MetricData ?? [];
    if (data.length > METRICS_PER_CALL) {
      throw invalidValue(`The collection MetricData must not contain more than ${METRICS_PER_CALL} items.`);
    }
    const now = ctx.clock.now();
    // Every datum is checked before any is stored: a refused call stores nothing, as on CloudWatch.
    const stored = data.map((datum, i) => storedDatapoint(datum, `MetricData.member.${i + 1}`, now));
    data.forEach((datum, i) => state.put(ctx.region, { Namespace: namespace, MetricName: datum.MetricName ?? '', Dimensions: dimensionsOf(datum) }, stored[i]!, now));
    return {};
  };
}

function dimensionsOf(datum: MetricDatum): Array<{ Name: string; Value: string }> {
  return (datum.Dimensions ?? []).map((d) => ({ Name: d.Name ?? '', Value: d.Value ?? '' }));
}

function storedDatapoint(datum: MetricDatum, at: string, now: number): StoredDatapoint {
  if ((datum.Dimensions?.length ?? 0) > DIMENSIONS_PER_METRIC) {
    throw invalidValue(`The collection ${at}.Dimensions must not contain more than ${DIMENSIONS_PER_METRIC} items.`);
  }
  const timestamp = datum.Timestamp === undefined ? now : new Date(datum.Timestamp).getTime();
  if (timestamp < now - TWO_WEEKS) throw invalidValue(`The parameter ${at}.Timestamp must specify a time within the past two weeks.`);
  if (timestamp > now + TWO_HOURS) throw invalidValue(`The parameter ${at}.Timestamp must specify a time no more than two hours in the future.`);
  const storageResolution = datum.StorageResolution ?? 60;
  if (storageResolution !== 1 && storageResolution !== 60) throw invalidParameter(storageResolution, `${at}.StorageResolution`);
  const unit = datum.Unit ?? 'None';
  if (!STANDARD_UNITS.has(unit)) throw invalidParameter(unit, `${at}.Unit`);
  return { timestamp, sample: sampleOf(datum, at), unit, storageResolution };
}

function sampleOf(datum: MetricDatum, at: string): Sample {
  const given = (['Value', 'StatisticValues', 'Values'] as const).filter((member) => datum[member] !== undefined);
  if (given.length > 1) {
    throw invalidCombination(`The parameters ${at}.${given[0]} and ${at}.${given[1]} are mutually exclusive and you have specified both.`);
  }
  if (datum.StatisticValues !== undefined) {
    const { SampleCount = 0, Sum = 0, Minimum = 0, Maximum = 0 } = datum.StatisticValues;
    for (const [name, value] of Object.entries({ SampleCount, Sum, Minimum, Maximum })) checkValue(value, `${at}.StatisticValues.${name}`);
    return { set: { SampleCount, Sum, Minimum, Maximum } };
  }
  if (datum.Values !== undefined) {
    const values = datum.Values;
    if (values.length > VALUES_PER_DATUM) throw invalidValue(`The collection ${at}.Values must not contain more than ${VALUES_PER_DATUM} items.`);
    const counts = datum.Counts ?? values.map(() => 1);
    if (counts.length !== values.length) {
      throw invalidValue(`The parameters ${at}.Values and ${at}.Counts must be of the same size.`);
    }
    values.forEach((value, i) => checkValue(value, `${at}.Values.member.${i + 1}`));
    return { values: [...values], counts: [...counts] };
  }
  // A datum with none of the three: AWS's documents do not say; the sandbox takes it as a value of 0.
  const value = datum.Value ?? 0;
  checkValue(value, `${at}.Value`);
  return { values: [value], counts: [1] };
}

function checkValue(value: number, parameter: string): void {
  if (!Number.isFinite(value) || Math.abs(value) > LARGEST_VALUE) throw invalidParameter(value, parameter);
}
