/**
 * Alarm evaluation on a stepped sandbox clock, through the real CloudWatchClient: the
 * examples of the CloudWatch User Guide's "Evaluating an alarm" and "Configuring how
 * CloudWatch alarms treat missing data" (AlarmThatSendsEmail.html), the StateReason words
 * and the history each transition leaves.
 */
import { DescribeAlarmHistoryCommand, DescribeAlarmsCommand, PutMetricAlarmCommand, PutMetricDataCommand, SetAlarmStateCommand, type PutMetricAlarmCommandInput } from '@aws-sdk/client-cloudwatch';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MINUTE, startHarness, type Harness } from './harness.js';

let h: Harness;
let serial = 0;

before(async () => {
  h = await startHarness();
});

after(() => h.close());

/** The next whole minute after the clock: the boundary a test's evaluation falls on. */
const nextBoundary = (): number => Math.floor(h.now.at / MINUTE) * MINUTE + MINUTE;

async function put(metric: string, timestamp: number, value: number): Promise<void> {
  await h.cw.send(new PutMetricDataCommand({ Namespace: 'Lab/Alarms', MetricData: [{ MetricName: metric, Timestamp: new Date(timestamp), Value: value }] }));
}

async function alarm(name: string): Promise<{ StateValue?: string; StateReason?: string; StateReasonData?: string; StateTransitionedTimestamp?: Date }> {
  const { MetricAlarms } = await h.cw.send(new DescribeAlarmsCommand({ AlarmNames: [name] }));
  return MetricAlarms![0]!;
}

function alarmOn(metric: string, settings: Partial<PutMetricAlarmCommandInput>): PutMetricAlarmCommandInput {
  return {
    AlarmName: metric, Namespace: 'Lab/Alarms', MetricName: metric, Statistic: 'Maximum', Period: 60,
    EvaluationPeriods: 3, Threshold: 10, ComparisonOperator: 'GreaterThanThreshold', ...settings,
  };
}

/**
 * One row of the guide's tables: five periods, oldest first (X breaching, 0 not, - missing),
 * evaluated once at the boundary after the fifth. `ignore` alarms are set OK first, so
 * "Retain current state" reads OK.
 */
async function tableRow(pattern: string, treatMissingData: string, datapointsToAlarm: number): Promise<string> {
  const metric = `row${++serial}`;
  const at = nextBoundary();
  h.now.at = at - 30_000;
  const slots = pattern.split(' ');
  for (const [i, slot] of slots.entries()) {
    if (slot !== '-') await put(metric, at - (slots.length - i) * MINUTE + 10_000, slot === 'X' ? 20 : 5);
  }
  await h.cw.send(new PutMetricAlarmCommand(alarmOn(metric, { DatapointsToAlarm: datapointsToAlarm, TreatMissingData: treatMissingData })));
  if (treatMissingData === 'ignore') await h.cw.send(new SetAlarmStateCommand({ AlarmName: metric, StateValue: 'OK', StateReason: 'retained' }));
  h.now.at = at;
  return (await alarm(metric)).StateValue!;
}

const MODES = ['missing', 'ignore', 'breaching', 'notBreaching'] as const;
const RETAIN = 'OK';

describe('missing data, Datapoints to Alarm 3 of Evaluation Periods 3 (the guide\'s first table)', () => {
  const rows: Array<[string, string[]]> = [
    ['0 - X - X', ['OK', 'OK', 'OK', 'OK']],
    ['0 - - - -', ['OK', 'OK', 'OK', 'OK']],
    ['- - - - -', ['INSUFFICIENT_DATA', RETAIN, 'ALARM', 'OK']],
    ['0 X X - X', ['ALARM', 'ALARM', 'ALARM', 'ALARM']],
    ['- - - - X', ['INSUFFICIENT_DATA', RETAIN, 'ALARM', 'OK']],
    ['X - - - -', ['ALARM', RETAIN, 'ALARM', 'OK']],
  ];
  for (const [pattern, expected] of rows) {
    it(`${pattern}: ${expected.join(' / ')}`, async () => {
      for (const [i, mode] of MODES.entries()) assert.equal(await tableRow(pattern, mode, 3), expected[i], `${pattern} with ${mode}`);
    });
  }
});

describe('missing data, 2 out of 3 (the guide\'s second table)', () => {
  const rows: Array<[string, string[]]> = [
    ['0 - X - X', ['ALARM', 'ALARM', 'ALARM', 'ALARM']],
    ['0 0 X 0 X', ['ALARM', 'ALARM', 'ALARM', 'ALARM']],
    ['0 - X - -', ['OK', 'OK', 'ALARM', 'OK']],
    ['- - - - 0', ['OK', 'OK', 'ALARM', 'OK']],
    ['- - - - X', ['INSUFFICIENT_DATA', RETAIN, 'ALARM', 'OK']],
  ];
  for (const [pattern, expected] of rows) {
    it(`${pattern}: ${expected.join(' / ')}`, async () => {
      for (const [i, mode] of MODES.entries()) assert.equal(await tableRow(pattern, mode, 2), expected[i], `${pattern} with ${mode}`);
    });
  }
});

