/**
 * Logs Insights over a busy log group: 100,000 events put through the SDK, then
 * `stats count(*) by bin(1m)` (and the same behind a regex filter) from StartQuery to its
 * completed results, on a clock whose query delays are zero so only the work is timed.
 */
import {
  CloudWatchLogsClient, CreateLogGroupCommand, CreateLogStreamCommand, GetQueryResultsCommand, PutLogEventsCommand, StartQueryCommand,
  type InputLogEvent,
} from '@aws-sdk/client-cloudwatch-logs';
import { createClock } from '../../src/sandbox/clock.js';
import { startSandbox } from '../../src/sandbox/server.js';
import { createServices } from '../../src/sandbox/services/index.js';
import type { BenchEntry, Comparison } from '../harness.js';

const credentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const EVENTS = 100_000;
/** PutLogEvents takes at most 10,000 events a call. */
const BATCH = 10_000;
const SPACING_MS = 50;
const ROUNDS = 5;
const GOAL_SECONDS = 1;
const QUERIES = ['stats count(*) by bin(1m)', 'filter @message like /ERROR/ | stats count(*) by bin(1m)'];

export const logsInsights: BenchEntry = {
  name: 'logs-insights',
  about: `${QUERIES.length} Logs Insights queries over ${EVENTS.toLocaleString('en')} events, StartQuery to Complete, ${ROUNDS} runs each`,
  run: async () => {
    const sandbox = await startSandbox({
      port: 0,
      services: await createServices(['logs']),
      clock: createClock({ delays: { 'logs.query.scheduled': 0, 'logs.query.running': 0 } }),
    });
    const logs = new CloudWatchLogsClient({ endpoint: sandbox.url, region: 'us-east-1', credentials });
    try {
      const logGroupName = '/bench/app';
      await logs.send(new CreateLogGroupCommand({ logGroupName }));
      await logs.send(new CreateLogStreamCommand({ logGroupName, logStreamName: 'web' }));
      const first = Date.now() - EVENTS * SPACING_MS;
      for (let batch = 0; batch < EVENTS / BATCH; batch++) {
        const logEvents: InputLogEvent[] = Array.from({ length: BATCH }, (_, i) => {
          const n = batch * BATCH + i;
          return { timestamp: first + n * SPACING_MS, message: `${n % 7 === 0 ? 'ERROR' : 'INFO'} GET /orders/${n} 200 ${n % 300}ms` };
        });
        await logs.send(new PutLogEventsCommand({ logGroupName, logStreamName: 'web', logEvents }));
      }
      const comparisons: Comparison[] = [];
      const notes: string[] = [];
      for (const queryString of QUERIES) {
        const times: number[] = [];
        let rows = 0;
        for (let run = 0; run < ROUNDS; run++) {
          const started = performance.now();
          const { queryId } = await logs.send(new StartQueryCommand({
            logGroupName, queryString, startTime: Math.floor(first / 1000), endTime: Math.ceil(Date.now() / 1000),
          }));
          let output = await logs.send(new GetQueryResultsCommand({ queryId }));
          while (output.status !== 'Complete') output = await logs.send(new GetQueryResultsCommand({ queryId }));
          times.push((performance.now() - started) / 1000);
          rows = output.results?.length ?? 0;
        }
        comparisons.push({ figure: queryString, lab: times, goal: { text: `under ${GOAL_SECONDS} s`, met: Math.max(...times) < GOAL_SECONDS } });
        notes.push(`${queryString}: ${rows} rows`);
      }
      return { reference: 'none: AWS runs these queries in seconds, on its own machines', comparisons, notes };
    } finally {
      logs.destroy();
      await sandbox.stop();
    }
  },
};
