/**
 * What day 6 measured, kept for day 7's evaluation: remembered in the ledger's outputs of
 * week8-day6 (`ctx.remember('results', JSON)`), so it lives exactly as long as the week's
 * resources and `lab cleanup` forgets it with them. The HTML report is the learner's own
 * file, written under the lab config directory, and stays.
 */
import type { LatencySummary } from '../../src/bench/latency.js';
import type { FillResult } from '../../src/cache/eviction.js';

export const DAY6 = 'week8-day6';
export const RESULTS_KEY = 'results';

export interface Day6Results {
  measuredAt: string;
  /** The hit ratio the benchmark asked for and the one it got. */
  plannedHitRatio: number;
  measuredHitRatio: number;
  summaries: LatencySummary[];
  reportFile?: string;
  eviction?: { before: FillResult; after: FillResult; policy: string };
}

export function parseResults(text: string | undefined): Day6Results | undefined {
  if (!text || text.startsWith('<')) return undefined;
  return JSON.parse(text) as Day6Results;
}