describe('evaluating an alarm, minute by minute', () => {
  it('follows the guide\'s figure: 3 of 3 above 3 goes to ALARM, one dip goes OK, a single breach stays OK', async () => {
    const metric = `figure${++serial}`;
    const start = nextBoundary();
    h.now.at = start;
    await h.cw.send(new PutMetricAlarmCommand(alarmOn(metric, { Threshold: 3 })));
    const values = [2, 2, 4, 4, 4, 2, 2, 2, 4, 2];
    const states: string[] = [];
    for (const [i, value] of values.entries()) {
      await put(metric, start + i * MINUTE + 5_000, value);
      h.now.at = start + (i + 1) * MINUTE;
      states.push((await alarm(metric)).StateValue!);
    }
    assert.deepEqual(states, ['OK', 'OK', 'OK', 'OK', 'ALARM', 'OK', 'OK', 'OK', 'OK', 'OK']);

    const { AlarmHistoryItems } = await h.cw.send(new DescribeAlarmHistoryCommand({ AlarmName: metric, HistoryItemType: 'StateUpdate' }));
    assert.deepEqual(AlarmHistoryItems!.map((item) => item.HistorySummary), [
      'Alarm updated from ALARM to OK', 'Alarm updated from OK to ALARM', 'Alarm updated from INSUFFICIENT_DATA to OK',
    ]);
    assert.deepEqual(AlarmHistoryItems!.map((item) => item.Timestamp!.getTime()), [start + 6 * MINUTE, start + 5 * MINUTE, start + MINUTE]);
    const data = JSON.parse(AlarmHistoryItems![1]!.HistoryData!);
    assert.deepEqual(data.oldState.stateValue, 'OK');
    assert.equal(data.newState.stateValue, 'ALARM');
    assert.match(data.newState.stateReason, /^Threshold Crossed: 3 datapoints \[/);
    assert.equal(data.newState.stateReasonData.threshold, 3);
  });

  it('words the reason as AWS does: one datapoint, Java doubles and dd/MM/yy times', async () => {
    const metric = `reason${++serial}`;
    const at = nextBoundary();
    h.now.at = at - 50_000;
    await h.cw.send(new PutMetricAlarmCommand(alarmOn(metric, { EvaluationPeriods: 1, Statistic: 'Average' })));
    await put(metric, at - 40_000, 12);
    h.now.at = at;
    const state = await alarm(metric);
    const stamp = new Date(at - MINUTE);
    const two = (n: number): string => String(n).padStart(2, '0');
    const when = `${two(stamp.getUTCDate())}/${two(stamp.getUTCMonth() + 1)}/${two(stamp.getUTCFullYear() % 100)} ${two(stamp.getUTCHours())}:${two(stamp.getUTCMinutes())}:00`;
    assert.equal(state.StateValue, 'ALARM');
    assert.equal(state.StateReason, `Threshold Crossed: 1 datapoint [12.0 (${when})] was greater than the threshold (10.0).`);
    assert.equal(state.StateTransitionedTimestamp!.getTime(), at);
    const iso = (ms: number): string => new Date(ms).toISOString().replace('Z', '+0000');
    assert.equal(state.StateReasonData,
      `{"version":"1.0","queryDate":"${iso(at)}","startDate":"${iso(at - MINUTE)}","statistic":"Average","period":60,"recentDatapoints":[12.0],"threshold":10.0,"evaluatedDatapoints":[{"timestamp":"${iso(at - MINUTE)}","sampleCount":1.0,"value":12.0}]}`);

    // Back to INSUFFICIENT_DATA when the datapoint leaves the range: the reason data names the missing period by its time alone.
    h.now.at = at + 3 * MINUTE;
    const unknown = await alarm(metric);
    assert.equal(unknown.StateValue, 'INSUFFICIENT_DATA');
    assert.equal(unknown.StateReason, 'Insufficient Data: 1 datapoint was unknown.');
    assert.equal(unknown.StateReasonData,
      `{"version":"1.0","queryDate":"${iso(at + 3 * MINUTE)}","statistic":"Average","period":60,"recentDatapoints":[],"threshold":10.0,"evaluatedDatapoints":[{"timestamp":"${iso(at + 2 * MINUTE)}"}]}`);
  });

  it('says "M out of the last N" and the minimum when DatapointsToAlarm is given', async () => {
    const metric = `mofn${++serial}`;
    const at = nextBoundary();
    h.now.at = at - 30_000;
    await put(metric, at - 3 * MINUTE + 1_000, 20);
    await put(metric, at - 2 * MINUTE + 1_000, 5);
    await put(metric, at - MINUTE + 1_000, 30);
    await h.cw.send(new PutMetricAlarmCommand(alarmOn(metric, { DatapointsToAlarm: 2 })));
    h.now.at = at;
    const { StateValue, StateReason } = await alarm(metric);
    assert.equal(StateValue, 'ALARM');
    assert.match(StateReason!, /^Threshold Crossed: 2 out of the last 3 datapoints \[30\.0 \(\d\d\/\d\d\/\d\d \d\d:\d\d:00\), 20\.0 \(\d\d\/\d\d\/\d\d \d\d:\d\d:00\)\] were greater than the threshold \(10\.0\) \(minimum 2 datapoints for INSUFFICIENT_DATA -> ALARM transition\)\.$/);
  });

  it('explains missing data treated as breaching, and unknown data', async () => {
    const breaching = `nodata${++serial}`;
    const unknown = `unknown${serial}`;
    const at = nextBoundary();
    h.now.at = at - 30_000;
    await h.cw.send(new PutMetricAlarmCommand(alarmOn(breaching, { EvaluationPeriods: 2, TreatMissingData: 'breaching' })));
    await h.cw.send(new PutMetricAlarmCommand(alarmOn(unknown, { EvaluationPeriods: 1 })));
    await h.cw.send(new SetAlarmStateCommand({ AlarmName: unknown, StateValue: 'OK', StateReason: 'by hand' }));
    h.now.at = at;
    const a = await alarm(breaching);
    assert.equal(a.StateValue, 'ALARM');
    assert.equal(a.StateReason, 'Threshold Crossed: no datapoints were received for 2 periods and 2 missing datapoints were treated as [Breaching].');
    const b = await alarm(unknown);
    assert.equal(b.StateValue, 'INSUFFICIENT_DATA');
    assert.equal(b.StateReason, 'Insufficient Data: 1 datapoint was unknown.');
  });

  it('names the missing datapoints it filled in, as AWS words it', async () => {
    const metric = `filled${++serial}`;
    const at = nextBoundary();
    h.now.at = at - 30_000;
    // The second table's "0 - X - -" with breaching: one real breach and one filled period make 2 of 3.
    await put(metric, at - 5 * MINUTE + 1_000, 5);
    await put(metric, at - 3 * MINUTE + 1_000, 20);
    await h.cw.send(new PutMetricAlarmCommand(alarmOn(metric, { DatapointsToAlarm: 2, TreatMissingData: 'breaching' })));
    h.now.at = at;
    const { StateValue, StateReason } = await alarm(metric);
    assert.equal(StateValue, 'ALARM');
    assert.match(StateReason!, /^Threshold Crossed: 1 out of the last 3 datapoints \[20\.0 \(.{17}\)\] was greater than the threshold \(10\.0\) and 1 missing datapoint was treated as \[Breaching\] \(minimum 2 datapoints for INSUFFICIENT_DATA -> ALARM transition\)\.$/);
  });

  it('puts an alarm set by hand back to its real state at the next evaluation', async () => {
    const metric = `manual${++serial}`;
    const at = nextBoundary();
    h.now.at = at - 30_000;
    await put(metric, at - 50_000, 1);
    await h.cw.send(new PutMetricAlarmCommand(alarmOn(metric, { EvaluationPeriods: 1 })));
    await h.cw.send(new SetAlarmStateCommand({ AlarmName: metric, StateValue: 'ALARM', StateReason: 'testing' }));
    const set = await alarm(metric);
    assert.equal(set.StateValue, 'ALARM');
    assert.equal(set.StateReason, 'testing');
    h.now.at = at;
    const back = await alarm(metric);
    assert.equal(back.StateValue, 'OK');
    assert.match(back.StateReason!, /^Threshold Crossed: 1 datapoint \[1\.0 \(.*\)\] was not greater than the threshold \(10\.0\)\.$/);
    const { AlarmHistoryItems } = await h.cw.send(new DescribeAlarmHistoryCommand({ AlarmName: metric, HistoryItemType: 'StateUpdate', ScanBy: 'TimestampAscending' }));
    assert.deepEqual(AlarmHistoryItems!.map((item) => item.HistorySummary), ['Alarm updated from INSUFFICIENT_DATA to ALARM', 'Alarm updated from ALARM to OK']);
  });

  it('evaluates an alarm on Metrics through GetMetricData', async () => {
    const metric = `queries${++serial}`;
    const at = nextBoundary();
    h.now.at = at - 30_000;
    await put(metric, at - 50_000, 50);
    await h.cw.send(new PutMetricAlarmCommand({
      AlarmName: metric, EvaluationPeriods: 1, Threshold: 10, ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Metrics: [{ Id: 'm1', MetricStat: { Metric: { Namespace: 'Lab/Alarms', MetricName: metric }, Period: 60, Stat: 'Sum' }, ReturnData: true }],
    }));
    h.now.at = at;
    const state = await alarm(metric);
    assert.equal(state.StateValue, 'ALARM');
    assert.match(state.StateReason!, /^Threshold Crossed: 1 datapoint \[50\.0 .*\] was greater than or equal to the threshold \(10\.0\)\.$/);
    assert.equal(JSON.parse(state.StateReasonData!).statistic, undefined);
  });
});
