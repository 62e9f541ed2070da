/**
 * A Logs Insights query as the console and the CLI run it: StartQuery over a time range
 * (epoch seconds), then GetQueryResults asked again until the status is final. Results are
 * rows of {field, value}; `@ptr` is the pointer Insights adds for fetching the full event.
 */
import type { GetQueryResultsCommandOutput } from '@aws-sdk/client-cloudwatch-logs';
import type { StepContext } from '../../src/runner/step-context.js';

const logs = () => import('@aws-sdk/client-cloudwatch-logs');

const FINAL = new Set(['Complete', 'Failed', 'Cancelled', 'Timeout', 'Unknown']);

export interface InsightsWindow {
  fromMs: number;
  toMs: number;
}

export async function runInsightsQuery(ctx: StepContext, logGroupName: string, queryString: string, window: InsightsWindow): Promise<GetQueryResultsCommandOutput> {
  const { StartQueryCommand, GetQueryResultsCommand } = await logs();
  const started = await ctx.call(new StartQueryCommand({
    logGroupName,
    queryString,
    startTime: Math.floor(window.fromMs / 1000),
    endTime: Math.ceil(window.toMs / 1000),
  }));
  const queryId = ctx.dryRun ? '<queryId>' : started.queryId!;
  const results = await ctx.waitFor(new GetQueryResultsCommand({ queryId }), (out) => FINAL.has(String(out.status)), {
    what: `query ${queryId} to complete`,
    pollMs: 1_000,
    timeoutMs: 5 * 60_000,
  });
  if (!ctx.dryRun && results.status !== 'Complete') throw new Error(`the Logs Insights query ended ${results.status}: ${queryString}`);
  return results;
}

/** The result rows as a table: the fields in first-seen order (without @ptr), a row of values each. */
export function resultTable(results: GetQueryResultsCommandOutput['results']): { columns: string[]; rows: string[][] } {
  const columns: string[] = [];
  for (const row of results ?? []) for (const cell of row) if (cell.field && cell.field !== '@ptr' && !columns.includes(cell.field)) columns.push(cell.field);
  const rows = (results ?? []).map((row) => columns.map((column) => row.find((cell) => cell.field === column)?.value ?? ''));
  return { columns, rows };
}
