/**
 * Day 7's look back at the week, computed from the ledger (what ran, when, what it made and
 * for how long) and from day 6's measurements. Pure functions of that data, so the
 * evaluation can be read and tested without AWS.
 */
import { ELASTICACHE_PRICES_AS_OF } from '../../src/aws/prices.js';
import { SERIES } from '../../src/bench/cache-aside-benchmark.js';
import { formatMillis } from '../../src/bench/histogram.js';
import { resourceType } from '../../src/cleanup/registry.js';
import type { LedgerData, ResourceRecord } from '../../src/ledger/ledger.js';
import { estimatedCostUsd } from '../../src/runner/lab.js';
import type { Day6Results } from '../week8-day6/results.js';

/** The labs whose resources and time count as the week's. */
export function isWeek8(lab: string): boolean {
  return lab.startsWith('week8-');
}

export function weekRecords(data: LedgerData): ResourceRecord[] {
  return data.resources.filter((record) => isWeek8(record.lab) && record.status !== 'failed' && record.resourceId !== undefined);
}

export function timeSpent(data: LedgerData, now: Date): { Lab: string; Run: string; Started: string; Took: string; Outcome: string }[] {
  return Object.entries(data.runs)
    .filter(([, run]) => isWeek8(run.lab))
    .sort(([, a], [, b]) => a.startedAt.localeCompare(b.startedAt))
    .map(([id, run]) => ({
      Lab: run.lab,
      Run: id,
      Started: run.startedAt,
      Took: duration(new Date(run.endedAt ?? now.toISOString()).getTime() - new Date(run.startedAt).getTime()),
      Outcome: run.outcome ?? 'running',
    }));
}

/** What each resource would have cost on AWS for as long as it lived (until its deletion, or now). */
export function estimatedCosts(records: ResourceRecord[], now: Date): { rows: { Resource: string; Id: string; Lab: string; Lived: string; PerHourUsd: string; EstimatedUsd: string }[]; totalUsd: number } {
  let totalUsd = 0;
  const rows = records.map((record) => {
    const type = resourceType(record.type);
    const perHour = type?.hourlyCostUsd?.(record) ?? 0;
    const end = record.status === 'deleted' ? new Date(record.updatedAt) : now;
    const cost = estimatedCostUsd(perHour, new Date(record.createdAt), end);
    totalUsd += cost;
    return {
      Resource: type?.title ?? record.type,
      Id: record.resourceId ?? '',
      Lab: record.lab,
      Lived: duration(end.getTime() - new Date(record.createdAt).getTime()),
      PerHourUsd: perHour === 0 ? 'per request / free' : perHour.toFixed(4),
      EstimatedUsd: cost.toFixed(4),
    };
  });
  return { rows, totalUsd };
}

export function measurements(results: Day6Results | undefined): Record<string, unknown> {
  if (!results) return { Note: 'No measurements: run week8-day6 (its benchmark step) before day 7 to see the cache against the database.' };
  const find = (name: string) => results.summaries.find((one) => one.name === name);
  const hit = find(SERIES.hit);
  const miss = find(SERIES.miss);
  const direct = find(SERIES.direct);
  const speedUp = (p: 'p50' | 'p99') => (hit && direct ? `${(direct[p] / hit[p]).toFixed(1)}x` : 'n/a');
  return {
    MeasuredAt: results.measuredAt,
    HitRatio: results.measuredHitRatio.toFixed(3),
    Latency: results.summaries.map((one) => ({ Measure: one.name, P50: formatMillis(one.p50), P99: formatMillis(one.p99), Max: formatMillis(one.max) })),
    CacheHitVsDynamoDbP50: speedUp('p50'),
    CacheHitVsDynamoDbP99: speedUp('p99'),
    MissPenaltyP50: hit && miss && direct ? `a miss costs ${formatMillis(miss.p50 - direct.p50)} more than reading DynamoDB directly` : 'n/a',
    ...(results.reportFile ? { ReportFile: results.reportFile } : {}),
    ...(results.eviction
      ? { Eviction: `with ${results.eviction.policy} and a small maxmemory, the hit ratio went from ${results.eviction.before.hitRatio.toFixed(3)} to ${results.eviction.after.hitRatio.toFixed(3)} (${results.eviction.after.evictedKeys} keys evicted)` }
      : {}),
  };
}

export function priceNote(): string {
  return `List prices in us-east-1 recorded ${ELASTICACHE_PRICES_AS_OF} (src/aws/prices.ts): node-hours times the node price; DynamoDB on-demand tables cost per request and per GB stored, cents at most for this week.`;
}

function duration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
  return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
}
