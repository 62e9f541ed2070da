/**
 * `npm run bench [-- filter...]`: runs the benchmark entries whose names contain a filter
 * (all of them without one) and prints their figures. See bench/README.md.
 */
import { cloudwatchMetrics } from './entries/cloudwatch.js';
import { coldStart } from './entries/cold-start.js';
import { dynamodbThroughput } from './entries/dynamodb.js';
import { formatScan } from './entries/format-scan.js';
import { logsInsights } from './entries/logs-insights.js';
import { redisCacheHit } from './entries/redis.js';
import { sandboxDescribeVpcs, sandboxStart } from './entries/sandbox.js';
import { formatReport, selectEntries, type BenchEntry } from './harness.js';

/** Every entry, cheapest first. A new benchmark is one more module in entries/ and one line here. */
const ENTRIES: BenchEntry[] = [coldStart, sandboxStart, sandboxDescribeVpcs, dynamodbThroughput, cloudwatchMetrics, formatScan, redisCacheHit, logsInsights];

// As in bin/lab.js: the SDK's notice about future Node versions is noise in figures.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

async function main(filters: string[]): Promise<number> {
  const selected = selectEntries(ENTRIES, filters);
  if (selected.length === 0) {
    process.stderr.write(`no benchmark matches ${filters.join(' ')}; there are: ${ENTRIES.map((entry) => entry.name).join(', ')}\n`);
    return 2;
  }
  for (const entry of selected) {
    process.stdout.write(formatReport(entry, await entry.run()) + '\n');
  }
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
