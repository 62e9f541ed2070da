/**
 * One evaluation of one alarm, as the CloudWatch User Guide describes it ("Evaluating an
 * alarm" and "Configuring how CloudWatch alarms treat missing data",
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html):
 *
 * - CloudWatch reads more periods than EvaluationPeriods (N), the *evaluation range*. The
 *   guide's tables read 5 periods for N = 3; here the range is N + 2 periods (the guide
 *   gives no formula, so the extra two are the tables' own).
 * - With at least N real datapoints in the range, the newest N real ones are evaluated and
 *   TreatMissingData is not used.
 * - With fewer, `breaching` / `notBreaching` fill the newest missing periods (as few as
 *   needed to make N) as breaching / not breaching; every real datapoint still counts.
 * - `missing` and `ignore` evaluate the real datapoints alone: ALARM once DatapointsToAlarm
 *   (M) breach, OK once one does not; otherwise `ignore` keeps the state, and `missing` goes
 *   to INSUFFICIENT_DATA unless the breaching data is older than the last N periods (the
 *   metric stopped reporting: the tables' `X - - - -` row goes to ALARM, `- - - - X` does not).
 * - With no datapoint in the range: `missing` INSUFFICIENT_DATA, `ignore` keeps the state,
 *   `breaching` ALARM, `notBreaching` OK.
 *
 * This module is a leaf: periods in, a state and its StateReason words out.
 */
import type { AlarmStateValue } from './records.js';
import { javaDouble, javaJson, jsonTime, reasonTime } from './wording.js';

export const COMPARISONS: Readonly<Record<string, { words: string; test: (value: number, threshold: number) => boolean }>> = {
  GreaterThanOrEqualToThreshold: { words: 'greater than or equal to', test: (v, t) => v >= t },
  GreaterThanThreshold: { words: 'greater than', test: (v, t) => v > t },
  LessThanThreshold: { words: 'less than', test: (v, t) => v < t },
  LessThanOrEqualToThreshold: { words: 'less than or equal to', test: (v, t) => v <= t },
};

/** One period of the evaluation range: its start, and its value when CloudWatch has one. */
export interface Slot {
  timestamp: number;
  value?: number;
  sampleCount?: number;
}

export interface EvaluationRule {
  evaluationPeriods: number;
  datapointsToAlarm: number;
  /** Whether PutMetricAlarm named DatapointsToAlarm: the reason then says "M out of the last N". */
  datapointsToAlarmGiven: boolean;
  comparison: string;
  threshold: number;
  treatMissingData: string;
  period: number;
  /** `statistic` or `extendedStatistic` and `unit` of a metric alarm, for StateReasonData. */
  statistic?: Record<string, string>;
}

export interface Evaluation {
  /** `undefined`: the state is kept (TreatMissingData ignore). */
  state?: AlarmStateValue;
  reason: string;
  reasonData: string;
}

export const rangeLength = (evaluationPeriods: number): number => evaluationPeriods + 2;

/** The state `slots` (the range, oldest first) put the alarm in at `at`, coming from `current`. */
export function evaluate(rule: EvaluationRule, slots: readonly Slot[], current: AlarmStateValue, at: number): Evaluation {
  const n = rule.evaluationPeriods;
  const m = rule.datapointsToAlarm;
  const breaches = (slot: Slot): boolean => COMPARISONS[rule.comparison]!.test(slot.value!, rule.threshold);
  const real = slots.filter((slot) => slot.value !== undefined);
  const mode = rule.treatMissingData;

  let evaluated: Slot[];
  let filled = 0;
  let fillBreaches = false;
  let state: AlarmStateValue | undefined;
  if (real.length >= n) {
    evaluated = real.slice(-n);
    state = evaluated.filter(breaches).length >= m ? 'ALARM' : 'OK';
  } else if (mode === 'breaching' || mode === 'notBreaching') {
    filled = n - real.length;
    fillBreaches = mode === 'breaching';
    const missing = slots.filter((slot) => slot.value === undefined).slice(-filled);
    evaluated = [...real, ...missing].sort((a, b) => a.timestamp - b.timestamp);
    state = real.filter(breaches).length + (fillBreaches ? filled : 0) >= m ? 'ALARM' : 'OK';
  } else {
    evaluated = real;
    const breaching = real.filter(breaches).length;
    const lastN = slots.slice(-n)[0]?.timestamp ?? at;
    if (real.length > 0 && breaching >= m) state = 'ALARM';
    else if (real.length > breaching) state = 'OK';
    else if (mode === 'ignore') state = undefined;
    else state = real.length > 0 && real[0]!.timestamp < lastN ? 'ALARM' : 'INSUFFICIENT_DATA';
  }

  // StateReasonData lists the N periods evaluated, missing ones by their time alone, as AWS does.
  const shown = real.length >= n ? real.slice(-n)
    : [...real, ...slots.filter((slot) => slot.value === undefined).slice(-(n - real.length))].sort((a, b) => a.timestamp - b.timestamp);
  const reasonData = reasonDataOf(rule, shown, at);
  if (state === undefined) return { reason: '', reasonData };
  if (state === 'INSUFFICIENT_DATA') {
    const unknown = n - real.length;
    return { state, reason: `Insufficient Data: ${count(unknown, 'datapoint')} ${unknown === 1 ? 'was' : 'were'} unknown.`, reasonData };
  }
  const wanted = state === 'ALARM';
  const listed = evaluated.filter((slot) => slot.value !== undefined && breaches(slot) === wanted).reverse();
  return { state, reason: thresholdReason(rule, state, current, listed, real.length, filled, fillBreaches, n, m), reasonData };
}

