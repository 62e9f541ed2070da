/**
 * CloudWatch metrics through the real CloudWatchClient against the sandbox over HTTP:
 * PutMetricData of 10,000 datapoints (10 metrics of 1,000 minutes, 1,000 datapoints a call,
 * the API's limit), then GetMetricData reading them back, as 10 MetricStat queries and
 * again with metric math and a SEARCH on top. Shown, not judged: there is no reference.
 */
import { CloudWatchClient, GetMetricDataCommand, PutMetricDataCommand, type MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import { startSandbox } from '../../src/sandbox/server.js';
import { createServices } from '../../src/sandbox/services/index.js';
import type { BenchEntry, Comparison } from '../harness.js';

const credentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const METRICS = 10;
const MINUTES = 1000;
const ROUNDS = 5;
const MINUTE = 60_000;
const Namespace = 'Bench/App';

const metric = (m: number) => ({ Namespace, MetricName: 'Latency', Dimensions: [{ Name: 'Host', Value: `host-${m}` }] });

const STAT_QUERIES: MetricDataQuery[] = Array.from({ length: METRICS }, (_, m) => ({ Id: `m${m}`, MetricStat: { Metric: metric(m), Period: 60, Stat: 'Average' } }));
const MATH_QUERIES: MetricDataQuery[] = [
  ...STAT_QUERIES.map((query) => ({ ...query, ReturnData: false })),
  { Id: 'total', Expression: 'SUM(METRICS())' },
  { Id: 'spread', Expression: 'MAX(METRICS()) - MIN(METRICS())' },
  { Id: 'filled', Expression: 'FILL(m0, REPEAT) * 2' },
  { Id: 'hosts', Expression: `SEARCH('{${Namespace},Host} MetricName="Latency"', 'Average', 60)` },
  { Id: 'top', Expression: 'SORT(hosts, AVG, DESC, 3)', Label: "${PROP('Dim.Host')} avg ${AVG}" },
];

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return (performance.now() - started) / 1000;
}

export const cloudwatchMetrics: BenchEntry = {
  name: 'cloudwatch',
  about: `PutMetricData of ${(METRICS * MINUTES).toLocaleString('en-US')} datapoints, then GetMetricData over them (MetricStat; metric math and SEARCH), ${ROUNDS} rounds`,
  run: async () => {
    const sandbox = await startSandbox({ port: 0, services: await createServices(['cloudwatch']) });
    const cw = new CloudWatchClient({ endpoint: sandbox.url, region: 'us-east-1', credentials });
    try {
      const end = Math.floor(Date.now() / MINUTE) * MINUTE;
      const start = end - MINUTES * MINUTE;
      const puts: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        sandbox.router.reset();
        puts.push(await timed(async () => {
          for (let m = 0; m < METRICS; m++) {
            await cw.send(new PutMetricDataCommand({
              Namespace,
              MetricData: Array.from({ length: MINUTES }, (_, i) => ({
                MetricName: 'Latency', Dimensions: metric(m).Dimensions, Timestamp: new Date(start + i * MINUTE), Value: 100 + m + (i % 17), Unit: 'Milliseconds' as const,
              })),
            }));
          }
        }));
      }
      const read = (MetricDataQueries: MetricDataQuery[]) => () => cw.send(new GetMetricDataCommand({ StartTime: new Date(start), EndTime: new Date(end), MetricDataQueries }));
      await read(MATH_QUERIES)(); // untimed: the JIT's warm-up
      const points = (await read(STAT_QUERIES)()).MetricDataResults?.reduce((sum, result) => sum + (result.Values?.length ?? 0), 0) ?? 0;
      const comparisons: Comparison[] = [{ figure: `PutMetricData x${METRICS}`, lab: puts }];
      for (const [figure, queries] of [['GetMetricData MetricStat', STAT_QUERIES], ['GetMetricData math+SEARCH', MATH_QUERIES]] as const) {
        const seconds: number[] = [];
        for (let round = 0; round < ROUNDS; round++) seconds.push(await timed(read(queries)));
        comparisons.push({ figure, lab: seconds });
      }
      return {
        reference: 'none: the sandbox alone, through the SDK over HTTP',
        comparisons,
        notes: [`GetMetricData MetricStat returns ${points.toLocaleString('en-US')} datapoints a call; math+SEARCH reads the same 10 metrics and returns 16 series: SUM, MAX-MIN and FILL of them, the 10 SEARCH finds, and SORT's top 3`],
      };
    } finally {
      cw.destroy();
      await sandbox.stop();
    }
  },
};