/**
 * AWS's words, as its alarms write them: `Threshold Crossed: 1 datapoint [12.0 (12/04/26
 * 14:02:00)] was greater than the threshold (10.0).`; with DatapointsToAlarm, `1 out of the
 * last 20 datapoints [...] ... and 19 missing datapoints were treated as [NonBreaching]
 * (minimum 1 datapoint for OK -> ALARM transition).`; and when no real datapoint shows the
 * new state, `no datapoints were received for 2 periods and 2 missing datapoints were
 * treated as [Breaching].` (or `1 datapoint was received for 3 periods and ...`). Filled
 * periods are named whichever way they counted, as AWS does.
 */
function thresholdReason(rule: EvaluationRule, state: AlarmStateValue, current: AlarmStateValue, listed: Slot[], received: number, fills: number, fillBreaches: boolean, n: number, m: number): string {
  const words = `${state === 'OK' ? 'not ' : ''}${COMPARISONS[rule.comparison]!.words}`;
  const treatedAs = fillBreaches ? 'Breaching' : 'NonBreaching';
  if (listed.length === 0) {
    const got = received === 0 ? 'no datapoints were' : `${count(received, 'datapoint')} ${received === 1 ? 'was' : 'were'}`;
    return `Threshold Crossed: ${got} received for ${count(n, 'period')} and ${count(fills, 'missing datapoint')} ${fills === 1 ? 'was' : 'were'} treated as [${treatedAs}].`;
  }
  const points = `[${listed.map((slot) => `${javaDouble(slot.value!)} (${reasonTime(slot.timestamp)})`).join(', ')}]`;
  const verb = listed.length === 1 ? 'was' : 'were';
  const missing = fills > 0 ? ` and ${count(fills, 'missing datapoint')} ${fills === 1 ? 'was' : 'were'} treated as [${treatedAs}]` : '';
  const threshold = `the threshold (${javaDouble(rule.threshold)})`;
  if (!rule.datapointsToAlarmGiven) return `Threshold Crossed: ${count(listed.length, 'datapoint')} ${points} ${verb} ${words} ${threshold}${missing}.`;
  const minimum = state === 'ALARM' ? m : n - m + 1;
  return `Threshold Crossed: ${listed.length} out of the last ${n} datapoints ${points} ${verb} ${words} ${threshold}${missing} (minimum ${count(minimum, 'datapoint')} for ${current} -> ${state} transition).`;
}

const DOUBLES = new Set(['recentDatapoints', 'threshold', 'sampleCount', 'value']);

function reasonDataOf(rule: EvaluationRule, evaluated: readonly Slot[], at: number): string {
  const real = evaluated.filter((slot) => slot.value !== undefined);
  return javaJson({
    version: '1.0',
    queryDate: jsonTime(at),
    // The oldest real datapoint evaluated; absent when there was none (an INSUFFICIENT_DATA evaluation).
    ...(real.length > 0 ? { startDate: jsonTime(real[0]!.timestamp) } : {}),
    ...rule.statistic,
    period: rule.period,
    recentDatapoints: real.map((slot) => slot.value!),
    threshold: rule.threshold,
    evaluatedDatapoints: [...evaluated].reverse().map((slot) => ({
      timestamp: jsonTime(slot.timestamp),
      ...(slot.sampleCount === undefined ? {} : { sampleCount: slot.sampleCount }),
      ...(slot.value === undefined ? {} : { value: slot.value }),
    })),
  }, DOUBLES);
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
